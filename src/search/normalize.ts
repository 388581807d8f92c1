/**
 * One normalization for data and queries alike, so that a query matches however it is typed:
 * full-width or half-width, Traditional or Simplified, 台 or 臺, 姐 or 姊, "Kao-hsiung" or "kaohsiung".
 * The folded key is for matching only; users always see the original text.
 */
import { Converter } from 'opencc-js/t2cn';

/**
 * Folding both sides to Simplified with the small t2cn table is cheap (see shared/notes/search-cjk.md).
 * From generic Traditional ('t'), not Taiwan's variant table ('tw'): it folds the same characters for
 * matching (臺→台 included) and builds in a third of the start-up time.
 */
const toSimplified = Converter({ from: 't', to: 'cn' });

/** Variants OpenCC's t2cn table leaves apart (applied after it, so on Simplified text). */
const VARIANTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/姊/g, '姐'],
  [/网路/g, '网络'],
  [/臺/g, '台'],
  [/裏/g, '里'],
  [/峯/g, '峰'],
];

const MARKS = /\p{M}+/gu;
/** Anything that is neither a letter nor a digit separates words. */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
/** Joiners inside a romanized word ("Kao-hsiung", "u.c.l.g.", "Hsin'chu") vanish rather than split. */
const JOINERS = /['’`.\-‐‑–—·・]/g;
const HAN = /\p{Script=Han}/u;

/** Full fold: NFKC, Simplified, variants, lower case, no diacritics, words separated by one space. */
export function fold(text: string): string {
  let s = text.normalize('NFKC');
  s = toSimplified(s);
  for (const [pattern, replacement] of VARIANTS) s = s.replace(pattern, replacement);
  s = s.toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC');
  return s.replace(JOINERS, '').replace(SEPARATORS, ' ').trim();
}

/** The fold with no spaces at all: "Kao hsiung", "kao-hsiung" and "KAOHSIUNG" meet here. */
export function compact(text: string): string {
  return fold(text).replace(/ /g, '');
}

/** Words of a folded text: Latin/digit runs stay whole, Han runs stay whole (bigrams come later). */
export function words(folded: string): string[] {
  return folded.split(' ').filter((w) => w.length > 0);
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Overlapping character bigrams of a Han run ("国际地方" → 国际, 际地, 地方); one char stays one. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}
