/**
 * /timeline [type] — the founding timeline as a picture: every row of the article's table on one axis
 * (1900–2006), coloured and shaped by type, with the undated rows apart and ⚠ on noted years; with `type`,
 * only that type's rows. The picture's years are also in the message, as text.
 */
import { defineCommand } from '../src/answers/command.js';
import { notice } from '../src/answers/format.js';
import { rowsOfType, timelineAnswer } from '../src/answers/pictures.js';
import { TABLE_GROUPS } from '../src/data/enums.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';

export const timeline = defineCommand({
  name: 'timeline',
  options: [{ name: 'type', type: ApplicationCommandOptionType.String, choices: TABLE_GROUPS }],
  run(req, ctx) {
    const raw = req.options.type;
    const type = TABLE_GROUPS.find((t) => t === raw);
    if (raw !== undefined && !type) return notice(ctx.t('founded:badType', { types: TABLE_GROUPS.join(', ') }));
    return timelineAnswer(ctx, type ? rowsOfType(ctx, type) : undefined);
  },
});
