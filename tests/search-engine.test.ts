/** The engine's indexes: exact hits from one map, and the description index built when asked. */
import { describe, expect, it } from 'vitest';
import { createServices } from '../src/app/services.js';
import { SearchEngine } from '../src/search/engine.js';

const docs = [
  { id: 'ca', kind: 'org', names: ['Cities Alliance', '城市聯盟', 'CA'], content: ['slum upgrading'] },
  { id: 'wca', kind: 'org', names: ['World Cities Alliance', 'Sister-Cities', 'Sister Cities'], content: [] },
  { id: 'twin', kind: 'org', names: ['Twin Towns', 'Sister Cities'], content: ['sister city links'] },
] as const;

describe('SearchEngine indexes', () => {
  it('answers an exact hit with the name row that matched, for every record that has it', () => {
    const engine = new SearchEngine(docs);
    expect(engine.search('ca').hits).toEqual([{ id: 'ca', kind: 'org', score: 1, tier: 'exact', matched: 'CA' }]);
    // Two records share the compact key; each keeps the text of its own first row with it.
    const shared = engine.search('sistercities');
    expect(shared.status).toBe('ambiguous');
    expect(shared.hits.map((h) => [h.id, h.matched])).toEqual([
      ['wca', 'Sister-Cities'],
      ['twin', 'Sister Cities'],
    ]);
  });

  it('builds the description index on the first content query, or before it when prepared', () => {
    const lazy = new SearchEngine(docs);
    expect(lazy.prepared).toBe(false);
    const before = lazy.search('slum upgrading');
    expect(lazy.prepared).toBe(true);
    const eager = new SearchEngine(docs);
    eager.prepare();
    expect(eager.prepared).toBe(true);
    expect(eager.search('slum upgrading')).toEqual(before);
    expect(before.hits[0]).toMatchObject({ id: 'ca', tier: 'content' });
  });

  it('long-running doors get every index built at start-up; the one-shot console builds on demand', async () => {
    expect((await createServices({ complete: true })).search.prepared).toBe(true);
    expect((await createServices()).search.prepared).toBe(false);
  });
});
