/**
 * The engine's posting-list shortcuts (src/search/postings.ts) against the obvious versions: intersecting
 * by walking only the shortest list, and the fuzzy prefilter's prefix filtering, must give the very rows,
 * counts and order that walking every list gives, on any lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectSorted, lowerBound, prefilterRows, sortedHas } from '../src/search/postings.js';

const ROWS = 300;
/** An ascending list of distinct row numbers, skewed so some lists are long (common grams) and most short. */
const postingList = fc
  .oneof(
    fc.uniqueArray(fc.integer({ min: 0, max: ROWS - 1 }), { maxLength: 6 }),
    fc.uniqueArray(fc.integer({ min: 0, max: ROWS - 1 }), { maxLength: 40 }),
    fc.uniqueArray(fc.integer({ min: 0, max: ROWS - 1 }), { minLength: 100, maxLength: 250 }),
  )
  .map((l) => l.sort((a, b) => a - b));

/** Counting every list in turn: the reference the prefilter must equal. */
function naivePrefilter(
  lists: readonly (readonly number[])[],
  need: number,
  limit: number,
  accept: (r: number) => boolean,
) {
  const counts = new Map<number, number>();
  for (const list of lists) for (const r of list) counts.set(r, (counts.get(r) ?? 0) + 1);
  const out: number[] = [];
  for (let n = lists.length; n >= need && out.length < limit; n--) {
    for (const [r, c] of counts) {
      if (c !== n || !accept(r)) continue;
      out.push(r);
      if (out.length === limit) break;
    }
  }
  return out;
}

describe('posting lists', () => {
  it('lowerBound and sortedHas agree with a linear scan', () => {
    fc.assert(
      fc.property(postingList, fc.integer({ min: -1, max: ROWS }), (list, v) => {
        expect(lowerBound(list, (x) => x - v)).toBe(list.filter((x) => x < v).length);
        expect(sortedHas(list, v)).toBe(list.includes(v));
      }),
    );
  });

  it('intersectSorted gives the rows in every list, ascending', () => {
    fc.assert(
      fc.property(fc.array(postingList, { maxLength: 6 }), (lists) => {
        const expected =
          lists.length === 0
            ? []
            : [...new Set(lists.flat())].filter((r) => lists.every((l) => l.includes(r))).sort((a, b) => a - b);
        expect(intersectSorted(lists)).toEqual(expected);
      }),
    );
  });

  it('prefilterRows equals counting every list: same rows, same order, and leaves its counters at zero', () => {
    const scratch = { counts: new Int32Array(ROWS), first: new Int32Array(ROWS) };
    fc.assert(
      fc.property(
        fc.array(postingList, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (lists, needRaw, limit, mod) => {
          const need = Math.min(needRaw, lists.length);
          const accept = (r: number) => r % mod !== 1;
          expect(prefilterRows(lists, need, limit, accept, scratch)).toEqual(
            naivePrefilter(lists, need, limit, accept),
          );
          expect(scratch.counts.every((c) => c === 0)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('with a budget: still rows in at least `need` lists, most shared first; exact when the budget is not reached', () => {
    const scratch = { counts: new Int32Array(ROWS), first: new Int32Array(ROWS) };
    fc.assert(
      fc.property(
        fc.array(postingList, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 400 }),
        (lists, needRaw, budget) => {
          const need = Math.min(needRaw, lists.length);
          const got = prefilterRows(lists, need, 30, () => true, scratch, budget);
          const count = (r: number) => lists.filter((l) => l.includes(r)).length;
          expect(got.every((r) => count(r) >= need)).toBe(true);
          expect(got.map(count)).toEqual(got.map(count).sort((a, b) => b - a));
          expect(new Set(got).size).toBe(got.length);
          const total = lists.reduce((n, l) => n + l.length, 0);
          if (budget >= total) expect(got).toEqual(naivePrefilter(lists, need, 30, () => true));
          expect(scratch.counts.every((c) => c === 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a row reachable only through the commonest lists (a typo that broke every rare gram)', () => {
    // Row 7 is in the two long lists only; need 2 of 4 means the shortcut must still count it.
    const long = Array.from({ length: 200 }, (_, i) => i);
    const lists = [[1], [2], long, long.filter((r) => r !== 3)];
    const scratch = { counts: new Int32Array(ROWS), first: new Int32Array(ROWS) };
    expect(prefilterRows(lists, 2, 300, () => true, scratch)).toContain(7);
  });
});
