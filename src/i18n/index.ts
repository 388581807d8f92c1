/**
 * i18next over the resources in locales/<lang>/<namespace>.json. The files are read and checked at start
 * (a broken or incomplete locale file stops the bot with a message naming the file and key), and their
 * English shapes type every `t()` key, so a wrong key fails the type-check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type CustomTypeOptions, type i18n as I18n, type TFunction } from 'i18next';
import { LANGS, type Lang } from '../kernel/types.js';
import { LOCALES_DIR } from '../kernel/paths.js';

export const NAMESPACES = [
  'common',
  'commands',
  'org',
  'compare',
  'taiwan',
  'founded',
  'list',
  'ask',
  'about',
  'help',
  'actions',
  'cite',
  'console',
  'picture',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/**
 * types.d.ts gives each namespace its English resource type, and a type can only be imported by a literal
 * path, so it names the namespaces again: this line fails to compile if the two lists ever differ.
 */
type Declared = keyof CustomTypeOptions['resources'];
export const SAME_NAMESPACES: [Declared] extends [Namespace] ? ([Namespace] extends [Declared] ? true : never) : never =
  true;

export class LocaleError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The locale files are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LocaleError';
  }
}

type Tree = { [key: string]: string | Tree };

/** Flattens a resource tree to dotted keys, reporting any leaf that is not a non-empty string. */
export function flatten(tree: unknown, file: string, problems: string[], prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) {
    problems.push(`${file}: ${prefix || '(root)'} must be an object of strings`);
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      if (value.trim() === '') problems.push(`${file}: key "${path}" is empty`);
      out.set(path, value);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value, file, problems, path)) out.set(k, v);
    } else problems.push(`${file}: key "${path}" must be a string or an object`);
  }
  return out;
}

export type Resources = Record<Lang, Record<Namespace, Tree>>;

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

/**
 * A placeholder in one language only is a typo in one of them (`{{cuont}}`), which would be shown to users
 * as typed; so is a brace that is not part of a `{{name}}` (`{{ name }}`, `{name}}`), the only form filled
 * in (see memoized). Whether the code passes each name is checked by tests/i18n.test.ts, which reads the
 * sources: too slow for every start. One pass over the texts.
 */
function checkPlaceholders(ns: Namespace, a: Map<string, string>, b: Map<string, string>, problems: string[]): void {
  const [la, lb] = LANGS;
  for (const [lang, texts] of [
    [la, a],
    [lb, b],
  ] as const) {
    for (const [key, text] of texts) {
      const stray = /[{}]/.exec(text.replace(PLACEHOLDER, ''));
      if (stray)
        problems.push(`locales/${lang}/${ns}.json: key "${key}" has a "${stray[0]}" that is not part of a {{name}}`);
    }
  }
  for (const [key, textA] of a) {
    const textB = b.get(key);
    if (textB === undefined) continue; // reported as missing
    const [pa, pb] = [placeholders(textA), placeholders(textB)];
    for (const p of pa)
      if (!pb.has(p))
        problems.push(`locales/${la}/${ns}.json: key "${key}" has {{${p}}}, which locales/${lb}/${ns}.json does not`);
    for (const p of pb)
      if (!pa.has(p))
        problems.push(`locales/${lb}/${ns}.json: key "${key}" has {{${p}}}, which locales/${la}/${ns}.json does not`);
  }
}

/**
 * Reads every locale file and checks that both languages have exactly the same keys, with the same
 * placeholders in each.
 */
export function readResources(dir: string = LOCALES_DIR): Resources {
  const problems: string[] = [];
  const resources = {} as Resources;
  const flat = {} as Record<Lang, Record<Namespace, Map<string, string>>>;
  for (const lang of LANGS) {
    resources[lang] = {} as Record<Namespace, Tree>;
    flat[lang] = {} as Record<Namespace, Map<string, string>>;
    for (const ns of NAMESPACES) {
      const file = `locales/${lang}/${ns}.json`;
      let tree: unknown = {};
      try {
        tree = JSON.parse(readFileSync(join(dir, lang, `${ns}.json`), 'utf8')) as unknown;
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        problems.push(`${file}: ${e.code === 'ENOENT' ? 'file is missing' : `cannot be read: ${e.message}`}`);
      }
      flat[lang][ns] = flatten(tree, file, problems);
      resources[lang][ns] = tree as Tree;
    }
  }
  for (const ns of NAMESPACES) {
    const [a, b] = LANGS.map((l) => flat[l][ns]) as [Map<string, string>, Map<string, string>];
    for (const key of a.keys())
      if (!b.has(key)) problems.push(`locales/${LANGS[1]}/${ns}.json: key "${key}" is missing`);
    for (const key of b.keys())
      if (!a.has(key)) problems.push(`locales/${LANGS[0]}/${ns}.json: key "${key}" is missing`);
    checkPlaceholders(ns, a, b, problems);
  }
  if (problems.length > 0) throw new LocaleError(problems);
  return resources;
}

/** A translate function that accepts `namespace:key` for every namespace, each key type-checked. */
export type T = TFunction<typeof NAMESPACES>;

export interface Translator {
  i18n: I18n;
  t(lang: Lang): T;
}

/**
 * i18next copies its whole options object on every t() call and leaves garbage that survives young-
 * generation collections: measured, it was the largest cost of an /org answer (~40 labels) and the
 * source of 10 ms GC pauses in the tail. Resources never change after start-up, so each key's template
 * is fetched from i18next once and cached; values are then put into its {{placeholders}} here. The
 * project's resources use nothing else of i18next's interpolation (no formats, plurals, nesting or
 * context; tests/i18n.test.ts checks every key both ways against i18next itself). Anything else
 * goes through i18next unchanged.
 */
export function memoized(t: T): T {
  const raw = t as unknown as (...a: unknown[]) => string;
  const templates = new Map<string, string>();
  const lookup = (key: unknown, ...rest: unknown[]): unknown => {
    const values = rest[0];
    const simple =
      typeof key === 'string' &&
      rest.length <= 1 &&
      (values === undefined ||
        (typeof values === 'object' &&
          values !== null &&
          Object.values(values).every((v) => typeof v === 'string' || typeof v === 'number')));
    if (!simple) return raw(key, ...rest);
    let template = templates.get(key);
    if (template === undefined) {
      // Fetched with interpolation off, so the {{placeholders}} come back as written.
      template = raw(key, { interpolation: { skipOnVariables: true }, skipInterpolation: true });
      templates.set(key, template);
    }
    if (!template.includes('{{')) return template;
    // A value the caller did not pass is left out, never shown as `{{name}}` (as i18next is told below).
    const v = (values ?? {}) as Record<string, string | number>;
    return template.replace(PLACEHOLDER, (_m: string, name: string) => (Object.hasOwn(v, name) ? String(v[name]) : ''));
  };
  return lookup as unknown as T;
}

export function createTranslator(resources: Resources = readResources()): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'zh-TW',
    fallbackLng: false,
    supportedLngs: [...LANGS],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    // Values are shown in Discord embeds, not HTML: escaping would print &amp; to the user.
    interpolation: { escapeValue: false },
    // By default a value not passed leaves `{{name}}` in the text; tests/i18n.test.ts checks that the code
    // passes every one, and should one slip through, the user sees nothing rather than the braces.
    missingInterpolationHandler: () => '',
    returnNull: false,
  });
  const fixed = new Map<Lang, T>(LANGS.map((l) => [l, memoized(instance.getFixedT(l, [...NAMESPACES]) as T)]));
  return { i18n: instance, t: (lang) => fixed.get(lang)! };
}
