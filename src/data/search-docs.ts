/** Builds the search engine's documents from the dataset: one engine for organizations, places and alliances. */
import type { Dataset } from './load.js';
import type { Bilingual } from './schema.js';
import { SearchEngine, type SearchDoc } from '../search/engine.js';
import { COMMON_NAME_WORDS } from './vocabulary.js';

export type RecordKind = 'org' | 'place' | 'alliance';

const both = (b: Bilingual): string[] => [b.zh, b.en];

export function datasetDocs(data: Dataset): SearchDoc<RecordKind>[] {
  const docs: SearchDoc<RecordKind>[] = [];
  for (const o of data.organizations) {
    docs.push({
      id: o.id,
      kind: 'org',
      names: [
        o.names.zh,
        o.names.en,
        ...(o.acronym ? [o.acronym] : []),
        ...(o.originalName ? [o.originalName] : []),
        ...o.aliases,
      ],
      content: [...both(o.summary), ...o.facts.flatMap((f) => both(f.text))],
    });
  }
  for (const p of data.places) {
    docs.push({
      id: p.id,
      kind: 'place',
      names: [p.names.zh, p.names.en, ...p.aliases],
      content: [...p.facts.flatMap((f) => both(f.text)), ...p.events.flatMap((e) => both(e.text))],
    });
  }
  for (const a of data.alliances) {
    // An alliance that is also a table organization is found through the organization record.
    if (a.org) continue;
    docs.push({
      id: a.id,
      kind: 'alliance',
      names: [a.names.zh, a.names.en, ...a.aliases],
      content: [...both(a.summary), ...a.facts.flatMap((f) => both(f.text))],
    });
  }
  return docs;
}

/** The dataset's search engine, told which words are too common in its names to identify anything. */
export function buildSearch(data: Dataset): SearchEngine<RecordKind> {
  return new SearchEngine(datasetDocs(data), { commonWords: COMMON_NAME_WORDS });
}
