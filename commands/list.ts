/**
 * /list [type] — browse the article's organizations by type (comprehensive / thematic / national, or those
 * only the prose names), in the table's order, paged with stateless buttons.
 */
import { defineCommand, onComponent } from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { COLORS, foundedText, notice, orgTitle, pager } from '../src/answers/format.js';
import { ORG_TYPES } from '../src/data/enums.js';
import type { Organization } from '../src/data/schema.js';
import { fields, idCodec } from '../src/kernel/custom-id.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import type { Payload } from '../src/kernel/types.js';

const LIST_PAGE_SIZE = 10;
type ListType = (typeof ORG_TYPES)[number];

/** `ls:<lang>:<type|->:<page>`: a page of the list. */
const LS_PAGE = idCodec('ls', 1, {
  lang: fields.lang,
  type: fields.optional(fields.oneOf(ORG_TYPES)),
  page: fields.page,
});

function tableOrder(o: Organization): number {
  return o.tableRows[0]?.row ?? 1000;
}

function listPage(ctx: Ctx, type: ListType | undefined, page: number): Payload {
  const list = ctx.data.organizations
    .filter((o) => (type ? o.type === type : o.type !== 'other'))
    .sort((a, b) => tableOrder(a) - tableOrder(b));
  const pages = Math.max(1, Math.ceil(list.length / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const lines = list
    .slice(current * LIST_PAGE_SIZE, (current + 1) * LIST_PAGE_SIZE)
    .map(
      (o) =>
        `${o.tableRows[0] ? `${o.tableRows[0].row}. ` : '• '}**${orgTitle(o, ctx.lang)}** — ${foundedText(ctx, o.founded)}`,
    );
  const title = type ? ctx.t(`list:title.${type}`, { n: list.length }) : ctx.t('list:title.all', { n: list.length });
  const idFor = (p: number): string =>
    LS_PAGE.encode({ lang: ctx.lang, type, page: Math.max(0, Math.min(p, pages - 1)) });
  return {
    embeds: [
      {
        title,
        color: COLORS.list,
        description: lines.length > 0 ? lines.join('\n') : ctx.t('list:empty'),
        footer: { text: ctx.t('list:footer') },
      },
    ],
    ...(pages > 1 ? { components: [pager(ctx, current, pages, idFor)] } : {}),
  };
}

export const list = defineCommand({
  name: 'list',
  options: [{ name: 'type', type: ApplicationCommandOptionType.String, choices: ORG_TYPES }],
  run(req, ctx) {
    const raw = req.options.type;
    const type = ORG_TYPES.find((t) => t === raw);
    if (raw !== undefined && !type) return notice(ctx.t('list:badType', { types: ORG_TYPES.join(', ') }));
    return listPage(ctx, type, 0);
  },
  components: [
    onComponent(LS_PAGE, ({ lang, type, page }, _req, services) => ({
      payload: listPage(withLang(services, lang), type, page),
      update: true,
    })),
  ],
});
