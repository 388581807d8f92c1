/**
 * The fold's Traditional→Simplified step uses OpenCC's dictionaries with a lookup of our own (for
 * start-up time). These tests hold it to opencc-js's own Converter, on every data text and on random
 * text built from the dictionaries' own entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js/t2cn';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TS_PHRASES from 'opencc-js/dict/TSPhrases';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../src/kernel/paths.js';
import { compact, fold, toSimplified } from '../src/search/normalize.js';
import { QUERIES } from './fixtures/queries.js';

const opencc = Converter({ from: 't', to: 'cn' });

function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) texts(v, out);
  return out;
}

describe('toSimplified agrees with opencc-js', () => {
  it('on every text in data/ and every labelled query', () => {
    const all = ['organizations.json', 'taiwan.json', 'article.json'].flatMap((f) =>
      texts(JSON.parse(readFileSync(join(DATA_DIR, f), 'utf8'))),
    );
    all.push(...QUERIES.map((q) => q.q));
    expect(all.length).toBeGreaterThan(2000);
    // NFKC first, as fold() does: it stands in for OpenCC's compatibility-ideograph table.
    const differing = all.map((t) => t.normalize('NFKC')).filter((t) => toSimplified(t) !== opencc(t));
    expect(differing).toEqual([]);
  });

  it('on 20,000 random strings of dictionary phrases and characters (phrases override characters)', () => {
    const keys = (dict: string) => dict.split('|').map((e) => e.split(' ')[0]!);
    const pool = [...keys(TS_CHARACTERS), ...keys(TS_PHRASES), '台', '臺', '乾', '計畫', 'a', ' ', '1'];
    let seed = 20060801;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const differing: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      for (let n = 1 + Math.floor(next() * 12); n > 0; n--) s += pool[Math.floor(next() * pool.length)];
      if (toSimplified(s) !== opencc(s)) differing.push(s);
    }
    expect(differing).toEqual([]);
  });
});

describe('fold', () => {
  it('meets Traditional, Simplified, variants, full-width and romanized spellings in one key', () => {
    expect(fold('國際地方環境委員會')).toBe(fold('国际地方环境委员会'));
    expect(fold('臺灣健康城市聯盟')).toBe(fold('台灣健康城市聯盟'));
    expect(fold('國際姊妹城市')).toBe(fold('国际姐妹城市'));
    expect(fold('ＩＣＬＥＩ')).toBe('iclei');
    expect(compact('Kao-hsiung')).toBe(compact('KAOHSIUNG'));
    expect(fold('乾坤')).toBe(opencc('乾坤')); // a phrase that keeps a character the table would change
  });
});
