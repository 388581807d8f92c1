/** Building blocks shared by the commands' replies: language picking, founding values, notes, sources. */
import { escapeMarkdown } from '@discordjs/formatters';
import { ButtonStyle, ComponentType, MessageFlags } from '../kernel/discord-enums.js';
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbedField,
  APIStringSelectComponent,
} from 'discord-api-types/v10';
import type { Ctx } from './context.js';
import type { Lang, Payload } from '../kernel/types.js';
import type { Bilingual, DataNote, Founded, Organization, ParticipationKind, Place } from '../data/schema.js';
import { LIMITS, clamp } from '../kernel/limits.js';

/** Embed colours: one per kind of answer, so a glance tells them apart. */
export const COLORS = {
  org: 0x2b6cb0,
  taiwan: 0x2f855a,
  founded: 0x805ad5,
  list: 0x4a5568,
  info: 0x718096,
} as const;

export function pick(b: Bilingual, lang: Lang): string {
  return lang === 'en' ? b.en : b.zh;
}

/** The other language's text, shown under a name so users can quote either. */
export function other(b: Bilingual, lang: Lang): string {
  return lang === 'en' ? b.zh : b.en;
}

/** A markdown marker preceded by an even number of backslashes is bare: escape it. */
function escapeBare(match: string, slashes: string, marker: string): string {
  return slashes.length % 2 === 0 ? `${slashes}\\${marker}` : match;
}

/**
 * User text echoed in a reply: markdown escaped so it cannot change the reply's formatting.
 * escapeMarkdown works by patterns and leaves some markers bare (in a run of four backticks, the fourth,
 * which then pairs with the reply's own code spans), so a last pass escapes any ` * _ still bare.
 */
export function quoteUser(text: string): string {
  return escapeMarkdown(text, {
    codeBlock: true,
    inlineCode: true,
    bold: true,
    italic: true,
    underline: true,
    strikethrough: true,
    spoiler: true,
    codeBlockContent: true,
    inlineCodeContent: true,
    escape: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })
    .replace(/@/g, '@\u200b')
    .replace(/</g, '\\<')
    .replace(/(\\*)([`*_])/g, escapeBare);
}

export function orgName(o: Organization, lang: Lang): string {
  return pick(o.names, lang);
}

export function orgTitle(o: Organization, lang: Lang): string {
  return o.acronym ? `${orgName(o, lang)} (${o.acronym})` : orgName(o, lang);
}

/**
 * A partial date (`2006`, `2005-11`, `2006-02-24`) in the answer's language: 2005年11月 / November 2005.
 * Intl does the month names, so English never shows "2005-11".
 */
export function dateText(ctx: Ctx, date: string, roc = false, month: 'long' | 'short' = 'long'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return date;
  if (roc && ctx.lang === 'zh-TW') {
    const ad = dateText(ctx, date);
    return `${ad}（民國${y - 1911}年${m !== undefined ? `${m}月` : ''}${d !== undefined ? `${d}日` : ''}）`;
  }
  if (m === undefined) return ctx.lang === 'en' ? String(y) : `${y}年`;
  // The common case (the article's date on every footer) without Intl: its first use starts ICU, ~25 ms
  // of a one-shot answer. Held to Intl's own output for every month in tests/dates.test.ts.
  if (month === 'long' && d === undefined && EN_MONTHS[m - 1])
    return ctx.lang === 'en' ? `${EN_MONTHS[m - 1]} ${y}` : `${y}年${m}月`;
  return dateFormat(ctx.lang === 'en' ? 'en-GB' : 'zh-TW', month, d !== undefined).format(
    new Date(Date.UTC(y, m - 1, d ?? 1)),
  );
}

/** en-GB's long month names, as Intl gives them. */
export const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Building an Intl.DateTimeFormat costs far more than using one: one per (locale, month style, day). */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, month: 'long' | 'short', day: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${month}|${day}`;
  let f = DATE_FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month,
      ...(day ? { day: 'numeric' } : {}),
    });
    DATE_FORMATS.set(key, f);
  }
  return f;
}

/** How a place takes part, when it is more or less than a member: "founding member", "conference only". */
export function participationTag(ctx: Ctx, kind: ParticipationKind): string {
  return kind === 'member' ? '' : ctx.t(`common:participation.${kind}`);
}

/** A place's name, tagged with how it takes part in an organization unless simply a member. */
export function placeWithRole(ctx: Ctx, p: Place, orgId: string): string {
  const kinds = [...new Set(p.memberships.filter((m) => m.org === orgId).map((m) => m.kind))];
  return tagged(
    ctx,
    pick(p.names, ctx.lang),
    kinds.map((k) => participationTag(ctx, k)),
  );
}

/** `name (tag; tag)` in English, `name（tag；tag）` in Chinese; empty tags leave the name bare. */
export function tagged(ctx: Ctx, name: string, tags: readonly string[]): string {
  const shown = tags.filter(Boolean);
  if (shown.length === 0) return name;
  return ctx.lang === 'en' ? `${name} (${shown.join('; ')})` : `${name}（${shown.join('；')}）`;
}

export function foundedText(ctx: Ctx, f: Founded): string {
  switch (f.kind) {
    case 'year':
      return f.month ? dateText(ctx, `${f.year}-${String(f.month).padStart(2, '0')}`) : String(f.year);
    case 'unknown':
      return ctx.t('common:founded.unknown');
    case 'preparing':
      return ctx.t('common:founded.preparing');
    case 'not-stated':
      return ctx.t('common:founded.notStated');
  }
}

/** Sort key for founding values (one definition, in the question executor, which lists by it too). */
export { foundedKey as foundedSortKey } from '../understanding/execute.js';

export function noteLabel(ctx: Ctx, n: DataNote): string {
  return ctx.t(`common:notes.${n.kind}`);
}

export function noteLine(ctx: Ctx, n: DataNote): string {
  const label = noteLabel(ctx, n);
  const when = n.effective ? ` (${dateText(ctx, n.effective)})` : '';
  return `${label}${when} ${pick(n.text, ctx.lang)} — ${ctx.t('common:notes.source')} ${pick(n.source, ctx.lang)}`;
}

export function notesField(ctx: Ctx, notes: readonly DataNote[]): APIEmbedField[] {
  return notes.length === 0
    ? []
    : splitField(
        ctx.t('common:fields.notes'),
        notes.map((n) => noteLine(ctx, n)),
      );
}

/** `參、二、(一)` in Chinese answers, `III.2(1)` in English ones. */
export function sectionLabel(ctx: Ctx, id: string): string {
  if (ctx.lang === 'zh-TW') return id;
  return ctx.data.sectionTitle(id)?.enNumber ?? id;
}

/** Footer citing the article, its date and the sections the answer draws on. */
export function sourceFooter(ctx: Ctx, sections: readonly string[]): { text: string } {
  const a = ctx.data.article;
  const unique = [...new Set(sections)];
  if (unique.length === 0)
    return { text: ctx.t('common:footerWhole', { title: pick(a.title, ctx.lang), date: dateText(ctx, a.date) }) };
  return {
    text: ctx.t('common:footer', {
      title: pick(a.title, ctx.lang),
      date: dateText(ctx, a.date),
      sections: unique.map((s) => sectionLabel(ctx, s)).join(', '),
    }),
  };
}

/**
 * Lines into one or more embed fields of at most 1024 characters each, so that a long list is continued
 * under "(cont.)" rather than cut. The final clamp in fitPayload still guards every value.
 */
export function splitField(name: string, lines: readonly string[], cont = ' …', max = 1024): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max && current) {
      fields.push({ name: fields.length === 0 ? name : `${name}${cont}`, value: current });
      current = line;
    } else current = next;
  }
  if (current) fields.push({ name: fields.length === 0 ? name : `${name}${cont}`, value: current });
  return fields;
}

/**
 * A slash command line as an answer shows it: a clickable command mention (`</founded:id>`) followed by
 * its options in code, once deploy-commands stored the ids; plain code (`/founded when:1990s`) without.
 */
export function slash(ctx: Ctx, line: string): string {
  const m = /^\/([a-z]+)(?:\s+([\s\S]*))?$/.exec(line);
  const id = m ? ctx.commandIds?.get(m[1]!) : undefined;
  if (!m || !id) return `\`${line}\``;
  return `</${m[1]!}:${id}>${m[2] ? ` \`${m[2]}\`` : ''}`;
}

export function bullet(text: string): string {
  return `• ${text}`;
}

/** One dated fact as a bullet with its source section: `• 2004-06: … [III.1(3)]`. */
export function factLine(
  ctx: Ctx,
  f: { date?: string | undefined; roc?: true | undefined; text: Bilingual; section: string },
): string {
  return bullet(
    `${f.date ? `${dateText(ctx, f.date, f.roc)}: ` : ''}${pick(f.text, ctx.lang)} [${sectionLabel(ctx, f.section)}]`,
  );
}

export interface MenuOption {
  label: string;
  value: string;
  description?: string;
}

/** A one-menu action row; labels and descriptions clamped, at most 25 options. */
export function selectMenu(
  customId: string,
  placeholder: string,
  options: readonly MenuOption[],
): APIActionRowComponent<APIStringSelectComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: customId,
        placeholder,
        options: options.slice(0, LIMITS.SELECT_OPTIONS).map((o) => ({
          label: clamp(o.label, LIMITS.SELECT_OPTION_LABEL),
          value: o.value,
          ...(o.description !== undefined
            ? { description: clamp(o.description, LIMITS.SELECT_OPTION_DESCRIPTION) }
            : {}),
        })),
      },
    ],
  };
}

/**
 * A short message for the user who typed something unusable, or hit a stale button: always ephemeral, since
 * a correction is for them, not for the channel.
 */
export function notice(text: string): Payload {
  return { content: text, flags: MessageFlags.Ephemeral };
}

export function button(
  customId: string,
  label: string,
  disabled = false,
  style: (typeof ButtonStyle)[keyof typeof ButtonStyle] = ButtonStyle.Secondary,
): APIButtonComponent {
  return { type: ComponentType.Button, style, custom_id: customId, label, disabled };
}

export function row<T extends APIActionRowComponent<APIButtonComponent>['components'][number]>(
  ...components: T[]
): APIActionRowComponent<T> {
  return { type: ComponentType.ActionRow, components };
}

/** Prev / page x of y / next buttons; the custom ids carry the whole state (no server memory). */
export function pager(
  ctx: Ctx,
  page: number,
  pages: number,
  idFor: (page: number) => string,
): APIActionRowComponent<APIButtonComponent> {
  return row(
    button(idFor(page - 1), ctx.t('common:pager.prev'), page <= 0),
    { ...button(`${idFor(page)}:x`, ctx.t('common:pager.page', { page: page + 1, pages }), true) },
    button(idFor(page + 1), ctx.t('common:pager.next'), page >= pages - 1),
  );
}
