/**
 * Organizations by founding date, as an answer: the filter a user can type (a year 1998, a range
 * 1990-1999, a decade 1990s / 1990年代 / 90年代, 民國 years, or the undated ones: unknown, 籌備中), and one
 * page of the list it selects, in order, with stateless pager buttons. An organization the table lists
 * twice with two years (ICSC) appears under both, marked. /founded and /ask answer with these.
 */
import type { Founded, Organization } from '../data/schema.js';
import { TABLE_GROUPS } from '../data/enums.js';
import { MAX_ARTICLE_YEAR } from '../data/limits.js';
import { INVALID, fields, idCodec, type Field } from '../kernel/custom-id.js';
import type { ComponentReply, Payload } from '../kernel/types.js';
import { readFounding } from '../understanding/read.js';
import { foldHan } from '../search/normalize.js';
import { prepare } from '../understanding/lexicon.js';
import { withActions } from './actions.js';
import type { Ctx } from './context.js';
import { csvReply } from './csv.js';
import { rowsListed, timelineButton, withPictureButton } from './pictures.js';
import { COLORS, dateText, foundedSortKey, foundedText, orgTitle, pager } from './format.js';

export type TableGroup = (typeof TABLE_GROUPS)[number];
export const PAGE_SIZE = 12;

/** A founding filter: inclusive year bounds (either may be open: "before 1950"), undated ones, or all. */
export type When =
  { kind: 'range'; from?: number; to?: number } | { kind: 'unknown' } | { kind: 'preparing' } | { kind: 'all' };

/**
 * Reads a founding-date query; undefined when it is none of the accepted forms. Pure. The exact forms
 * first; then the range words questions use (before 1950, 1950以前, since 1990, 2000年起), read as /ask reads them.
 */
export function parseWhen(input: string): When | undefined {
  const exact = parseExactWhen(input);
  if (exact) return exact;
  if (!RANGE_WORDS_ONLY.test(prepare(input))) return undefined;
  const f = readFounding(prepare(input));
  if (!f) return undefined;
  return f.kind === 'years'
    ? { kind: 'range', ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) }
    : f;
}

/** Years and the words of a range, nothing else: "1950 pizza" is not a founding filter. */
const RANGE_WORDS_ONLY = new RegExp(
  foldHan(
    String.raw`^(?:\s|\d|年代|年|民國|以前|之前|前|以後|之後|後|起|以來|開始|迄今|至今|到|至|截至|截止|為止|（含）|\(含\)|含|before|after|since|until|till|between|and|from|to|through|or|later|earlier|prior|onwards?|up|by|in|'?s|-|–|—|~|～)+$`,
  ),
  'u',
);

function parseExactWhen(input: string): When | undefined {
  const s = input.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(all|全部|所有|\*)$/.test(s)) return { kind: 'all' };
  if (/^(--|-|unknown|不詳|未知|不明|n\/a)$/.test(s)) return { kind: 'unknown' };
  if (/^(籌備中|筹备中|preparing|in preparation|planned)$/.test(s)) return { kind: 'preparing' };
  let m = /^(?:民國|民国)\s*(\d{1,3})\s*年?$/.exec(s);
  if (m) {
    const y = Number(m[1]) + 1911;
    return { kind: 'range', from: y, to: y };
  }
  m = /^(\d{4})\s*年?$/.exec(s);
  if (m) return { kind: 'range', from: Number(m[1]), to: Number(m[1]) };
  m = /^(\d{4})\s*年?\s*(?:-|–|—|~|～|to|through|until|到|至)\s*(\d{4})\s*年?$/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return { kind: 'range', from: Math.min(a, b), to: Math.max(a, b) };
  }
  m = /^(\d{3})0\s*(?:'?s|年代)$/.exec(s);
  if (m) {
    const from = Number(m[1]) * 10;
    return { kind: 'range', from, to: from + 9 };
  }
  m = /^(\d)0\s*(?:'?s|年代)$/.exec(s);
  if (m) {
    // Two-digit decades ("90年代", "90s") mean the 1900s, as in everyday Chinese and English.
    const from = 1900 + Number(m[1]) * 10;
    return { kind: 'range', from, to: from + 9 };
  }
  return undefined;
}

interface Entry {
  org: Organization;
  founded: Founded;
  /** True when the value comes from the article's prose, not its table (the footer must say so). */
  prose: boolean;
}

/** One entry per distinct founding value of each organization (table rows, else the record's own). */
export function entries(ctx: Ctx, type: TableGroup | undefined): Entry[] {
  const out: Entry[] = [];
  for (const o of ctx.data.organizations) {
    if (type && o.type !== type) continue;
    const values = o.tableRows.length > 0 ? o.tableRows.map((r) => r.founded) : [o.founded];
    const seen = new Set<string>();
    for (const f of values) {
      const key = JSON.stringify(f);
      if (seen.has(key) || f.kind === 'not-stated') continue;
      seen.add(key);
      out.push({ org: o, founded: f, prose: o.tableRows.length === 0 });
    }
  }
  return out.sort((a, b) => foundedSortKey(a.founded) - foundedSortKey(b.founded));
}

function matches(when: When, f: Founded): boolean {
  switch (when.kind) {
    case 'all':
      return true;
    case 'unknown':
      return f.kind === 'unknown';
    case 'preparing':
      return f.kind === 'preparing';
    case 'range':
      return f.kind === 'year' && f.year >= (when.from ?? -Infinity) && f.year <= (when.to ?? Infinity);
  }
}

/** A founding filter inside a custom_id: `1990-1999`, `-1949` (up to), `2001-` (from), `all`, `unknown`, `preparing`. */
export const whenField: Field<When> = {
  encode: (when) => (when.kind === 'range' ? `${when.from ?? ''}-${when.to ?? ''}` : when.kind),
  decode: (s) => {
    if (s === 'all' || s === 'unknown' || s === 'preparing') return { kind: s };
    const m = /^(\d{4})?-(\d{4})?$/.exec(s);
    if (!m || (m[1] === undefined && m[2] === undefined)) return INVALID;
    return { kind: 'range', ...(m[1] ? { from: Number(m[1]) } : {}), ...(m[2] ? { to: Number(m[2]) } : {}) };
  },
};

/** `fd:<lang>:<when>:<type|->:<page>`: a page of a founding list. */
export const FD_PAGE = idCodec('fd', 1, {
  lang: fields.lang,
  when: whenField,
  type: fields.optional(fields.oneOf(TABLE_GROUPS)),
  page: fields.page,
});

/** `fdcsv:<lang>:<when>:<type|->`: the whole founding list as a CSV file. */
export const FD_CSV = idCodec('fdcsv', 1, {
  lang: fields.lang,
  when: whenField,
  type: fields.optional(fields.oneOf(TABLE_GROUPS)),
});

/** The founding list (every page) as a CSV reply: one row per organization, with the values it was listed under. */
export function foundedCsv(ctx: Ctx, when: When, type: TableGroup | undefined): ComponentReply {
  const list = entries(ctx, type).filter((e) => matches(when, e.founded));
  return csvReply(
    ctx,
    list.map((e) => ({ org: e.org, founded: [e.founded] })),
    `founded-${whenField.encode(when)}${type ? `-${type}` : ''}`,
  );
}

export function describeWhen(ctx: Ctx, when: When): string {
  switch (when.kind) {
    case 'all':
      return ctx.t('founded:all');
    case 'unknown':
      return ctx.t('common:founded.unknown');
    case 'preparing':
      return ctx.t('common:founded.preparing');
    case 'range':
      if (when.from === undefined) return ctx.t('founded:upTo', { year: when.to });
      if (when.to === undefined) return ctx.t('founded:from', { year: when.from });
      return when.from === when.to ? String(when.from) : `${when.from}–${when.to}`;
  }
}

export function foundedPage(ctx: Ctx, when: When, type: TableGroup | undefined, page: number): Payload {
  const all = entries(ctx, type);
  const list = all.filter((e) => matches(when, e.founded));
  const label = describeWhen(ctx, when) + (type ? ` · ${ctx.t(`common:types.${type}`)}` : '');
  if (list.length === 0) {
    const lines = [ctx.t('founded:none', { when: label })];
    if (when.kind === 'range') {
      if ((when.from ?? 0) > MAX_ARTICLE_YEAR) lines.push(ctx.t('founded:afterArticle'));
      const years = [...new Set(all.flatMap((e) => (e.founded.kind === 'year' ? [e.founded.year] : [])))];
      const mid = ((when.from ?? when.to ?? 0) + (when.to ?? when.from ?? 0)) / 2;
      const nearest = years
        .sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid) || a - b)
        .slice(0, 3)
        .sort((a, b) => a - b);
      if (nearest.length > 0) lines.push(ctx.t('founded:nearest', { years: nearest.join(', ') }));
    }
    return { content: lines.join('\n') };
  }
  const pages = Math.ceil(list.length / PAGE_SIZE);
  const current = Math.min(Math.max(0, page), pages - 1);
  const lines = list.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((e) => {
    const flagged = e.org.notes.some((n) => n.about === 'founded') ? ' ⚠' : '';
    const prose = e.prose ? ` · ${ctx.t('founded:prose')}` : '';
    return `**${foundedText(ctx, e.founded)}** — ${orgTitle(e.org, ctx.lang)} · ${ctx.t(`common:types.${e.org.type}`)}${prose}${flagged}`;
  });
  const anyProse = list.some((e) => e.prose);
  const flaggedAny = list.some((e) => e.org.notes.some((n) => n.about === 'founded'));
  const idFor = (p: number): string =>
    FD_PAGE.encode({ lang: ctx.lang, when, type, page: Math.max(0, Math.min(p, pages - 1)) });
  const payload: Payload = {
    embeds: [
      {
        title: ctx.t('founded:title', { when: label, n: list.length }),
        color: COLORS.founded,
        description: lines.join('\n') + (flaggedAny ? `\n\n${ctx.t('founded:flagged')}` : ''),
        footer: {
          text: ctx.t(anyProse ? 'founded:footerProse' : 'founded:footer', {
            date: dateText(ctx, ctx.data.article.date),
          }),
        },
      },
    ],
    ...(pages > 1 ? { components: [pager(ctx, current, pages, idFor)] } : {}),
  };
  return withPictureButton(
    withActions(ctx, payload, { cite: null, csv: FD_CSV.encode({ lang: ctx.lang, when, type }) }),
    timelineButton(ctx, when.kind === 'all' && !type ? undefined : rowsListed(list)),
  );
}
