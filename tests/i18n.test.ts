/** Both languages are complete: every key in both, none left in the other language, every command localized. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/app/registry.js';
import { commandDefinition } from '../src/app/definitions.js';
import { LocaleError, NAMESPACES, createTranslator, flatten, memoized, readResources } from '../src/i18n/index.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../src/kernel/paths.js';
import { services } from './helpers/services.js';

const resources = readResources();
const flat = (lang: 'zh-TW' | 'en') =>
  new Map(
    NAMESPACES.flatMap((ns) => [...flatten(resources[lang][ns], ns, [])].map(([k, v]) => [`${ns}:${k}`, v] as const)),
  );
const zh = flat('zh-TW');
const en = flat('en');

/** Keys whose text is legitimately the same in both languages (format strings, command examples, names). */
const SAME_IN_BOTH = new Set([
  'commands:org.name',
  'commands:taiwan.name',
  'help:examples.about',
  'help:examples.help',
  'help:examples.list',
  'help:examples.timeline',
  'help:examples.org',
  'common:pager.page',
]);
/** Keys whose zh-TW text may be written without Han characters. */
const NO_HAN_OK = new Set([
  'ask:lead.fact',
  'help:examples.about',
  'help:examples.help',
  'help:examples.list',
  'help:examples.timeline',
  // Format strings: a type's name (or a heading) and its marks, all in Chinese once filled in.
  'picture:timeline.altType',
  'picture:timeline.altApart',
]);
/** English texts that show Chinese input on purpose (examples of what users may type, the table's name). */
const HAN_IN_EN_OK = new Set([
  'commands:org.options.query.description',
  'commands:taiwan.options.city.description',
  'commands:founded.options.when.description',
  'commands:ask.options.question.description',
  'help:options',
  'list:footer',
]);

/** What `fn` throws (undefined when it does not): for checking one error's message several ways. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('locales', () => {
  it('both languages have exactly the same keys', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('no zh-TW text is left in English, and none is identical to the English one', () => {
    for (const [key, value] of zh) {
      if (!NO_HAN_OK.has(key)) expect(value, `${key} should be Chinese`).toMatch(/\p{Script=Han}/u);
      if (!SAME_IN_BOTH.has(key)) expect(value, `${key} is identical in both languages`).not.toBe(en.get(key));
    }
  });

  it('no en text is left in Chinese (names in parentheses aside)', () => {
    for (const [key, value] of en) {
      if (HAN_IN_EN_OK.has(key)) continue;
      const withoutQuoted = value.replace(/[（(][^)）]*[)）]|“[^”]*”|`[^`]*`|〈[^〉]*〉/g, '');
      expect(withoutQuoted, `${key} should be English`).not.toMatch(/\p{Script=Han}{3,}/u);
    }
  });

  it('interpolation placeholders agree between languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of en) expect(vars(zh.get(key) ?? ''), key).toEqual(vars(value));
  });

  it('a placeholder in one language only, or a brace outside a {{name}}, is refused at load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'locales-'));
    try {
      cpSync(LOCALES_DIR, dir, { recursive: true });
      const edit = (lang: string, ns: string, from: string, to: string) => {
        const file = join(dir, lang, `${ns}.json`);
        const text = readFileSync(file, 'utf8');
        expect(text).toContain(from);
        writeFileSync(file, text.replace(from, to));
      };
      edit('zh-TW', 'ask', '{{names}}。', '{{nmaes}}。');
      edit('en', 'console', '{{page}}', '{{ page }}');
      const error = thrownBy(() => readResources(dir));
      expect(error).toBeInstanceOf(LocaleError);
      const message = (error as Error).message;
      expect(message).toMatch(
        /locales\/zh-TW\/ask\.json: key "notCovered\.near" has \{\{nmaes\}\}, which locales\/en\/ask\.json does not/,
      );
      expect(message).toMatch(
        /locales\/en\/ask\.json: key "notCovered\.near" has \{\{names\}\}, which locales\/zh-TW\/ask\.json does not/,
      );
      expect(message).toMatch(/locales\/en\/console\.json: key "\w+" has a "\{" that is not part of a \{\{name\}\}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing key or a broken file is refused, naming the file and key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'locales-'));
    try {
      cpSync(LOCALES_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'zh-TW', 'org.json'), JSON.stringify({ none: '沒有' }));
      writeFileSync(join(dir, 'en', 'list.json'), '{ broken');
      const error = thrownBy(() => readResources(dir));
      expect(error).toBeInstanceOf(LocaleError);
      const message = (error as Error).message;
      expect(message).toMatch(/locales\/zh-TW\/org\.json: key "candidates" is missing/);
      expect(message).toMatch(/locales\/en\/list\.json: cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Every `t(key, { name… })` call in src/ and commands/, read from the syntax (no type-check: a second).
 * A key is a literal, a template (`ask:lead.${order}`: a pattern), a choice of literals, or computed
 * (`ctx.t(key)`); the values are an object literal's names, or unknown (a variable, a spread).
 */
interface Call {
  at: string;
  keys: { exact: readonly string[] } | { pattern: RegExp } | 'computed';
  names: ReadonlySet<string> | 'unknown';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function keysOf(node: ts.Expression): string[] | { pattern: string } | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return {
      pattern:
        escapeRegExp(node.head.text) + node.templateSpans.map((s) => `.+${escapeRegExp(s.literal.text)}`).join(''),
    };
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return keysOf(node.expression);
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [keysOf(node.whenTrue), keysOf(node.whenFalse)];
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (a && b)
      return { pattern: [a, b].map((k) => (Array.isArray(k) ? k.map(escapeRegExp).join('|') : k.pattern)).join('|') };
  }
  return undefined;
}

function namesOf(node: ts.Expression | undefined): ReadonlySet<string> | 'unknown' {
  if (node === undefined) return new Set();
  if (!ts.isObjectLiteralExpression(node)) return 'unknown';
  const names = new Set<string>();
  for (const p of node.properties) {
    if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) return 'unknown';
    if (!(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return 'unknown';
    names.add(p.name.text);
  }
  return names;
}

function translateCalls(): Call[] {
  const calls: Call[] = [];
  for (const top of ['src', 'commands']) {
    const entries = readdirSync(join(PROJECT_ROOT, top), { recursive: true, withFileTypes: true });
    for (const e of entries.filter((x) => x.isFile() && x.name.endsWith('.ts'))) {
      const path = join(e.parentPath, e.name);
      const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && node.arguments[0]) {
          const callee = node.expression;
          const named =
            (ts.isIdentifier(callee) && callee.text === 't') ||
            (ts.isPropertyAccessExpression(callee) && callee.name.text === 't');
          if (named) {
            const keys = keysOf(node.arguments[0]);
            const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            calls.push({
              at: `${relative(PROJECT_ROOT, path)}:${line}`,
              keys:
                keys === undefined
                  ? 'computed'
                  : Array.isArray(keys)
                    ? { exact: keys }
                    : { pattern: RegExp(`^(?:${keys.pattern})$`) },
              names: namesOf(node.arguments[1]),
            });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return calls;
}

/**
 * What in the locales the code cannot fill: a placeholder that no call able to reach its key passes (a
 * typo such as `{{cuont}}`, in one language or both), and a call naming its key literally that leaves
 * one of the key's placeholders out. A key no literal or pattern reaches must take its names from the
 * computed-key calls (`ctx.t(common.key, { value })`). i18next's own names (count, context, lng, ns) get
 * no pass: the cached translator fills only what the call gives, so `count` must be passed like any other.
 */
function unfilled(texts: ReadonlyMap<string, string>, lang: string, calls: readonly Call[]): string[] {
  const problems: string[] = [];
  const computed = calls.filter((c) => c.keys === 'computed');
  for (const [key, text] of texts) {
    const wanted = [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))];
    if (wanted.length === 0) continue;
    const exact = calls.filter((c) => c.keys !== 'computed' && 'exact' in c.keys && c.keys.exact.includes(key));
    const patterned = calls.filter((c) => c.keys !== 'computed' && 'pattern' in c.keys && c.keys.pattern.test(key));
    const reaching = exact.length + patterned.length > 0 ? [...exact, ...patterned] : computed;
    for (const name of wanted) {
      if (!reaching.some((c) => c.names === 'unknown' || c.names.has(name)))
        problems.push(`${lang} ${key}: the code never passes {{${name}}}`);
      for (const c of exact)
        if (c.names !== 'unknown' && !c.names.has(name))
          problems.push(`${lang} ${key}: {{${name}}} not passed at ${c.at.replace(/:\d+$/, '')}`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Known gaps, each a bug in the code rather than the locale; delete an entry once it is fixed (the test
 * below fails until you do). `ask:notCovered.nothing` is asked for without its `question` ("零合賽局",
 * "zero-sum game" printed 本文未涵蓋「{{question}}」 until the translator began leaving missing values out).
 */
const KNOWN_UNFILLED = new Set<string>([]);

describe('placeholders the code fills', () => {
  const calls = translateCalls();

  it('finds the calls it reads', () => {
    expect(calls.length).toBeGreaterThan(300);
    const at = (key: string) =>
      calls.find((c) => c.keys !== 'computed' && 'exact' in c.keys && c.keys.exact.includes(key));
    expect(at('console:fileSaved')?.names).toEqual(new Set(['path']));
  });

  it('every placeholder in either language is one the code passes, wherever the key is used', () => {
    const problems = [...unfilled(zh, 'zh-TW', calls), ...unfilled(en, 'en', calls)];
    expect(problems.filter((p) => !KNOWN_UNFILLED.has(p))).toEqual([]);
    // Each known gap is still there: once fixed, its entry goes.
    expect([...KNOWN_UNFILLED].filter((p) => !problems.includes(p))).toEqual([]);
  });

  it('catches a misspelt placeholder even when both languages share the typo', () => {
    const typo = (texts: Map<string, string>) =>
      new Map([...texts].map(([k, v]) => [k, k === 'console:pageRange' ? v.replace('{{pages}}', '{{pgaes}}') : v]));
    expect(en.get('console:pageRange')).toContain('{{pages}}');
    expect(unfilled(typo(en), 'en', calls)).toContain('en console:pageRange: the code never passes {{pgaes}}');
    expect(unfilled(typo(zh), 'zh-TW', calls)).toContain('zh-TW console:pageRange: the code never passes {{pgaes}}');
  });
});

describe('the translation cache', () => {
  it('leaves out a value the call did not pass, as i18next does here: never `{{name}}` to a user', () => {
    const tr = createTranslator(resources);
    const cached = tr.t('en') as unknown as (k: string, v?: object) => string;
    const plain = tr.i18n.getFixedT('en') as unknown as (k: string, v?: object) => string;
    expect(en.get('console:pageRange')).toMatch(/\{\{page\}\}.*\{\{pages\}\}|\{\{pages\}\}.*\{\{page\}\}/);
    for (const t of [cached, plain, memoized(tr.i18n.getFixedT('zh-TW') as Parameters<typeof memoized>[0])]) {
      expect(t('console:pageRange', { page: 3 })).not.toMatch(/[{}]/);
      expect(t('console:pageRange', { page: 3 })).toMatch(/3/);
      expect(t('console:pageRange')).not.toMatch(/[{}]/);
    }
    expect(cached('console:pageRange', { page: 3 })).toBe(plain('console:pageRange', { page: 3 }));
    expect(cached('console:pageRange')).toBe(plain('console:pageRange'));
  });

  it('gives exactly what i18next gives, for every key in both languages, with and without values', () => {
    const tr = createTranslator(resources);
    for (const lang of ['zh-TW', 'en'] as const) {
      const cached = tr.t(lang) as unknown as (k: string, v?: object) => string;
      const plain = tr.i18n.getFixedT(lang) as unknown as (k: string, v?: object) => string;
      for (const key of flat(lang).keys()) {
        const names = [...(flat(lang).get(key) ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
        const values = Object.fromEntries(names.map((n, i) => [n, i % 2 === 0 ? `v-${n}` : i]));
        expect(cached(key, values), key).toBe(plain(key, values));
        expect(cached(key, values), key).toBe(plain(key, values)); // twice: the cached path
        if (names.length === 0) expect(cached(key)).toBe(plain(key));
      }
    }
  });
});

describe('command definitions for deployment', () => {
  const defs = Object.values(COMMANDS).map((m) => commandDefinition(services.translator, m));

  it('every command, option and choice has an English text and a zh-TW localization within Discord limits', () => {
    const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
    for (const d of defs) {
      expect(d.name).toMatch(NAME);
      expect(d.name).toBe(d.name.toLowerCase());
      expect(d.name_localizations?.['zh-TW']).toMatch(NAME);
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      expect(d.description_localizations?.['zh-TW']?.length ?? 0).toBeGreaterThan(0);
      expect(d.integration_types).toEqual([0, 1]);
      expect(d.contexts).toEqual([0, 1, 2]);
      for (const o of d.options ?? []) {
        expect(o.name, `${d.name}.${o.name}`).toMatch(NAME);
        expect(o.name_localizations?.['zh-TW'], `${d.name}.${o.name}`).toMatch(NAME);
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect((o.description_localizations?.['zh-TW'] ?? '').length).toBeGreaterThan(0);
        for (const c of 'choices' in o ? (o.choices ?? []) : []) {
          expect(c.name_localizations?.['zh-TW'], `${d.name}.${o.name}=${String(c.value)}`).toBeTruthy();
        }
      }
      const names = (d.options ?? []).map((o) => o.name);
      expect(names).toContain('lang');
      expect(names).toContain('hide');
      // Discord requires required options first.
      const firstOptional = (d.options ?? []).findIndex((o) => !o.required);
      expect((d.options ?? []).slice(firstOptional).every((o) => !o.required)).toBe(true);
    }
  });
});
