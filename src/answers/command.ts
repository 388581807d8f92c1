/**
 * What a command module is (commands/*.ts): its options as an `as const` skeleton, a pure `run` that
 * turns a request into a message payload, and optionally autocomplete and the components it answers.
 * Handlers return plain payloads; the dispatcher (src/app/dispatch.ts) applies the language, `hide` and
 * every Discord limit once, so no handler repeats them.
 */
import type { IdCodec } from '../kernel/custom-id.js';
import type { OptionSpec, OptionsOf } from '../kernel/options.js';
import type {
  AutocompleteRequest,
  Choice,
  CommandRequest,
  ComponentReply,
  MessageCommandRequest,
  ComponentRequest,
  Payload,
  PictureAnswer,
} from '../kernel/types.js';
import type { Ctx, Services } from './context.js';

export const COMMAND_NAMES = [
  'org',
  'compare',
  'taiwan',
  'founded',
  'list',
  'timeline',
  'ask',
  'about',
  'help',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A component the command answers: the codec of its custom_ids and what a click on one returns. */
export interface ComponentRoute {
  readonly tag: string;
  /** The reply, or undefined when the id is not this route's or its state no longer resolves (stale). */
  answer(customId: string, req: ComponentRequest, services: Services): ComponentReply | undefined;
}

/** Binds a codec to its handler: the handler gets the decoded, typed state. */
export function onComponent<T>(
  codec: IdCodec<T>,
  handle: (state: T, req: ComponentRequest, services: Services) => ComponentReply | undefined,
): ComponentRoute {
  return {
    tag: codec.tag,
    answer(customId, req, services) {
      const state = codec.decode(customId);
      return state === undefined ? undefined : handle(state, req, services);
    },
  };
}

export interface CommandModule<O extends readonly OptionSpec[] = readonly OptionSpec[]> {
  readonly name: CommandName;
  readonly options: O;
  /** The answer: a message, or a message with the picture it shows (drawn by the door, see src/app/pictures.ts). */
  run(req: CommandRequest<OptionsOf<O>>, ctx: Ctx): Payload | PictureAnswer;
  autocomplete?(req: AutocompleteRequest<OptionsOf<O>>, ctx: Ctx): Choice[];
  readonly components?: readonly ComponentRoute[];
}

/**
 * A message context-menu command: no options, the target message's text in. Its name is the English one
 * Discord sends back; the zh-TW name comes from commands.json `<key>.name`.
 */
export interface MessageCommandModule {
  readonly name: string;
  /** The commands.json key of its localized name. */
  readonly key: 'lookUp';
  run(req: MessageCommandRequest, ctx: Ctx): Payload;
}

export function defineMessageCommand(command: MessageCommandModule): MessageCommandModule {
  return command;
}

/** Declares a command; its handlers' `req.options` are typed from its `options` list. */
export function defineCommand<const O extends readonly OptionSpec[]>(command: CommandModule<O>): CommandModule<O> {
  return command;
}
