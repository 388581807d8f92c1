/** What every handler needs: the dataset, its search index and the translator, built once per process. */
import { loadDataset, type Dataset } from '../data/load.js';
import { createTranslator, readResources, type T, type Translator } from '../i18n/index.js';
import { buildSearch, type RecordKind } from '../data/search-docs.js';
import type { SearchEngine } from '../search/engine.js';
import type { Lang } from '../kernel/types.js';

export interface Services {
  data: Dataset;
  search: SearchEngine<RecordKind>;
  translator: Translator;
}

export interface Ctx extends Services {
  lang: Lang;
  t: T;
}

export interface ServiceOptions {
  dataDir?: string;
  localesDir?: string;
}

/**
 * Loads and checks data and locales; throws DataError or LocaleError naming what is wrong.
 * DATA_DIR and LOCALES_DIR in the environment point every entry point at other copies (tests use them).
 */
export async function createServices(options: ServiceOptions = {}): Promise<Services> {
  const data = await loadDataset(options.dataDir ?? process.env.DATA_DIR);
  const translator = createTranslator(readResources(options.localesDir ?? process.env.LOCALES_DIR));
  return { data, search: buildSearch(data), translator };
}

export function withLang(services: Services, lang: Lang): Ctx {
  return { ...services, lang, t: services.translator.t(lang) };
}
