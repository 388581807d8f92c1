/**
 * "匯出 CSV / Export CSV": a list answer as a file for a briefing. UTF-8 with a byte-order mark, so Excel
 * opens the Chinese right; one row per organization (a table organization printed on two rows, ICSC, is
 * one row with both founding values); names in both languages, type, founding as printed, section,
 * Taiwanese participants and the data notes flagged. csv-stringify does the quoting (commas, quotes and
 * line breaks inside names and notes), loaded on the first export: its ~12 ms import would otherwise land
 * on every console start for a button few answers get clicked. (Handlers are synchronous, so it is
 * required, through its CommonJS build, rather than imported.)
 */
import { createRequire } from 'node:module';
import type * as CsvStringify from 'csv-stringify/sync';
import type { Founded, Organization } from '../data/schema.js';
import { MessageFlags } from '../kernel/discord-enums.js';
import type { ComponentReply, FileAttachment } from '../kernel/types.js';
import type { Ctx } from './context.js';
import { noteLabel, notice, pick, placeWithRole, sectionLabel } from './format.js';

/** One organization of the list, with the founding values the list showed for it (in its order). */
export interface CsvEntry {
  org: Organization;
  founded?: readonly Founded[];
}

/** A founding value as the article prints it: the year (and month), `--`, 籌備中; blank when it gives none. */
function printedFounding(f: Founded): string {
  switch (f.kind) {
    case 'year':
      return f.month ? `${f.year}-${String(f.month).padStart(2, '0')}` : String(f.year);
    case 'unknown':
      return '--';
    case 'preparing':
      return '籌備中';
    case 'not-stated':
      return '';
  }
}

type Stringify = typeof CsvStringify.stringify;
let stringifyOnce: Stringify | undefined;
function stringify(...args: Parameters<Stringify>): string {
  stringifyOnce ??= (createRequire(import.meta.url)('csv-stringify/sync') as typeof CsvStringify).stringify;
  return stringifyOnce(...args);
}

const COLUMNS = ['row', 'nameZh', 'nameEn', 'acronym', 'type', 'founded', 'sections', 'taiwan', 'notes'] as const;

/** One CSV row per organization, in the list's order (an organization listed twice keeps its first place). */
export function csvRows(ctx: Ctx, entries: readonly CsvEntry[]): string[][] {
  const byOrg = new Map<string, { org: Organization; founded: Founded[] }>();
  for (const e of entries) {
    const seen = byOrg.get(e.org.id) ?? { org: e.org, founded: [] };
    const values = e.founded ?? (e.org.tableRows.length > 0 ? e.org.tableRows.map((r) => r.founded) : [e.org.founded]);
    for (const f of values)
      if (!seen.founded.some((g) => printedFounding(g) === printedFounding(f))) seen.founded.push(f);
    byOrg.set(e.org.id, seen);
  }
  const sep = ctx.lang === 'en' ? '; ' : '；';
  return [...byOrg.values()].map(({ org, founded }) => {
    const participants = ctx.data.participantsOf(org.id).map((p) => placeWithRole(ctx, p, org.id));
    return [
      org.tableRows.map((r) => String(r.row)).join(' / '),
      org.names.zh,
      org.names.en,
      org.acronym ?? '',
      ctx.t(`common:types.${org.type}`),
      founded.map(printedFounding).join(' / '),
      [...new Set(org.sections)].map((s) => sectionLabel(ctx, s)).join(sep),
      participants.join(sep),
      org.notes.map((n) => `${noteLabel(ctx, n)} ${pick(n.text, ctx.lang)}`).join(sep),
    ];
  });
}

/** The CSV text, header first, with a byte-order mark and CRLF line ends (what Excel expects). */
export function csvText(ctx: Ctx, entries: readonly CsvEntry[]): string {
  const header = COLUMNS.map((c) => ctx.t(`actions:csvColumns.${c}`));
  return stringify([header, ...csvRows(ctx, entries)], { bom: true, record_delimiter: 'windows' });
}

/** The ephemeral reply carrying the list as a file; a notice when the list is empty. */
export function csvReply(ctx: Ctx, entries: readonly CsvEntry[], fileBase: string): ComponentReply {
  if (entries.length === 0) return { payload: notice(ctx.t('actions:csvEmpty')), update: false };
  const text = csvText(ctx, entries);
  const count = new Set(entries.map((e) => e.org.id)).size;
  const file: FileAttachment = {
    name: `${fileBase.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '') || 'list'}.csv`,
    data: new TextEncoder().encode(text),
    contentType: 'text/csv; charset=utf-8',
    description: ctx.t('actions:csvDescription', { count }),
  };
  return {
    payload: { content: ctx.t('actions:csvReady', { count }), flags: MessageFlags.Ephemeral },
    update: false,
    files: [file],
  };
}
