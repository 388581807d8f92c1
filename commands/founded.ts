/**
 * /founded when [type] — organizations by founding date: a year (1998), a range (1990-1999), a decade
 * (1990s, 1990年代, 90年代), 民國 years, or the undated ones (unknown, 籌備中). Listed in order, paged.
 * An organization the table lists twice with two years (ICSC) appears under both, marked.
 */
import { defineCommand, onComponent } from '../src/answers/command.js';
import { withLang } from '../src/answers/context.js';
import { notice, quoteUser } from '../src/answers/format.js';
import { FD_CSV, FD_PAGE, foundedCsv, foundedPage, parseWhen } from '../src/answers/founding.js';
import { inputProblem } from '../src/answers/input-problem.js';
import { TABLE_GROUPS } from '../src/data/enums.js';
import { MAX_ARTICLE_YEAR, MIN_YEAR } from '../src/data/limits.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { cleanText } from '../src/kernel/input.js';

export const founded = defineCommand({
  name: 'founded',
  options: [
    { name: 'when', type: ApplicationCommandOptionType.String, required: true, maxLength: 40 },
    { name: 'type', type: ApplicationCommandOptionType.String, choices: TABLE_GROUPS },
  ],
  run(req, ctx) {
    const text = cleanText(req.options.when, 40);
    if (!text.ok) return inputProblem(ctx, text.reason, 'founded');
    const when = parseWhen(text.text);
    if (!when) return notice(ctx.t('founded:badWhen', { input: quoteUser(text.text) }));
    if (when.kind === 'range' && ((when.to ?? MIN_YEAR) < MIN_YEAR || (when.from ?? 0) > 2100)) {
      return notice(ctx.t('founded:outOfRange', { min: MIN_YEAR, max: MAX_ARTICLE_YEAR }));
    }
    const rawType = req.options.type;
    const type = TABLE_GROUPS.find((t) => t === rawType);
    if (rawType !== undefined && !type) return notice(ctx.t('founded:badType', { types: TABLE_GROUPS.join(', ') }));
    return foundedPage(ctx, when, type, 0);
  },
  components: [
    onComponent(FD_PAGE, ({ lang, when, type, page }, _req, services) => ({
      payload: foundedPage(withLang(services, lang), when, type, page),
      update: true,
    })),
    onComponent(FD_CSV, ({ lang, when, type }, _req, services) => foundedCsv(withLang(services, lang), when, type)),
  ],
});
