/** Small text measures shared by the reader and the executor. */
import { fold, foldChars } from '../search/normalize.js';

/** The length of the longest run of `a` found in `b` (Han text, compared on code points). */
export function longestShared(a: string, b: string): number {
  const chars = [...a];
  let best = 0;
  // A run found at i means all its prefixes are found: only a run longer than the best so far is tried,
  // so each start costs one failed look-up plus one per character gained (linear, not quadratic).
  for (let i = 0; i + best < chars.length; i++) {
    while (i + best < chars.length && b.includes(chars.slice(i, i + best + 1).join(''))) best++;
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
