/** The labelled query set: every query must find its expected record first, and nonsense nothing. */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { buildSearch, type RecordKind } from '../src/data/search-docs.js';
import { QUERIES, QUERY_KINDS } from './fixtures/queries.js';

const search = buildSearch(await loadDataset());
const KINDS: Record<'org' | 'taiwan', RecordKind[]> = { org: ['org'], taiwan: ['place', 'alliance'] };

describe('labelled query set', () => {
  it('has at least 150 queries of every kind', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(QUERIES.map((q) => q.kind));
    for (const k of QUERY_KINDS) expect(kinds.has(k), k).toBe(true);
  });

  it.each(QUERIES.map((q) => [q.kind, q.q, q] as const))('%s: %s', (_kind, _q, query) => {
    const result = search.search(query.q, { kinds: KINDS[query.scope] });
    if (query.expect === null) {
      expect(result.status, `"${query.q}" should match nothing, got ${result.hits.map((h) => h.id).join(', ')}`).toBe(
        'none',
      );
    } else if (query.expect === 'generic') {
      expect(result.status, `"${query.q}" must not pick a winner`).not.toBe('match');
    } else {
      expect(result.status, `"${query.q}" found nothing`).not.toBe('none');
      expect(
        result.hits[0]?.id,
        `"${query.q}" → ${result.hits.map((h) => `${h.id}(${h.tier} ${h.score.toFixed(2)})`).join(', ')}`,
      ).toBe(query.expect);
    }
  });
});
