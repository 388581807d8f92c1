/**
 * mentions() finds names through an index of one n-gram per name (the rarest one any question holding the
 * name must share). These tests fail if that n-gram could be missing from a question that holds the name:
 * every name found when asked alone must still be found inside a longer question, in either script.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { buildSearch, datasetDocs } from '../src/data/search-docs.js';
import { SearchEngine } from '../src/search/engine.js';

const data = await loadDataset();
const search = buildSearch(data);
const docs = datasetDocs(data);

const WRAPS: ReadonlyArray<(name: string) => string> = [
  (n) => `請問${n}的總部在哪裡`,
  (n) => `${n}跟台北有什麼關係？`,
  (n) => `tell me about ${n}, please`,
  (n) => `where is the headquarters of ${n}?`,
  (n) => `高雄與${n}`,
];

describe('mentions()', () => {
  const alone = docs.flatMap((d) =>
    d.names.filter((n) => search.mentions(n).some((h) => h.id === d.id)).map((n) => [d.id, n] as const),
  );

  it('finds most of the dataset’s names when a question is only the name', () => {
    // The rest are common words ("城市聯盟") or too short to count alone, by design.
    expect(alone.length).toBeGreaterThan(docs.length);
  });

  it.each(alone)('%s: "%s" is still found inside longer questions', (id, name) => {
    for (const wrap of WRAPS) {
      const q = wrap(name);
      expect(
        search.mentions(q).map((h) => h.id),
        q,
      ).toContain(id);
    }
  });

  it('finds names whose own n-grams are unreliable: a lone Han character, a two-letter Latin run', () => {
    const engine = new SearchEngine([
      { id: 'mixed', kind: 'org', names: ['ICLEI城AB盟'], content: [] },
      { id: 'short', kind: 'org', names: ['AB市'], content: [] },
      { id: 'plain', kind: 'org', names: ['Cities Alliance'], content: [] },
      // Many rows share the common n-grams, so the index must pick the rare one.
      ...Array.from({ length: 300 }, (_, i) => ({
        id: `filler-${i}`,
        kind: 'org',
        names: [`Alliance of Cities number ${i.toString(36)}q${i}`],
        content: [],
      })),
    ]);
    expect(engine.mentions('請問ICLEI城AB盟在哪').map((h) => h.id)).toContain('mixed');
    expect(engine.mentions('請問 AB市是什麼').map((h) => h.id)).toEqual(['short']);
    expect(engine.mentions('what does the Cities Alliance do').map((h) => h.id)).toEqual(['plain']);
    expect(engine.mentions('about alliance of cities number 2q2 please').map((h) => h.id)).toEqual(['filler-2']);
  });

  it('gives equal scores in the order the question names them, whichever n-gram found them', () => {
    const engine = new SearchEngine([
      { id: 'b', kind: 'org', names: ['東京都'], content: [] },
      { id: 'a', kind: 'org', names: ['大阪府'], content: [] },
      { id: 'long', kind: 'org', names: ['北海道札幌'], content: [] },
    ]);
    expect(engine.mentions('大阪府和東京都').map((h) => h.id)).toEqual(['a', 'b']);
    expect(engine.mentions('東京都和大阪府').map((h) => h.id)).toEqual(['b', 'a']);
    // A longer name still comes first wherever it stands.
    expect(engine.mentions('大阪府、東京都與北海道札幌').map((h) => h.id)).toEqual(['long', 'a', 'b']);
  });
});
