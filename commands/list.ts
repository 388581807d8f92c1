/**
 * /list [type] — browse the article's organizations by type (comprehensive / thematic / national, or those
 * only the prose names), in the table's order, paged with stateless buttons.
 */
import { withActions } from '../src/answers/actions.js';
import { defineCommand, onComponent } from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { csvReply } from '../src/answers/csv.js';
import { timelineButton, withPictureButton } from '../src/answers/pictures.js';
import { COLORS, foundedText, notice, orgTitle, pager } from '../src/answers/format.js';
import { ORG_TYPES } from '../src/data/enums.js';
import type { Organization, TableRow } from '../src/data/schema.js';
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

/** `lscsv:<lang>:<type|->`: the whole list (every page) as a CSV file. */
const LS_CSV = idCodec('lscsv', 1, { lang: fields.lang, type: fields.optional(fields.oneOf(ORG_TYPES)) });

/** One line of the list: a table row as printed (ICSC twice, each with its own year), or a prose-only record. */
interface ListLine {
  org: Organization;
  row?: TableRow;
}

function lines(ctx: Ctx, type: ListType | undefined): ListLine[] {
  const rows = ctx.data.organizations
    .flatMap((org) => org.tableRows.map((row): ListLine => ({ org, row })))
    .filter((l) => (type ? l.org.type === type : true))
    .sort((a, b) => (a.row?.row ?? 0) - (b.row?.row ?? 0));
  const others = ctx.data.organizations.filter(
    (o) => o.tableRows.length === 0 && (type ? o.type === type : o.type !== 'other'),
  );
  return [...rows, ...others.map((org): ListLine => ({ org }))];
}

function listPage(ctx: Ctx, type: ListType | undefined, page: number): Payload {
  const list = lines(ctx, type);
  const pages = Math.max(1, Math.ceil(list.length / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = list
    .slice(current * LIST_PAGE_SIZE, (current + 1) * LIST_PAGE_SIZE)
    .map(({ org, row }) =>
      row
        ? `${row.row}. **${orgTitle(org, ctx.lang)}** — ${foundedText(ctx, row.founded)}`
        : `• **${orgTitle(org, ctx.lang)}** — ${foundedText(ctx, org.founded)}`,
    );
  // The title counts organizations; a table organization on two rows (ICSC) is one.
  const n = new Set(list.map((l) => l.org.id)).size;
  const title = type ? ctx.t(`list:title.${type}`, { n }) : ctx.t('list:title.all', { n });
  const idFor = (p: number): string =>
    LS_PAGE.encode({ lang: ctx.lang, type, page: Math.max(0, Math.min(p, pages - 1)) });
  const payload: Payload = {
    embeds: [
      {
        title,
        color: COLORS.list,
        description: shown.length > 0 ? shown.join('\n') : ctx.t('list:empty'),
        footer: { text: ctx.t('list:footer') },
      },
    ],
    ...(pages > 1 ? { components: [pager(ctx, current, pages, idFor)] } : {}),
  };
  // The list is the article's table: cite the article; export every page at once; draw its rows' timeline.
  const rows = list.flatMap((l) => (l.row ? [l.row.row] : []));
  return withPictureButton(
    withActions(ctx, payload, { cite: null, csv: LS_CSV.encode({ lang: ctx.lang, type }) }),
    timelineButton(ctx, type ? rows : undefined),
  );
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
    onComponent(LS_CSV, ({ lang, type }, _req, services) =>
      csvReply(
        withLang(services, lang),
        lines(withLang(services, lang), type).map(({ org, row }) => ({
          org,
          ...(row ? { founded: [row.founded] } : {}),
        })),
        `city-alliances-${type ?? 'all'}`,
      ),
    ),
  ],
});
