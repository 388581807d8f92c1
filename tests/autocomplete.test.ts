/** Autocomplete: at most 25 choices, names ≤ 100 characters, stable ids as values, in the user's language. */
import { describe, expect, it } from 'vitest';
import { runAutocomplete } from '../src/app/dispatch.js';
import { services } from './helpers/services.js';

function choices(command: string, name: string, value: string, locale?: string) {
  return runAutocomplete(services, { command, focused: { name, value }, options: {}, locale, user: { id: '1' } }).value;
}

describe('autocomplete', () => {
  it('an empty /org query gives a useful default list: the organizations the article describes first', () => {
    const list = choices('org', 'query', '', 'en-US');
    expect(list.length).toBeGreaterThan(5);
    expect(list.length).toBeLessThanOrEqual(25);
    expect(list.map((c) => c.value)).toEqual(expect.arrayContaining(['cities-alliance', 'uclg', 'iclei']));
  });

  it('typed text narrows the list; values are ids that /org accepts', () => {
    const list = choices('org', 'query', 'icl', 'en-US');
    expect(list[0]?.value).toBe('iclei');
    expect(list[0]?.name).toMatch(/International Council for Local Environmental Initiatives \(ICLEI\)/);
    for (const c of list) expect(services.data.org(c.value)).toBeDefined();
  });

  it('short and common fragments still list candidates: a menu is not an answer', () => {
    expect(choices('org', 'query', 'ic', 'en-US').map((c) => c.value)).toEqual(
      expect.arrayContaining(['iclei', 'icsc']),
    );
    expect(choices('org', 'query', 'city', 'en-US').length).toBeGreaterThan(0);
    expect(choices('org', 'query', '城市', 'zh-TW').length).toBeGreaterThan(3);
    expect(choices('taiwan', 'city', '高', 'zh-TW').map((c) => c.value)).toEqual(
      expect.arrayContaining(['kaohsiung-city', 'kaohsiung-county']),
    );
  });

  it('answers in the user language', () => {
    expect(choices('org', 'query', 'ICLEI', 'zh-TW')[0]?.name).toMatch(/國際地方環境委員會/);
    expect(choices('taiwan', 'city', 'kaoh', 'en-US')[0]?.name).toMatch(/^Kaohsiung City/);
    expect(choices('taiwan', 'city', '', 'zh-TW').length).toBeGreaterThan(10);
  });

  it('every choice fits Discord: ≤ 25, names and values ≤ 100', () => {
    for (const q of ['', 'a', '城市', 'x'.repeat(500), '\u0000', 'Tai']) {
      for (const [command, name] of [
        ['org', 'query'],
        ['taiwan', 'city'],
      ] as const) {
        const list = choices(command, name, q);
        expect(list.length).toBeLessThanOrEqual(25);
        for (const c of list) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('commands without autocomplete answer with no choices', () => {
    expect(choices('founded', 'when', '19')).toEqual([]);
    expect(choices('nope', 'x', 'y')).toEqual([]);
  });
});
