/**
 * /founded when [type] — organizations by founding date: a year (1998), a range (1990-1999), a decade
 * (1990s, 1990年代, 90年代), 民國 years, or the undated ones (unknown, 籌備中). Listed in order, paged.
 * An organization the table lists twice with two years (ICSC) appears under both, marked.
 */
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { langCode, langFromCode, type CommandModule, type OptionSpec } from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { cleanText } from '../src/kernel/input.js';
import type { Payload } from '../src/kernel/types.js';
import { TABLE_GROUPS } from '../src/data/enums.js';
import type { Founded, Organization } from '../src/data/schema.js';
import { MAX_ARTICLE_YEAR, MIN_YEAR } from '../src/data/limits.js';
import {
  COLORS,
  finish,
  foundedSortKey,
  foundedText,
  notice,
  orgTitle,
  pager,
  quoteUser,
} from '../src/answers/format.js';
import { inputProblem } from '../src/answers/input-problem.js';

export const FOUNDED_PREFIX = 'fd';
export const PAGE_SIZE = 12;
const TYPES = TABLE_GROUPS;
type TypeFilter = (typeof TYPES)[number];

const options = [
  { name: 'when', type: ApplicationCommandOptionType.String, required: true, maxLength: 40 },
  { name: 'type', type: ApplicationCommandOptionType.String, choices: TYPES },
] as const satisfies readonly OptionSpec[];

export type When =
  { kind: 'range'; from: number; to: number } | { kind: 'unknown' } | { kind: 'preparing' } | { kind: 'all' };

/** Reads a founding-date query; undefined when it is none of the accepted forms. Pure. */
export function parseWhen(input: string): When | undefined {
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
}

/** One entry per distinct founding value of each organization (table rows, else the record's own). */
export function entries(ctx: Ctx, type: TypeFilter | undefined): Entry[] {
  const out: Entry[] = [];
  for (const o of ctx.data.organizations) {
    if (type && o.type !== type) continue;
    const values = o.tableRows.length > 0 ? o.tableRows.map((r) => r.founded) : [o.founded];
    const seen = new Set<string>();
    for (const f of values) {
      const key = JSON.stringify(f);
      if (seen.has(key) || f.kind === 'not-stated') continue;
      seen.add(key);
      out.push({ org: o, founded: f });
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
      return f.kind === 'year' && f.year >= when.from && f.year <= when.to;
  }
}

function encodeWhen(when: When): string {
  return when.kind === 'range' ? `${when.from}-${when.to}` : when.kind;
}

function decodeWhen(s: string | undefined): When | undefined {
  if (s === 'all' || s === 'unknown' || s === 'preparing') return { kind: s };
  const m = /^(\d{4})-(\d{4})$/.exec(s ?? '');
  return m ? { kind: 'range', from: Number(m[1]), to: Number(m[2]) } : undefined;
}

function describeWhen(ctx: Ctx, when: When): string {
  switch (when.kind) {
    case 'all':
      return ctx.t('founded:all');
    case 'unknown':
      return ctx.t('common:founded.unknown');
    case 'preparing':
      return ctx.t('common:founded.preparing');
    case 'range':
      return when.from === when.to ? String(when.from) : `${when.from}–${when.to}`;
  }
}

export function foundedPage(ctx: Ctx, when: When, type: TypeFilter | undefined, page: number, hide: boolean): Payload {
  const all = entries(ctx, type);
  const list = all.filter((e) => matches(when, e.founded));
  const label = describeWhen(ctx, when) + (type ? ` · ${ctx.t(`common:types.${type}`)}` : '');
  if (list.length === 0) {
    const lines = [ctx.t('founded:none', { when: label })];
    if (when.kind === 'range') {
      if (when.from > MAX_ARTICLE_YEAR) lines.push(ctx.t('founded:afterArticle'));
      const years = [...new Set(all.flatMap((e) => (e.founded.kind === 'year' ? [e.founded.year] : [])))];
      const mid = (when.from + when.to) / 2;
      const nearest = years
        .sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid) || a - b)
        .slice(0, 3)
        .sort((a, b) => a - b);
      if (nearest.length > 0) lines.push(ctx.t('founded:nearest', { years: nearest.join(', ') }));
    }
    return finish({ content: lines.join('\n') }, hide);
  }
  const pages = Math.ceil(list.length / PAGE_SIZE);
  const current = Math.min(Math.max(0, page), pages - 1);
  const lines = list.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((e) => {
    const flagged = e.org.notes.some((n) => n.about === 'founded') ? ' ⚠' : '';
    return `**${foundedText(ctx, e.founded)}** — ${orgTitle(e.org, ctx.lang)} · ${ctx.t(`common:types.${e.org.type}`)}${flagged}`;
  });
  const flaggedAny = list.some((e) => e.org.notes.some((n) => n.about === 'founded'));
  const idFor = (p: number): string =>
    `${FOUNDED_PREFIX}:${langCode(ctx.lang)}:${encodeWhen(when)}:${type ?? '-'}:${Math.max(0, Math.min(p, pages - 1))}`;
  return finish(
    {
      embeds: [
        {
          title: ctx.t('founded:title', { when: label, n: list.length }),
          color: COLORS.founded,
          description: lines.join('\n') + (flaggedAny ? `\n\n${ctx.t('founded:flagged')}` : ''),
          footer: { text: ctx.t('founded:footer', { date: ctx.data.article.date }) },
        },
      ],
      ...(pages > 1 ? { components: [pager(ctx, current, pages, idFor)] } : {}),
    },
    hide,
  );
}

export const founded: CommandModule = {
  name: 'founded',
  options,
  run(req, ctx, hide) {
    const text = cleanText(req.options.when, 40);
    if (!text.ok) return inputProblem(ctx, text.reason, 'founded');
    const when = parseWhen(text.text);
    if (!when) return notice(ctx.t('founded:badWhen', { input: quoteUser(text.text) }));
    if (when.kind === 'range' && (when.to < MIN_YEAR || when.from > 2100)) {
      return notice(ctx.t('founded:outOfRange', { min: MIN_YEAR, max: MAX_ARTICLE_YEAR }));
    }
    const rawType = req.options.type;
    const type = TYPES.find((t) => t === rawType);
    if (rawType !== undefined && !type) return notice(ctx.t('founded:badType', { types: TYPES.join(', ') }));
    return foundedPage(ctx, when, type, 0, hide);
  },
  component: {
    prefix: FOUNDED_PREFIX,
    handle(parts, _req, services) {
      // fd:<lang>:<when>:<type|->:<page>
      const lang = langFromCode(parts[1]);
      const when = decodeWhen(parts[2]);
      const type = parts[3] === '-' ? undefined : TYPES.find((t) => t === parts[3]);
      const page = Number(parts[4]);
      if (!lang || !when || (parts[3] !== '-' && !type) || !Number.isInteger(page) || page < 0 || parts.length !== 5) {
        return undefined;
      }
      return { payload: foundedPage(withLang(services, lang), when, type, page, false), update: true };
    },
  },
};
