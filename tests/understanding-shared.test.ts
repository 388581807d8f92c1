/** longestShared is the reverse look-up's measure of how much of a Han term a fact holds. */
import { describe, expect, it } from 'vitest';
import { longestShared } from '../src/understanding/shared.js';

/** The obvious quadratic version, on code points: every run of `a`, longest first. */
function reference(a: string, b: string): number {
  const chars = [...a];
  for (let len = chars.length; len > 0; len--)
    for (let i = 0; i + len <= chars.length; i++) if (b.includes(chars.slice(i, i + len).join(''))) return len;
  return 0;
}

describe('longestShared', () => {
  it.each([
    ['瑞士日內瓦成立', '總部設於瑞士日內瓦', 5],
    ['高雄宣言', '2005年通過高雄宣言', 4],
    ['城市環境議定書', '簽署了城市環境協定', 4],
    ['台北', 'Taipei', 0],
    ['', '任何文字', 0],
    // Characters outside the Basic Multilingual Plane count as one each.
    ['𠀋𠀋城市', '在𠀋城市', 3],
  ])('%s in %s → %i', (a, b, n) => {
    expect(longestShared(a, b)).toBe(n);
    expect(reference(a, b)).toBe(n);
  });

  it('agrees with the quadratic reference on random Han strings', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = [...'城市聯盟國際地方政府𠀋組織'];
    const text = (n: number): string => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let i = 0; i < 500; i++) {
      const a = text(1 + rnd(8));
      const b = text(rnd(30));
      expect(longestShared(a, b), `${a} / ${b}`).toBe(reference(a, b));
    }
  });
});
