/**
 * What newer Node.js gives for free, with the hand-written equivalent for Node 20 (still supported, see
 * package.json's engines). Each native function is looked up once; on Node 24 the fallbacks never run.
 * The type casts are there because @types/node follows the oldest supported Node, which lacks them.
 */

/** The hand-written escape: every character with a meaning in a pattern, `/` included. */
export function escapeRegExpFallback(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const nativeEscape = (RegExp as { escape?: (text: string) => string }).escape;

/**
 * `text` as a pattern that matches exactly it, with or without the `u` flag: `RegExp.escape` (Node 24),
 * else escapeRegExpFallback. The two spell some characters differently (the native one writes `\x20` for a
 * space, and escapes a leading letter or digit), never what they match.
 */
export const escapeRegExp: (text: string) => string =
  nativeEscape === undefined ? escapeRegExpFallback : (text) => nativeEscape(text);

/** The hand-written URL.parse: `new URL` with its TypeError caught. */
export function parseUrlFallback(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

const hasNativeParse = typeof (URL as { parse?: unknown }).parse === 'function';

/** The URL `text` spells, or null: `URL.parse` (Node 22 and later), else parseUrlFallback. */
export function parseUrl(text: string): URL | null {
  return hasNativeParse
    ? (URL as unknown as { parse: (text: string) => URL | null }).parse(text)
    : parseUrlFallback(text);
}
