/**
 * /list [type] — browse the article's organizations by type (comprehensive / thematic / national, or those
 * only the prose names), in the table's order, paged with stateless buttons.
 */
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { langCode, langFromCode, type CommandModule, type OptionSpec } from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import type { Payload } from '../src/kernel/types.js';
import { ORG_TYPES } from '../src/data/enums.js';
import type { Organization } from '../src/data/schema.js';
import { COLORS, finish, foundedText, notice, orgTitle, pager } from '../src/answers/format.js';

export const LIST_PREFIX = 'ls';
export const LIST_PAGE_SIZE = 10;
const TYPES = ORG_TYPES;
type ListType = (typeof TYPES)[number];

const options = [
  { name: 'type', type: ApplicationCommandOptionType.String, choices: TYPES },
] as const satisfies readonly OptionSpec[];

function tableOrder(o: Organization): number {
  return o.tableRows[0]?.row ?? 1000;
}

export function listPage(ctx: Ctx, type: ListType | undefined, page: number, hide: boolean): Payload {
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
    `${LIST_PREFIX}:${langCode(ctx.lang)}:${type ?? '-'}:${Math.max(0, Math.min(p, pages - 1))}`;
  return finish(
    {
      embeds: [
        {
          title,
          color: COLORS.list,
          description: lines.length > 0 ? lines.join('\n') : ctx.t('list:empty'),
          footer: { text: ctx.t('list:footer') },
        },
      ],
      ...(pages > 1 ? { components: [pager(ctx, current, pages, idFor)] } : {}),
    },
    hide,
  );
}

export const list: CommandModule = {
  name: 'list',
  options,
  run(req, ctx, hide) {
    const raw = req.options.type;
    const type = TYPES.find((t) => t === raw);
    if (raw !== undefined && !type) return notice(ctx.t('list:badType', { types: TYPES.join(', ') }));
    return listPage(ctx, type, 0, hide);
  },
  component: {
    prefix: LIST_PREFIX,
    handle(parts, _req, services) {
      // ls:<lang>:<type|->:<page>
      const lang = langFromCode(parts[1]);
      const type = parts[2] === '-' ? undefined : TYPES.find((t) => t === parts[2]);
      const page = Number(parts[3]);
      if (!lang || (parts[2] !== '-' && !type) || !Number.isInteger(page) || page < 0 || parts.length !== 4)
        return undefined;
      return { payload: listPage(withLang(services, lang), type, page, false), update: true };
    },
  },
};
