/**
 * The article's own paragraphs (abstract, conclusions 伍、一, recommendations 伍、二) found by the words of
 * a question: "國際人才應該具備哪些能力", "what issues do thematic city alliances reflect". A paragraph is an
 * answer only when it holds most of the question's content: Han text by its character pairs (Chinese has
 * no spaces to split words on), English by word stems. Hand-written because the measure must be explainable
 * and deterministic over seven paragraphs; a search library would rank, not say "this is the one".
 */
import type { Dataset } from '../data/load.js';
import { fold, hasHan } from '../search/normalize.js';
import * as L from './lexicon.js';

export interface Passage {
  section: string;
  /** Share of the question's content found in the paragraph, 0–1. */
  score: number;
}

interface Paragraph {
  section: string;
  zh: string;
  en: string;
}

const paragraphs = new WeakMap<Dataset, Paragraph[]>();
function paragraphsOf(data: Dataset): Paragraph[] {
  let list = paragraphs.get(data);
  if (!list) {
    const a = data.article;
    const one = (section: string, t: { zh: string; en: string }, title?: { zh: string; en: string }): Paragraph => ({
      section,
      zh: fold(`${title?.zh ?? ''}${t.zh}`).replace(/ /g, ''),
      en: fold(`${title?.en ?? ''} ${t.en}`),
    });
    list = [
      one('摘要', a.abstract),
      ...a.conclusions.map((f) => one(f.section, f.text, f.title)),
      ...a.recommendations.map((f) => one(f.section, f.text, f.title)),
    ];
    paragraphs.set(data, list);
  }
  return list;
}

/** English words that carry no content in a question about the article. */
const STOP = new Set(
  'about according also and are article authors author can does for from has have how into its say says should that the their them they this what when where which who why with would text paper city cities'.split(
    ' ',
  ),
);

/** The question's content: Han character pairs and English word stems, question words removed. */
export function contentOf(q: string): { pairs: string[]; stems: string[] } {
  let s = q;
  for (const r of [L.FILLER, L.THE_ARTICLE, L.LIST_CUE, L.COUNT_CUE]) s = s.replace(L.everywhere(r), ' ');
  s = s.replace(/哪些|什么|怎么|为什么|如何|认为|提到|应该|文中|说/gu, ' ');
  const pairs: string[] = [];
  const stems: string[] = [];
  for (const run of s.match(/[\p{Script=Han}]+|[a-z0-9-]+/gu) ?? []) {
    if (hasHan(run)) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
    } else if (run.length >= 3 && !STOP.has(run)) stems.push(run.slice(0, Math.max(4, run.length - 2)));
  }
  return { pairs, stems };
}

/** The paragraph that holds the most of the question's content, when it holds enough to be the answer. */
export function bestPassage(data: Dataset, q: string, least = 0.7): Passage | undefined {
  const { pairs, stems } = contentOf(q);
  const total = pairs.length + stems.length;
  // Two pairs ("能力") or two words say too little to pick a paragraph from.
  if (total < 3) return undefined;
  let best: Passage | undefined;
  for (const p of paragraphsOf(data)) {
    const found = pairs.filter((x) => p.zh.includes(x)).length + stems.filter((x) => p.en.includes(x)).length;
    const score = found / total;
    if (!best || score > best.score) best = { section: p.section, score };
  }
  return best && best.score >= least ? best : undefined;
}
