/** Builds the services every door shares: the dataset (validated), its search index and the translator. */
import type { Services } from '../answers/context.js';
import { loadDataset } from '../data/load.js';
import { buildSearch } from '../data/search-docs.js';
import { createTranslator, readResources } from '../i18n/index.js';

export type { Services };

export interface ServiceOptions {
  dataDir?: string;
  localesDir?: string;
  /**
   * Build every index now (the description index included), so no user's query pays for it: the
   * long-running doors ask for this before they report ready; the one-shot console does not.
   */
  complete?: boolean;
}

/**
 * Loads and checks data and locales; throws DataError or LocaleError naming what is wrong.
 * DATA_DIR and LOCALES_DIR in the environment point every entry point at other copies (tests use them).
 */
export async function createServices(options: ServiceOptions = {}): Promise<Services> {
  const data = await loadDataset(options.dataDir ?? process.env.DATA_DIR);
  const translator = createTranslator(readResources(options.localesDir ?? process.env.LOCALES_DIR));
  const search = buildSearch(data);
  if (options.complete) search.prepare();
  return { data, search, translator };
}
