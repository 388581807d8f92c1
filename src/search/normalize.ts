/**
 * One normalization for data and queries alike, so that a query matches however it is typed:
 * full-width or half-width, Traditional or Simplified, 台 or 臺, 姐 or 姊, "Kao-hsiung" or "kaohsiung".
 * The folded key is for matching only; users always see the original text.
 */
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TS_PHRASES from 'opencc-js/dict/TSPhrases';

/**
 * Folding both sides to Simplified is cheap (see shared/notes/search-cjk.md). The tables are OpenCC's
 * own Traditional→Simplified dictionaries (phrases, then characters); only the lookup is ours. Why not
 * opencc-js's Converter: it builds a trie of Maps at start-up, about 45 ms of a 260 ms one-shot answer,
 * where a Map and one regular expression take a few. The longest phrase wins at each position, as in
 * OpenCC; NFKC (applied first) already does the job of OpenCC's compatibility-ideograph table.
 */
function table(dict: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to) map.set(from, to);
  }
  return map;
}
const CHARACTERS = table(TS_CHARACTERS);
const PHRASES = table(TS_PHRASES);
/** Each first character of a phrase → the lengths (code units) of the phrases starting with it, longest first. */
const PHRASE_LENGTHS = new Map<string, number[]>();
for (const phrase of PHRASES.keys()) {
  const head = String.fromCodePoint(phrase.codePointAt(0)!);
  const lengths = PHRASE_LENGTHS.get(head) ?? [];
  if (!lengths.includes(phrase.length)) lengths.push(phrase.length);
  PHRASE_LENGTHS.set(head, lengths);
}
for (const lengths of PHRASE_LENGTHS.values()) lengths.sort((a, b) => b - a);
const HAN_CHAR = /^\p{Script=Han}$/u;

/**
 * At each position the longest phrase, else one Han character: one pass, like OpenCC's own segmentation.
 * A look-up by first character rather than one regular expression of every phrase: the expression took
 * ~20 µs per Chinese name, 2 s of building the index at 100k records; this gives the same text.
 */
export function toSimplified(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    let phrase: string | undefined;
    for (const n of PHRASE_LENGTHS.get(ch) ?? []) {
      phrase = PHRASES.get(s.slice(i, i + n));
      if (phrase !== undefined) {
        i += n;
        break;
      }
    }
    if (phrase !== undefined) {
      out += phrase;
      continue;
    }
    out += HAN_CHAR.test(ch) ? (CHARACTERS.get(ch) ?? ch) : ch;
    i += ch.length;
  }
  return out;
}

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
// eslint-disable-next-line no-control-regex -- a range of code points, not a stray control character
const ASCII = /^[\x00-\x7f]*$/;

/** Simplified characters with the variants folded: what a pattern written in Traditional is matched as. */
export function foldHan(text: string): string {
  // Latin-only text (most English questions, every acronym) has nothing to fold: skip the phrase scan.
  if (!HAN.test(text)) return text;
  let s = toSimplified(text);
  for (const [pattern, replacement] of VARIANTS) s = s.replace(pattern, replacement);
  return s;
}

/** The characters' fold without touching punctuation: NFKC, Simplified, variants, lower case. */
export function foldChars(text: string): string {
  return foldHan(text.normalize('NFKC')).toLowerCase();
}

/** Full fold: NFKC, Simplified, variants, lower case, no diacritics, words separated by one space. */
export function fold(text: string): string {
  // Plain ASCII (most English names and questions) is its own NFKC, NFD and NFC, with no marks or Han.
  const s = ASCII.test(text)
    ? text.toLowerCase()
    : foldChars(text).normalize('NFD').replace(MARKS, '').normalize('NFC');
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
