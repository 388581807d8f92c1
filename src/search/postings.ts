/**
 * Posting-list algorithms of the search engine, on their own so their costs and results can be checked
 * against the obvious versions (tests/postings.test.ts). A posting list is the ascending row numbers of
 * the rows holding one n-gram. Hand-written: the engine's n-gram index is its own (shared/notes/search-cjk.md),
 * and none of the search libraries exposes its candidate step.
 */

/** First index whose item compares >= 0 (the items are in the comparison's order). */
export function lowerBound(items: readonly number[], compare: (item: number) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(items[mid]!) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether an ascending list holds value (binary search). */
export function sortedHas(list: readonly number[], value: number): boolean {
  return list[lowerBound(list, (item) => item - value)] === value;
}

/**
 * The rows in every list, ascending. Walks only the shortest list and binary-searches the others, so a
 * query whose other grams are in most names ("cit", "ion") costs the rare gram's list, not the common ones'.
 */
export function intersectSorted(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 0 || lists.some((l) => l.length === 0)) return [];
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length) as [number[], ...number[][]];
  return rest.length === 0 ? [...shortest] : shortest.filter((r) => rest.every((l) => sortedHas(l, r)));
}

/** Per-row counters reused by every prefilterRows call on one index (all zero between calls). */
export interface PrefilterScratch {
  counts: Int32Array;
  first: Int32Array;
}

/**
 * Up to `limit` accepted rows held by at least `need` of the lists, those in the most lists first; ties
 * in the order walking the lists in turn finds them (the first list's rows, then the next list's new
 * ones). That is what counting every list would give, computed without walking the commonest lists:
 * a row in `need` lists is in at least one of any (lists − need + 1) of them (prefix filtering), so only
 * those, the rarest, add rows; the need − 1 commonest ("ion", "cit": tens of thousands of rows at 100k
 * records) only count for rows already found, by binary search or by a walk, whichever touches fewer.
 * With a `budget`, the lists that add rows stop before their rows pass it: a query whose grams are all
 * common (a one-word typo at 100k records) then looks only among the rows its rarest grams reach, which
 * is no longer exact but bounded; with no budget, or one not reached, the result is the exact one.
 */
export function prefilterRows(
  lists: readonly (readonly number[])[],
  need: number,
  limit: number,
  accept: (row: number) => boolean,
  scratch: PrefilterScratch,
  budget = Number.POSITIVE_INFINITY,
): number[] {
  const { counts, first } = scratch;
  // The lists that add rows: the (lists − need + 1) shortest, fewer once their rows would pass the
  // budget (the shortest one always). The others only count for rows already found.
  const byLength = lists.map((_, i) => i).sort((a, b) => lists[a]!.length - lists[b]!.length);
  const adding = new Set<number>();
  let rows = 0;
  for (const i of byLength.slice(0, Math.max(1, lists.length - need + 1))) {
    if (adding.size > 0 && rows + lists[i]!.length > budget) break;
    adding.add(i);
    rows += lists[i]!.length;
  }
  const common = new Set(byLength.filter((i) => !adding.has(i)));
  const touched: number[] = [];
  lists.forEach((list, i) => {
    if (common.has(i)) return;
    for (const r of list) {
      if (counts[r] === 0) {
        touched.push(r);
        first[r] = i;
      }
      counts[r] = counts[r]! + 1;
    }
  });
  for (const i of common) {
    const list = lists[i]!;
    const count = (r: number): void => {
      counts[r] = counts[r]! + 1;
      if (i < first[r]!) first[r] = i;
    };
    if (touched.length * Math.log2(list.length + 1) < list.length) {
      for (const r of touched) if (sortedHas(list, r)) count(r);
    } else for (const r of list) if (counts[r]! > 0) count(r);
  }
  const byCount: number[][] = Array.from({ length: lists.length + 1 }, () => []);
  for (const r of touched) {
    const n = counts[r]!;
    counts[r] = 0;
    if (n >= need) byCount[n]!.push(r);
  }
  const out: number[] = [];
  for (let n = lists.length; n >= need && out.length < limit; n--) {
    const group = byCount[n]!;
    if (group.length === 0) continue;
    for (const r of inListOrder(group, first, lists.length, common)) {
      if (!accept(r)) continue;
      out.push(r);
      if (out.length === limit) break;
    }
  }
  return out;
}

/**
 * One count group's rows in the order the walk over every list would find them: by first list, then row.
 * Rows first reached by a walked list are in row order already; only those first reached by a common list
 * (found out of order) are sorted. Lazy: most groups are left part-way.
 */
function* inListOrder(
  group: readonly number[],
  first: Int32Array,
  listCount: number,
  common: ReadonlySet<number>,
): Generator<number> {
  // Found in order already when no row's first list is a common one (the usual case).
  if (!group.some((r) => common.has(first[r]!))) {
    yield* group;
    return;
  }
  const byFirst: number[][] = Array.from({ length: listCount }, () => []);
  for (const r of group) byFirst[first[r]!]!.push(r);
  for (let i = 0; i < listCount; i++) {
    const rows = byFirst[i]!;
    if (common.has(i)) rows.sort((a, b) => a - b);
    yield* rows;
  }
}
