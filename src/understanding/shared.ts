/** Small text measures shared by the reader and the executor. */

/** The length of the longest run of `a` found in `b` (Han text, compared on code points). */
export function longestShared(a: string, b: string): number {
  const chars = [...a];
  let best = 0;
  for (let i = 0; i < chars.length; i++) {
    for (let j = chars.length; j > i + best; j--) {
      if (b.includes(chars.slice(i, j).join(''))) {
        best = j - i;
        break;
      }
    }
  }
  return best;
}
