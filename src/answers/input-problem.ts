/** Replies the commands share: a clear, localized answer to unusable input. */
import type { Ctx } from './context.js';
import type { CommandName } from './command.js';
import { MAX_TEXT, type TextResult } from '../kernel/input.js';
import type { Payload } from '../kernel/types.js';
import { notice } from './format.js';

type Reason = Extract<TextResult, { ok: false }>['reason'];

/** Always ephemeral: a correction is for the user who typed it, not for the channel. */
export function inputProblem(ctx: Ctx, reason: Reason, command: CommandName): Payload {
  const example = ctx.t(`help:examples.${command}`);
  switch (reason) {
    case 'empty':
      return notice(ctx.t('common:input.empty', { example }));
    case 'too-long':
      return notice(ctx.t('common:input.tooLong', { max: MAX_TEXT, example }));
    case 'wrong-type':
      return notice(ctx.t('common:input.wrongType', { example }));
  }
}
