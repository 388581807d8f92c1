/** Small text measures shared by the reader and the executor. */
import { compact, fold, foldChars } from '../search/normalize.js';

/** The length of the longest run of `a` found in `b` (Han text, compared on code points). */
export function longestShared(a: string, b: string): number {
  // Code-unit offsets of each code point, so a run is one slice of `a` (no per-try array join).
  const at: number[] = [];
  for (let i = 0; i < a.length; i++) {
    at.push(i);
    if (a.charCodeAt(i) >= 0xd800 && a.charCodeAt(i) <= 0xdbff) i++;
  }
  at.push(a.length);
  const n = at.length - 1;
  let best = 0;
  // A run found at i means all its prefixes are found: only a run longer than the best so far is tried,
  // so each start costs one failed look-up plus one per character gained (linear, not quadratic).
  for (let i = 0; i + best < n; i++) {
    while (i + best < n && b.includes(a.slice(at[i], at[i + best + 1]))) best++;
  }
  return best;
}

/** A fact's texts as patterns and terms are matched: folded, and once without spaces. */
export interface FoldedText {
  /** Folded characters, punctuation kept: what lexicon patterns test. */
  chars: string;
  /** Full fold with no spaces: what terms are found in. */
  compact: string;
}

// Folding runs OpenCC over the text: done once per text object, not once per question.
const folded = new WeakMap<object, { zh: FoldedText; en: FoldedText }>();

/** The folded forms of a bilingual text (a fact's `text`), cached on the object itself. */
export function foldedText(text: { zh: string; en: string }): { zh: FoldedText; en: FoldedText } {
  let f = folded.get(text);
  if (!f) {
    const one = (s: string): FoldedText => ({ chars: foldChars(s), compact: fold(s).replace(/ /g, '') });
    f = { zh: one(text.zh), en: one(text.en) };
    folded.set(text, f);
  }
  return f;
}

/**
 * Hits in the order their names stand in `typed` (a compact question or option), whatever order the
 * search ranked them in; a name not found there goes last, in its own order.
 */
export function inOrderTyped<T extends { matched: string }>(typed: string, hits: readonly T[]): T[] {
  const at = (h: T): number => {
    const i = typed.indexOf(compact(h.matched));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...hits].sort((a, b) => at(a) - at(b));
}
