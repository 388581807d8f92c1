/** What every answer builder and handler works with: the dataset, its search index and the translator. */
import type { Dataset } from '../data/load.js';
import type { RecordKind } from '../data/search-docs.js';
import type { T, Translator } from '../i18n/index.js';
import type { Lang } from '../kernel/types.js';
import type { SearchEngine } from '../search/engine.js';

/** Built once per process by src/app/services.ts. */
export interface Services {
  data: Dataset;
  search: SearchEngine<RecordKind>;
  translator: Translator;
  /**
   * Discord's ids of the slash commands, when deploy-commands stored them: answers then show clickable
   * command mentions (`</org:id>`) instead of plain `/org`.
   */
  commandIds?: ReadonlyMap<string, string> | undefined;
}

/** Services in the answer's language. */
export interface Ctx extends Services {
  lang: Lang;
  t: T;
}

export function withLang(services: Services, lang: Lang): Ctx {
  return { ...services, lang, t: services.translator.t(lang) };
}
