/**
 * Misspelt names put right before they are looked up: "Citties Alliance", "UNSECO", "UCGL", "歐州城市組織",
 * "台灣健康成市聯盟". A Latin word that occurs nowhere in the data is compared with the words of every
 * record's names (one edit for short words, two for long ones; a swap of two letters counts as one), and
 * a Han run one character off a record's whole name is that name. The reader offers what the corrected
 * question names as a did-you-mean, never as the answer. Hand-written: the candidates are the dataset's
 * own few hundred names, and the rule must be exact and explainable, which a fuzzy ranker is not.
 */
import type { Dataset } from '../data/load.js';
import { fold, foldChars, hasHan } from '../search/normalize.js';

interface SpellIndex {
  /** Latin words of names, acronyms and aliases (folded, four letters or more). */
  nameWords: string[];
  nameWordSet: ReadonlySet<string>;
  /** Every Latin word of any name, acronym or alias, of any length ("of", "for", "us"). */
  anyNameWord: ReadonlySet<string>;
  /** Every Latin word the data uses anywhere: such a word is not a misspelling. */
  known: Set<string>;
  /** Han names (folded, no spaces, five characters or more), by their first two and last two characters. */
  byHead: Map<string, string[]>;
  byTail: Map<string, string[]>;
}

const indexes = new WeakMap<Dataset, SpellIndex>();

function indexOf(data: Dataset): SpellIndex {
  let ix = indexes.get(data);
  if (ix) return ix;
  const names: string[] = [];
  const texts: string[] = [];
  for (const o of data.organizations) {
    names.push(o.names.zh, o.names.en, ...o.aliases, ...(o.acronym ? [o.acronym] : []));
    texts.push(o.summary.en, ...o.facts.map((f) => f.text.en));
  }
  for (const p of data.places) names.push(p.names.zh, p.names.en, ...p.aliases);
  for (const a of data.alliances) {
    names.push(a.names.zh, a.names.en, ...a.aliases);
    texts.push(a.summary.en);
  }
  const nameWords = new Set<string>();
  const known = new Set<string>();
  const byHead = new Map<string, string[]>();
  const byTail = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, name: string): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(name)) list.push(name);
    map.set(key, list);
  };
  const anyNameWord = new Set<string>();
  for (const n of names) {
    const f = fold(n);
    for (const w of f.match(/[a-z]+/g) ?? []) {
      anyNameWord.add(w);
      if (w.length >= 4) nameWords.add(w);
    }
    const han = f.replace(/ /g, '');
    const chars = [...han];
    if (hasHan(han) && chars.length >= 5 && chars.every((c) => hasHan(c))) {
      add(byHead, chars.slice(0, 2).join(''), han);
      add(byTail, chars.slice(-2).join(''), han);
    }
  }
  // Possessives go first: folding drops the apostrophe, and "city's" must not make "citys" a known word.
  for (const t of texts) for (const w of fold(t.replace(/['’]s\b/g, '')).match(/[a-z]+/g) ?? []) known.add(w);
  ix = { nameWords: [...nameWords], nameWordSet: nameWords, anyNameWord, known, byHead, byTail };
  indexes.set(data, ix);
  return ix;
}

/** Whether some record's name, acronym or alias has this (folded) Latin word. */
export function inSomeName(data: Dataset, word: string): boolean {
  return indexOf(data).anyNameWord.has(word);
}

/** Optimal string alignment distance, stopping once past `max` (short words only). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rolling rows (the swap looks two rows back) instead of a whole matrix per candidate word.
  let before = new Int32Array(b.length + 1);
  let prev = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length]!;
}

/** Whether two equally long Han strings differ in at most one character. */
function oneOff(a: readonly string[], b: readonly string[]): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return diff === 1;
}

/** The question with its misspelt name words put right (`words`: English the reader knows), or undefined. */
export function respell(question: string, data: Dataset, words: ReadonlySet<string>): string | undefined {
  const ix = indexOf(data);
  let changed = false;
  let out = foldChars(question).replace(/[a-z]{4,}/g, (w) => {
    // British spellings ("organisations") are words, not misspellings.
    const american = w.replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1');
    if (ix.known.has(w) || ix.known.has(american) || words.has(w) || ix.nameWordSet.has(w)) return w;
    // "Citys", "Communitys": the plural of a -y word spelt as if regular, two edits from the real one.
    const plural = /[^aeiou]ys$/.test(w) ? `${w.slice(0, -2)}ies` : undefined;
    if (plural && ix.nameWordSet.has(plural)) {
      changed = true;
      return plural;
    }
    const max = w.length >= 8 ? 2 : 1;
    let best: { word: string; d: number } | undefined;
    for (const n of ix.nameWords) {
      // A misspelling keeps its length within the edits and, nearly always, its first letter or two.
      if (Math.abs(n.length - w.length) > max || (n[0] !== w[0] && n[1] !== w[1])) continue;
      const d = distance(w, n, max);
      if (d <= max && (!best || d < best.d)) best = { word: n, d };
    }
    if (!best) return w;
    changed = true;
    return best.word;
  });
  // Han: a window of the question as long as a name, one character off it, with its head or tail intact.
  const chars = [...out];
  for (let i = 0; i + 1 < chars.length; i++) {
    const head = chars[i]! + chars[i + 1]!;
    for (const name of ix.byHead.get(head) ?? []) {
      const n = [...name];
      const window = chars.slice(i, i + n.length);
      if (window.length === n.length && oneOff(window, n)) {
        chars.splice(i, n.length, ...n);
        changed = true;
      }
    }
    const tail = head;
    for (const name of ix.byTail.get(tail) ?? []) {
      const n = [...name];
      const start = i + 2 - n.length;
      if (start < 0) continue;
      const window = chars.slice(start, i + 2);
      if (oneOff(window, n)) {
        chars.splice(start, n.length, ...n);
        changed = true;
      }
    }
  }
  out = chars.join('');
  return changed ? out : undefined;
}
