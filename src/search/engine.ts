/**
 * Tiered search over records' names (shared/notes/search-cjk.md has the measurements behind it). search()
 * tries, in this order, and answers with the first tier that finds something:
 *   1. exact: the query's compact form equals a name, acronym or alias (exactTier);
 *   2. substring: a Chinese query contained in names, or a Latin one covering most of a name, scored by
 *      coverage (substringTier); `direct` searches stop here;
 *   3. fuzzy, confident: Fuse.js over the rows an n-gram prefilter finds plausible, when the best is
 *      close and clearly ahead of the next (fuzzyTier);
 *   4. content: the whole query found in the records' descriptions ("無貧民區城市", "Local Agenda 21")
 *      (contentTier);
 *   5. fuzzy, unsure: a close fuzzy match offered as candidates only (fuzzyCandidates);
 *   6. words: a multi-word query resolved word by word, the record most words point to winning (wordTier);
 *   7. common words alone: what contains them, as candidates only (commonWordCandidates).
 * Words common to many names (城市, 國際, 聯盟, city) never pick a winner: they give candidates. Which words
 * those are is the caller's to say (the dataset's list is in src/data/vocabulary.ts): the engine knows
 * nothing of the dataset, it indexes plain documents, so benchmarks can feed it synthetic ones.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import { bigrams, compact, fold, hasHan, words } from './normalize.js';
import { intersectSorted, lowerBound, prefilterRows, type PrefilterScratch } from './postings.js';

export interface SearchDoc<K extends string = string> {
  id: string;
  kind: K;
  /** Names, acronym and aliases: each becomes one searchable row. The first is the display name. */
  names: readonly string[];
  /** Descriptions searched only when no name matches. */
  content: readonly string[];
}

export type Tier = 'exact' | 'substring' | 'fuzzy' | 'words' | 'content';

export interface Hit<K extends string = string> {
  id: string;
  kind: K;
  /** 0..1, higher is better; comparable within one tier only. */
  score: number;
  tier: Tier;
  /** The name row that matched (original text, not the folded key). */
  matched: string;
}

export interface SearchResult<K extends string = string> {
  /** `match`: one clear answer; `ambiguous`: best guess plus close candidates; `none`: nothing related. */
  status: 'match' | 'ambiguous' | 'none';
  hits: Hit<K>[];
}

export interface SearchOptions<K extends string> {
  kinds?: readonly K[];
  /** Maximum hits returned. */
  limit?: number;
  /**
   * Stop after the exact and substring tiers (tens of microseconds): a cheap first try when the
   * caller has a better-shaped query to spend the fuzzy tiers on (/ask tries a question both ways).
   */
  direct?: boolean;
}

interface Row {
  doc: number;
  text: string;
  folded: string;
  compact: string;
  /** Name rows only: how mentions() finds this name inside a question, or undefined if it never counts. */
  mention?: 'han' | 'latin' | undefined;
  /** Characters in the compact key (code points): a longer mention outranks a shorter one. */
  chars?: number;
}

/** Between a Han character and a Latin letter or digit, either way round. */
const SCRIPT_EDGE = /(?<=\p{Script=Han})(?=[\p{Script=Latin}\p{N}])|(?<=[\p{Script=Latin}\p{N}])(?=\p{Script=Han})/gu;

/** Fuse's per-row threshold; chosen on the project's labelled query set (tests/search-queries.test.ts). */
export const FUZZY_THRESHOLD = 0.34;
/**
 * Fuse over one row per name: no location penalty (a name's words can be anywhere), no field-length norm
 * (it favours one-"word" Chinese names over English ones), scores included for the confidence rules.
 */
export const FUSE_OPTIONS: IFuseOptions<{ folded: string; compact: string }> = {
  keys: ['folded', 'compact'],
  includeScore: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  threshold: FUZZY_THRESHOLD,
  minMatchCharLength: 2,
};

/** A fuzzy hit at or under this score, with a clear gap to the next record, counts as a match. */
const FUZZY_CONFIDENT = 0.12;
const FUZZY_GAP = 0.08;
/** Fuse scores up to this (engine score ≥ 1 − this) are offered as candidates when nothing better is found. */
const FUZZY_FALLBACK = 0.25;
/**
 * At most this many prefiltered rows go to Fuse: the rows sharing the most n-grams with the query. Fuse's
 * Bitap costs ~20-80 µs per row for a long query, so this bounds the fuzzy tier at 10k records
 * (bench: 24 keeps every labelled and synthetic answer; 400 let a typo cost 25-50 ms).
 */
const MAX_FUZZY_ROWS = 24;
const MAX_QUERY_CHARS = 200;
/**
 * The fuzzy prefilter's budget: the rows its rarest grams may add before the commoner ones only count
 * (see prefilterRows). Below it the prefilter is exact; a typo'd word whose grams are all common at 100k
 * records ("foundation": "ati", "tio", "ion" in tens of thousands of names) stops here instead of
 * counting most of the index. Chosen with the sizes bench: the same answers on every labelled query.
 */
const MAX_PREFILTER_ROWS = 4096;

function latinGrams(s: string): string[] {
  if (s.length < 3) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length - 2; i++) out.push(s.slice(i, i + 3));
  return out;
}

/** N-grams for the prefilter: Han bigrams (and single Han characters), Latin trigrams. */
function grams(compactText: string): string[] {
  // Most names are Latin only: one run, no script split (a third of building the index at 100k records).
  if (!hasHan(compactText)) return [...new Set(latinGrams(compactText))];
  const out = new Set<string>();
  for (const run of compactText.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
    if (hasHan(run)) {
      for (const g of bigrams(run)) out.add(g);
    } else for (const g of latinGrams(run)) out.add(g);
  }
  return [...out];
}

/**
 * Whether every text containing a name has this n-gram of it too: Han bigrams and Latin trigrams do.
 * A lone Han character or a Latin run under three letters is its own gram only when it stands alone,
 * so a longer run around it in a question would not share it.
 */
function reliable(gram: string): boolean {
  return hasHan(gram) ? [...gram].length === 2 : gram.length === 3;
}

/**
 * Words too common in names to identify anything alone, given by the caller in any form (the engine folds
 * them: Traditional and Simplified, any case, meet here), with what the tiers need to ask of them.
 */
class CommonWords {
  private readonly words: ReadonlySet<string>;
  /** The Han words of two or more characters, longest first. */
  private readonly hanWords: RegExp | undefined;
  /** The single Han characters of the list (城, 市, 縣). */
  private readonly hanChars: RegExp | undefined;

  constructor(list: readonly string[]) {
    this.words = new Set(list.map((w) => fold(w)).filter((w) => w.length > 0));
    const han = [...this.words].filter((w) => hasHan(w));
    const long = han.filter((w) => [...w].length >= 2).sort((x, y) => y.length - x.length);
    const single = han.filter((w) => [...w].length === 1);
    this.hanWords = long.length > 0 ? new RegExp(long.join('|'), 'g') : undefined;
    this.hanChars = single.length > 0 ? new RegExp(`[${single.join('')}]`, 'g') : undefined;
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** Removes common Chinese words from a Han run: 城市联盟 → '' (nothing specific left). */
  strip(word: string): string {
    if (!hasHan(word)) return this.words.has(word) ? '' : word;
    // Until nothing changes: removing one word can join the halves of another (城国际市 → 城市).
    let s = word;
    if (this.hanWords) {
      for (let before = ''; before !== s;) {
        before = s;
        s = s.replace(this.hanWords, '');
      }
    }
    return this.hanChars ? s.replace(this.hanChars, '') : s;
  }

  /** A folded query made of common words only. */
  onlyCommon(folded: string): boolean {
    const ws = words(folded);
    return ws.length > 0 && ws.every((w) => this.words.has(w) || this.strip(w).length === 0);
  }

  /** Decided once per name row, not per question: whether and how mentions() may find the name. */
  mentionKind(folded: string, compactKey: string): Pick<Row, 'mention' | 'chars'> {
    const chars = [...compactKey].length;
    const isHan = hasHan(compactKey);
    if (isHan ? chars < 2 : compactKey.length < 3) return { chars };
    // Common words never count as a mention ("城市聯盟" inside "高雄參加了哪些城市聯盟"), except a
    // multi-word Latin name standing whole ("What is the Cities Alliance?").
    if (this.onlyCommon(folded) && (isHan || words(folded).length < 2)) return { chars };
    return { mention: isHan ? 'han' : 'latin', chars };
  }
}

export interface EngineOptions {
  /** Words too common in names to identify anything alone (default: none). */
  commonWords?: readonly string[];
}

/** A query as every tier reads it. */
interface Query<K extends string> {
  folded: string;
  /** The folded query without spaces. */
  q: string;
  han: boolean;
  /** Code points of q. */
  length: number;
  /** Made of common words only. */
  generic: boolean;
  limit: number;
  ok: (docIndex: number) => boolean;
  kinds: readonly K[] | undefined;
}

const NONE = { status: 'none', hits: [] } as const satisfies SearchResult;

export class SearchEngine<K extends string = string> {
  private readonly docs: SearchDoc<K>[];
  private readonly byId = new Map<string, number>();
  private readonly rows: Row[] = [];
  /**
   * Compact key → the records it names, each with the text of its first row under that key: an exact hit
   * is answered from here alone, so it costs the same at any record count.
   */
  private readonly exact = new Map<string, { doc: number; text: string }[]>();
  private readonly postings = new Map<string, number[]>();
  /**
   * mentions() looks a question up here: each mentionable name row under its rarest n-gram that any
   * question containing the name must also have. Looking up every n-gram's full posting list instead
   * touched most rows at 10,000 records ("ati", "ion" are in thousands of names).
   */
  private readonly mentionIndex = new Map<string, number[]>();
  /** Mentionable rows with no such n-gram (a lone Han character between Latin runs): always checked. */
  private readonly mentionAlways: number[] = [];
  /** The fuzzy prefilter's per-row counters, reused by every query (see prefilterRows). */
  private scratch: PrefilterScratch | undefined;
  /** Row indexes ordered by compact key, for prefix look-ups. */
  private readonly sorted: number[];
  /**
   * Built by prepare() or on first use: a one-shot answer is most often found by name, and folding every
   * description costs start-up time it need not pay.
   */
  private content: { rows: Row[]; postings: Map<string, number[]> } | undefined;

  private readonly common: CommonWords;

  constructor(docs: readonly SearchDoc<K>[], options: EngineOptions = {}) {
    this.common = new CommonWords(options.commonWords ?? []);
    this.docs = [...docs];
    /** Each row's n-grams, kept while building: the mention index needs them again. */
    const rowGrams: string[][] = [];
    this.docs.forEach((d, docIndex) => {
      this.byId.set(d.id, docIndex);
      // One row per folded form: "Sister-Cities" and "Sister Cities" compact alike but stand as different
      // words in a question, and mentions() must find either.
      const seen = new Set<string>();
      for (const text of d.names) {
        const folded = fold(text);
        const c = folded.replace(/ /g, '');
        if (!c || seen.has(folded)) continue;
        seen.add(folded);
        const rowIndex =
          this.rows.push({ doc: docIndex, text, folded, compact: c, ...this.common.mentionKind(folded, c) }) - 1;
        const list = this.exact.get(c);
        if (!list) this.exact.set(c, [{ doc: docIndex, text }]);
        else if (!list.some((e) => e.doc === docIndex)) list.push({ doc: docIndex, text });
        const gs = grams(c);
        rowGrams.push(gs);
        for (const g of gs) push(this.postings, g, rowIndex);
      }
    });
    this.rows.forEach((row, r) => {
      if (!row.mention) return;
      let rarest: string | undefined;
      let rarestRows = Infinity;
      for (const g of rowGrams[r]!) {
        if (!reliable(g)) continue;
        const n = this.postings.get(g)?.length ?? 0;
        if (n < rarestRows) {
          rarest = g;
          rarestRows = n;
        }
      }
      if (rarest === undefined) this.mentionAlways.push(r);
      else push(this.mentionIndex, rarest, r);
    });
    this.sorted = this.rows
      .map((_, i) => i)
      .sort((a, b) => compareStrings(this.rows[a]!.compact, this.rows[b]!.compact));
  }

  /**
   * Type-ahead for autocomplete: names that start with what was typed (binary search over sorted keys,
   * so it stays fast at any size), then the full search, then names that merely contain it. Unlike
   * search(), short and common fragments ("ic", "city", "高") still list candidates: a menu is not an answer.
   */
  suggest(typed: string, options: SearchOptions<K> = {}): Hit<K>[] {
    const limit = options.limit ?? 25;
    const allowed = options.kinds ? new Set<K>(options.kinds) : undefined;
    const ok = (docIndex: number): boolean => !allowed || allowed.has(this.docs[docIndex]!.kind);
    const q = compact(typed.slice(0, MAX_QUERY_CHARS));
    if (!q) return [];
    const out = new Map<number, Hit<K>>();
    const add = (h: Hit<K>): void => {
      const d = this.byId.get(h.id);
      if (d !== undefined && !out.has(d) && out.size < limit) out.set(d, h);
    };
    const prefixed: Array<{ doc: number; row: Row }> = [];
    for (
      let i = lowerBound(this.sorted, (r) => compareStrings(this.rows[r]!.compact, q));
      i < this.sorted.length;
      i++
    ) {
      const row = this.rows[this.sorted[i]!]!;
      if (!row.compact.startsWith(q)) break;
      if (ok(row.doc)) prefixed.push({ doc: row.doc, row });
      if (prefixed.length >= limit * 4) break;
    }
    prefixed.sort((a, b) => a.row.compact.length - b.row.compact.length);
    for (const { doc, row } of prefixed) add(this.hit(doc, 1, 'exact', row.text));
    for (const h of this.search(typed, { ...options, limit }).hits) add(h);
    if (out.size < limit && [...q].length >= 1) {
      for (const r of hasHan(q) || q.length >= 3 ? this.candidateRows(q, this.postings) : []) {
        const row = this.rows[r]!;
        if (ok(row.doc) && row.compact.includes(q)) add(this.hit(row.doc, 0.5, 'substring', row.text));
        if (out.size >= limit) break;
      }
    }
    return [...out.values()];
  }

  /**
   * Builds the description index now rather than on the first query that needs it (where it stalls that
   * query: 0.5 s at 10k records). Long-running doors call it before they report ready.
   */
  prepare(): void {
    this.contentIndex();
  }

  /** Whether every index is built, so no query will stop to build one. */
  get prepared(): boolean {
    return this.content !== undefined;
  }

  private contentIndex(): { rows: Row[]; postings: Map<string, number[]> } {
    if (this.content) return this.content;
    const rows: Row[] = [];
    const postings = new Map<string, number[]>();
    this.docs.forEach((d, docIndex) => {
      for (const text of d.content) {
        const c = compact(text);
        if (!c) continue;
        const rowIndex = rows.push({ doc: docIndex, text, folded: c, compact: c }) - 1;
        for (const g of grams(c)) push(postings, g, rowIndex);
      }
    });
    this.content = { rows, postings };
    return this.content;
  }

  get size(): number {
    return this.docs.length;
  }

  doc(id: string): SearchDoc<K> | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.docs[i];
  }

  search(query: string, options: SearchOptions<K> = {}): SearchResult<K> {
    const folded = fold(query.slice(0, MAX_QUERY_CHARS));
    const q = folded.replace(/ /g, '');
    if (!q) return NONE;
    const allowed = options.kinds ? new Set<K>(options.kinds) : undefined;
    const ok = (docIndex: number): boolean => !allowed || allowed.has(this.docs[docIndex]!.kind);
    const limit = options.limit ?? 8;
    // An exact name needs nothing else worked out about the query: it costs one look-up at any size.
    const exact = this.exactTier(q, ok, limit);
    if (exact) return exact;
    const query_: Query<K> = {
      folded,
      q,
      han: hasHan(q),
      length: [...q].length,
      generic: this.common.onlyCommon(folded),
      limit,
      ok,
      kinds: options.kinds,
    };
    const named = this.substringTier(query_);
    if (named || options.direct) return named ?? NONE;
    // Fuzzy hits are computed once: confident ones answer before the content tier, unsure ones after it.
    const fuzzy = this.fuzzyHits(query_);
    return (
      this.fuzzyTier(query_, fuzzy) ??
      this.contentTier(query_) ??
      this.fuzzyCandidates(query_, fuzzy) ??
      this.wordTier(query_) ??
      this.commonWordCandidates(query_) ??
      NONE
    );
  }

  /** 1. The compact query is a name, acronym or alias. */
  private exactTier(q: string, ok: (docIndex: number) => boolean, limit: number): SearchResult<K> | undefined {
    const exact = (this.exact.get(q) ?? []).filter((e) => ok(e.doc));
    if (exact.length === 0) return undefined;
    const hits = exact.map((e) => this.hit(e.doc, 1, 'exact', e.text));
    // A full name is an answer even when made of common words (城市聯盟 is the Cities Alliance's name).
    return { status: exact.length === 1 ? 'match' : 'ambiguous', hits: hits.slice(0, limit) };
  }

  /** 2. Substring coverage: Chinese from two characters, romanized text from four letters. */
  private substringTier({ q, han, length, generic, ok, limit }: Query<K>): SearchResult<K> | undefined {
    if (!((han && length >= 2) || (!han && length >= 4))) return undefined;
    // Two at least: whether the best is clear depends on the second.
    const hits = this.substringHits(q, ok, Math.max(limit, 2));
    const [best, second] = hits;
    // A Latin fragment must cover most of a name ("nationalleagueofcities" in "thenational…"),
    // or "ida" would be found inside every "…idates".
    if (!best || (!han && best.score < 0.6)) return undefined;
    const clear = !generic && (!second || best.score - second.score >= 0.2);
    return { status: clear ? 'match' : 'ambiguous', hits: hits.slice(0, limit) };
  }

  /** 3. A fuzzy match close enough, and clearly ahead of the next record, to be the answer. */
  private fuzzyTier({ limit }: Query<K>, fuzzy: Hit<K>[]): SearchResult<K> | undefined {
    const [best, second] = fuzzy;
    if (best && best.score >= 1 - FUZZY_CONFIDENT && (!second || best.score - second.score >= FUZZY_GAP)) {
      return { status: 'match', hits: fuzzy.slice(0, limit) };
    }
    return undefined;
  }

  /** 4. The whole query found in descriptions ("無貧民區城市", "Local Agenda 21"). */
  private contentTier({ q, han, length, generic, ok, limit }: Query<K>): SearchResult<K> | undefined {
    if (generic || length < (han ? 2 : 4)) return undefined;
    const hits = this.contentHits(q, ok);
    if (hits.length === 0) return undefined;
    return { status: hits.length === 1 ? 'match' : 'ambiguous', hits: hits.slice(0, limit) };
  }

  /** 5. A close but unclear fuzzy match: offered as candidates. */
  private fuzzyCandidates({ limit }: Query<K>, fuzzy: Hit<K>[]): SearchResult<K> | undefined {
    return fuzzy[0] && fuzzy[0].score >= 1 - FUZZY_FALLBACK
      ? { status: 'ambiguous', hits: fuzzy.slice(0, limit) }
      : undefined;
  }

  /** 6. Word by word, for a query of two or more words. */
  private wordTier({ folded, ok, limit, kinds }: Query<K>): SearchResult<K> | undefined {
    const ws = words(folded);
    if (ws.length < 2) return undefined;
    const result = this.wordHits(ws, ok, limit, kinds);
    return result.hits.length > 0 ? result : undefined;
  }

  /** 7. Common Chinese words alone: what contains them, as candidates only. */
  private commonWordCandidates({ q, han, generic, ok, limit }: Query<K>): SearchResult<K> | undefined {
    if (!generic || !han) return undefined;
    const hits = this.substringHits(q, ok, limit);
    return hits.length > 0 ? { status: 'ambiguous', hits } : undefined;
  }

  /**
   * Records whose names or aliases occur inside a free-text question ("高雄參加了哪些國際組織?").
   * Latin names must stand as whole words; Han names need two characters. Longest mentions first.
   */
  mentions(question: string, options: SearchOptions<K> = {}): Hit<K>[] {
    const allowed = options.kinds ? new Set<K>(options.kinds) : undefined;
    const folded = fold(question.slice(0, MAX_QUERY_CHARS));
    const q = folded.replace(/ /g, '');
    // A Latin name runs straight into Chinese in mixed questions ("UCLG總部在哪裡"): that edge is a word edge.
    const spaced = ` ${folded.replace(SCRIPT_EDGE, ' ')} `;
    const candidates = new Set<number>(this.mentionAlways);
    for (const g of grams(q)) for (const r of this.mentionIndex.get(g) ?? []) candidates.add(r);
    const best = new Map<number, Hit<K>>();
    const at = new Map<number, number>();
    for (const r of candidates) {
      const row = this.rows[r]!;
      const doc = this.docs[row.doc]!;
      if (allowed && !allowed.has(doc.kind)) continue;
      const found = row.mention === 'han' ? q.includes(row.compact) : spaced.includes(` ${row.folded} `);
      if (!found) continue;
      const score = row.chars ?? 0;
      const prior = best.get(row.doc);
      if (!prior || prior.score < score) {
        best.set(row.doc, this.hit(row.doc, score, 'exact', row.text));
        at.set(row.doc, q.indexOf(row.compact));
      }
    }
    // Longest first; equal lengths in the order the question names them ("UCLG跟CCRE比較"), whichever
    // n-gram found them, then in the dataset's order.
    return [...best.entries()]
      .sort(([da, a], [db, b]) => b.score - a.score || at.get(da)! - at.get(db)! || da - db)
      .map(([, h]) => h);
  }

  private hit(docIndex: number, score: number, tier: Tier, matched: string): Hit<K> {
    const d = this.docs[docIndex]!;
    return { id: d.id, kind: d.kind, score, tier, matched };
  }

  /** Rows that contain every gram of the query, in row order. */
  private candidateRows(q: string, postings: Map<string, number[]>): number[] {
    return intersectSorted(grams(q).map((g) => postings.get(g) ?? []));
  }

  /**
   * The `keep` records whose names contain q, best coverage first (ties in row order). Common words match
   * tens of thousands of names at 100k records, so only the best few are kept while scanning (rows of one
   * record are adjacent, and candidateRows returns them in order): no hit per row, no sort of them all.
   */
  private substringHits(q: string, ok: (d: number) => boolean, keep: number): Hit<K>[] {
    const top: { doc: number; score: number; text: string }[] = [];
    const offer = (doc: number, score: number, text: string): void => {
      if (top.length >= keep && top[top.length - 1]!.score >= score) return;
      let at = top.length;
      while (at > 0 && top[at - 1]!.score < score) at--;
      top.splice(at, 0, { doc, score, text });
      if (top.length > keep) top.pop();
    };
    const qLen = [...q].length;
    let current: { doc: number; score: number; text: string } | undefined;
    for (const r of this.candidateRows(q, this.postings)) {
      const row = this.rows[r]!;
      if (!ok(row.doc) || !row.compact.includes(q)) continue;
      const coverage = qLen / (row.chars ?? [...row.compact].length);
      const score = Math.min(1, coverage + (row.compact.startsWith(q) ? 0.05 : 0));
      if (current?.doc !== row.doc) {
        if (current) offer(current.doc, current.score, current.text);
        current = { doc: row.doc, score, text: row.text };
      } else if (current.score < score) {
        current.score = score;
        current.text = row.text;
      }
    }
    if (current) offer(current.doc, current.score, current.text);
    return top.map((t) => this.hit(t.doc, t.score, 'substring', t.text));
  }

  /** Fuzzy hits over the plausible name rows; none for common words, or for one or two characters. */
  private fuzzyHits({ folded, q, length, generic, ok }: Query<K>): Hit<K>[] {
    if (generic || length < 3) return [];
    // Rows sharing at least a third of the query's n-grams (typos keep most of them), most shared first.
    const qGrams = grams(q);
    const scratch = (this.scratch ??= {
      counts: new Int32Array(this.rows.length),
      first: new Int32Array(this.rows.length),
    });
    const candidates = prefilterRows(
      qGrams.map((g) => this.postings.get(g) ?? []),
      Math.max(1, Math.floor(qGrams.length / 3)),
      MAX_FUZZY_ROWS,
      (r) => ok(this.rows[r]!.doc),
      scratch,
      MAX_PREFILTER_ROWS,
    ).map((r) => this.rows[r]!);
    if (candidates.length === 0) return [];
    const fuse = new Fuse(candidates, FUSE_OPTIONS);
    const best = new Map<number, Hit<K>>();
    for (const result of fuse.search(folded.length <= 32 ? folded : q)) {
      const row = result.item;
      // Fuse scores 0 (perfect) to 1; the engine's scores are higher-is-better.
      let score = 1 - (result.score ?? 1);
      // A short query inside a long name is a weaker match than one that covers the name.
      score -= 0.1 * (1 - Math.min(1, q.length / row.compact.length));
      const prior = best.get(row.doc);
      if (!prior || prior.score < score) best.set(row.doc, this.hit(row.doc, score, 'fuzzy', row.text));
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  private wordHits(
    ws: string[],
    ok: (d: number) => boolean,
    limit: number,
    kinds: readonly K[] | undefined,
  ): SearchResult<K> {
    const specific = ws.filter((w) => this.common.strip(w).length > 0 && !this.common.has(w));
    if (specific.length === 0) return { status: 'none', hits: [] };
    const tally = new Map<number, { words: number; score: number; matched: string }>();
    for (const w of specific) {
      // Only the kinds asked for: at 10k records a place search must not sub-search every organization.
      const sub = this.search(w, kinds ? { kinds, limit: 5 } : { limit: 5 });
      // Each word votes for the records it clearly points to.
      for (const h of sub.status === 'none' ? [] : sub.hits) {
        const docIndex = this.byId.get(h.id);
        if (docIndex === undefined || !ok(docIndex)) continue;
        const t = tally.get(docIndex) ?? { words: 0, score: 0, matched: h.matched };
        t.words += 1;
        t.score += h.score * (sub.status === 'match' ? 1 : 0.5);
        tally.set(docIndex, t);
      }
    }
    const ranked = [...tally.entries()].sort((a, b) => b[1].words - a[1].words || b[1].score - a[1].score);
    const [first, second] = ranked;
    // At least half of the specific words must point (clearly) at the winner, or the words are unrelated
    // ("nuclear power plant" grazing one name with one word is no answer).
    if (!first || first[1].score / specific.length < 0.5) return { status: 'none', hits: [] };
    const hits = ranked.map(([d, t]) => this.hit(d, t.score / specific.length, 'words', t.matched));
    const clear = !second || first[1].words > second[1].words || first[1].score - second[1].score >= 0.3;
    return { status: clear ? 'match' : 'ambiguous', hits: hits.slice(0, limit) };
  }

  private contentHits(q: string, ok: (d: number) => boolean): Hit<K>[] {
    const perDoc = new Map<number, { n: number; text: string }>();
    const content = this.contentIndex();
    for (const r of this.candidateRows(q, content.postings)) {
      const row = content.rows[r]!;
      if (!ok(row.doc) || !row.compact.includes(q)) continue;
      const t = perDoc.get(row.doc) ?? { n: 0, text: row.text };
      t.n += 1;
      perDoc.set(row.doc, t);
    }
    return [...perDoc.entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([d, t]) => this.hit(d, Math.min(1, 0.5 + 0.1 * t.n), 'content', this.docs[d]!.names[0] ?? t.text));
  }
}

/** Code-unit order, the same order startsWith walks in. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}
