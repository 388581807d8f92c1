/**
 * Section 1, answer quality: top-1 / top-3 on the labelled query set (tests/fixtures/queries.ts), by kind
 * of query, for the project's engine and the baselines (Fuse.js defaults, MiniSearch with a CJK
 * tokenizer, and both again on fold()ed text), all on the same records. Runs in-process; no timing.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Dataset } from '../src/data/load.js';
import { datasetDocs, type RecordKind } from '../src/data/search-docs.js';
import { FUSE_OPTIONS, type SearchEngine, type SearchDoc } from '../src/search/engine.js';
import { compact, fold } from '../src/search/normalize.js';
import { QUERIES, type LabelledQuery, type QueryKind } from '../tests/fixtures/queries.js';

type Scope = LabelledQuery['scope'];
type Status = 'match' | 'ambiguous' | 'none';
export const SCOPE_KINDS: Record<Scope, readonly RecordKind[]> = { org: ['org'], taiwan: ['place', 'alliance'] };

// ─── Contenders ────────────────────────────────────────────────────────────────────────────────

interface Answer {
  status: Status;
  ids: string[];
}

export interface Contender {
  key: string;
  label: string;
  /** Exactly what this contender is, printed with the results. */
  baseline: string;
  answer(q: string, scope: Scope): Answer;
}

export type Doc = SearchDoc<RecordKind>;

/** Baselines have no notion of confidence: any hit is a confident answer, no hit is "none". */
function hitsToAnswer(ids: string[]): Answer {
  return { status: ids.length > 0 ? 'match' : 'none', ids };
}

export function engineContender(search: SearchEngine<RecordKind>, label = 'engine'): Contender {
  return {
    key: 'engine',
    label,
    baseline: "the project's tiered engine (src/search/engine.ts), as the /org and /taiwan commands call it",
    answer(q, scope) {
      const r = search.search(q, { kinds: SCOPE_KINDS[scope] });
      return { status: r.status, ids: r.hits.map((h) => h.id) };
    },
  };
}

/** Fuse.js 7.5 with default options (threshold 0.6, location 0, distance 100, field norm on): one item per record. */
export function fuseDefault(docs: readonly Doc[]): Fuse<Doc> {
  return new Fuse([...docs], { keys: ['names', 'content'] });
}

/**
 * A fair Fuse.js: what the engine's own fuzzy tier runs, without the engine around it. One item per name
 * (names, acronym, aliases; no descriptions), folded like the engine's rows, with the engine's options
 * (FUSE_OPTIONS: its threshold 0.34, no location penalty, no field-length norm); queries folded too.
 */
export function fuseTuned(docs: readonly Doc[]): { search(q: string): Doc[] } {
  const rows = docs.flatMap((d) => d.names.map((n) => ({ doc: d, folded: fold(n), compact: compact(n) })));
  const fuse = new Fuse(rows, FUSE_OPTIONS);
  return {
    search(q) {
      const seen = new Set<Doc>();
      for (const r of fuse.search(fold(q))) seen.add(r.item.doc);
      return [...seen];
    },
  };
}

function fuseTunedContender(docs: readonly Doc[]): Contender {
  const fuse = fuseTuned(docs);
  return {
    key: 'fuse-tuned',
    label: 'Fuse tuned',
    baseline:
      "Fuse.js 7.5 tuned like the engine's fuzzy tier: one item per name (no descriptions), folded, the engine's " +
      'FUSE_OPTIONS (threshold 0.34, ignoreLocation, ignoreFieldNorm), query folded; best hit per record; no hit = "none"',
    answer(q, scope) {
      const kinds = SCOPE_KINDS[scope];
      return hitsToAnswer(
        fuse
          .search(q)
          .filter((d) => kinds.includes(d.kind))
          .map((d) => d.id),
      );
    },
  };
}

function fuseContender(docs: readonly Doc[], folded: boolean): Contender {
  const prepared = folded
    ? docs.map((d) => ({ ...d, names: d.names.map(fold), content: d.content.map(fold) }))
    : [...docs];
  const fuse = fuseDefault(prepared);
  return {
    key: folded ? 'fuse-fold' : 'fuse',
    label: folded ? 'Fuse dflt+fold' : 'Fuse default',
    baseline: folded
      ? "the same Fuse defaults, with records and queries passed through the project's fold() first"
      : "Fuse.js 7.5, new Fuse(records, { keys: ['names', 'content'] }) and nothing else (defaults: threshold 0.6, " +
        'location 0, distance 100); one item per record, names = names + acronym + aliases, content = ' +
        'summaries and facts in both languages; a hit outside the scope\'s kinds is dropped; no hit = "none"',
    answer(q, scope) {
      const kinds = SCOPE_KINDS[scope];
      const ids = fuse
        .search(folded ? fold(q) : q)
        .filter((r) => kinds.includes(r.item.kind))
        .map((r) => r.item.id);
      return hitsToAnswer(ids);
    },
  };
}

const HAN = /\p{Script=Han}/u;
/** Han runs or runs of other letters and digits (so "ICLEI城市" is two runs). */
const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** CJK-aware tokenizer for MiniSearch: NFKC, lower case, Han runs as overlapping bigrams, Latin/digit runs as words. */
export function cjkTokenize(text: string): string[] {
  const out: string[] = [];
  for (const run of text.normalize('NFKC').toLowerCase().match(RUNS) ?? []) {
    if (!HAN.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

interface MiniDoc {
  id: string;
  kind: RecordKind;
  names: string;
  content: string;
}

export const MINISEARCH_OPTIONS = { boost: { names: 2 }, fuzzy: 0.2, prefix: true } as const;

export function miniSearchIndex(docs: readonly Doc[], folded = false): MiniSearch<MiniDoc> {
  const f = folded ? fold : (s: string) => s;
  const ms = new MiniSearch<MiniDoc>({
    fields: ['names', 'content'],
    storeFields: ['kind'],
    tokenize: cjkTokenize,
    searchOptions: { ...MINISEARCH_OPTIONS },
  });
  ms.addAll(
    docs.map((d) => ({
      id: d.id,
      kind: d.kind,
      names: d.names.map(f).join('\n'),
      content: d.content.map(f).join('\n'),
    })),
  );
  return ms;
}

function miniContender(docs: readonly Doc[], folded: boolean): Contender {
  const ms = miniSearchIndex(docs, folded);
  return {
    key: folded ? 'minisearch-fold' : 'minisearch',
    label: folded ? 'MiniS CJK+fold' : 'MiniSearch CJK',
    baseline: folded
      ? "the same MiniSearch, with records and queries passed through the project's fold() first"
      : 'MiniSearch 7.2, fields names (boost 2) and content, tokenizer = NFKC + lower case + Han bigrams + ' +
        "Latin/digit words, fuzzy 0.2, prefix on, OR of terms (its README's search-as-you-type setup); " +
        'filtered to the scope\'s kinds; no hit = "none"',
    answer(q, scope) {
      const kinds = SCOPE_KINDS[scope];
      const ids = ms
        .search(folded ? fold(q) : q, { filter: (r) => kinds.includes(r.kind as RecordKind) })
        .map((r) => String(r.id));
      return hitsToAnswer(ids);
    },
  };
}

// ─── Scoring ───────────────────────────────────────────────────────────────────────────────────

export interface Score {
  n: number;
  top1: number;
  top3: number;
}

export interface QualityRow {
  key: string;
  label: string;
  baseline: string;
  byKind: Record<string, Score>;
  all: Score;
  /** Without the generic queries, which only an engine with a notion of confidence can pass. */
  allButGeneric: Score;
  nonsenseNone: { none: number; n: number };
  misses: { q: string; kind: QueryKind; expect: string | null; got: string }[];
}

export interface QualityReport {
  queries: number;
  rows: QualityRow[];
}

function judge(q: LabelledQuery, a: Answer): { top1: boolean; top3: boolean } {
  if (q.expect === null) return { top1: a.status === 'none', top3: a.status === 'none' };
  if (q.expect === 'generic') return { top1: a.status !== 'match', top3: a.status !== 'match' };
  if (a.status === 'none') return { top1: false, top3: false };
  return { top1: a.ids[0] === q.expect, top3: a.ids.slice(0, 3).includes(q.expect) };
}

export function add(s: Score, j: { top1: boolean; top3: boolean }): void {
  s.n += 1;
  s.top1 += j.top1 ? 1 : 0;
  s.top3 += j.top3 ? 1 : 0;
}

export function scoreContender(c: Contender, queries: readonly LabelledQuery[] = QUERIES): QualityRow {
  const byKind: Record<string, Score> = {};
  const all: Score = { n: 0, top1: 0, top3: 0 };
  const allButGeneric: Score = { n: 0, top1: 0, top3: 0 };
  const nonsenseNone = { none: 0, n: 0 };
  const misses: QualityRow['misses'] = [];
  for (const q of queries) {
    const a = c.answer(q.q, q.scope);
    const j = judge(q, a);
    add((byKind[q.kind] ??= { n: 0, top1: 0, top3: 0 }), j);
    add(all, j);
    if (q.expect !== 'generic') add(allButGeneric, j);
    if (q.expect === null) {
      nonsenseNone.n += 1;
      nonsenseNone.none += a.status === 'none' ? 1 : 0;
    }
    if (!j.top1)
      misses.push({ q: q.q, kind: q.kind, expect: q.expect, got: `${a.status} ${a.ids.slice(0, 3).join(',')}` });
  }
  return { key: c.key, label: c.label, baseline: c.baseline, byKind, all, allButGeneric, nonsenseNone, misses };
}

/** The quality section, in-process: the project's engine and the five baselines over the same records. */
export function quality(data: Dataset, search: SearchEngine<RecordKind>): QualityReport {
  const docs = datasetDocs(data);
  const contenders = [
    engineContender(search),
    fuseContender(docs, false),
    fuseContender(docs, true),
    fuseTunedContender(docs),
    miniContender(docs, false),
    miniContender(docs, true),
  ];
  return { queries: QUERIES.length, rows: contenders.map((c) => scoreContender(c)) };
}
