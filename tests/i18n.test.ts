/** Both languages are complete: every key in both, none left in the other language, every command localized. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/app/registry.js';
import { commandDefinition } from '../src/app/definitions.js';
import { LocaleError, NAMESPACES, createTranslator, flatten, readResources } from '../src/i18n/index.js';
import { LOCALES_DIR } from '../src/kernel/paths.js';
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

  it('a missing key or a broken file is refused, naming the file and key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'locales-'));
    try {
      cpSync(LOCALES_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'zh-TW', 'org.json'), JSON.stringify({ none: '沒有' }));
      writeFileSync(join(dir, 'en', 'list.json'), '{ broken');
      let error: unknown;
      try {
        readResources(dir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(LocaleError);
      const message = (error as Error).message;
      expect(message).toMatch(/locales\/zh-TW\/org\.json: key "candidates" is missing/);
      expect(message).toMatch(/locales\/en\/list\.json: cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the translation cache', () => {
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
