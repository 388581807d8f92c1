/**
 * Reads a free-text question into a Plan. Deterministic rules, tried in a fixed order, each one a small
 * function: honest scope first (a question about the weather never becomes a record), then the article
 * itself, comparisons, reverse look-ups by founder, Taiwan, one named record, lists (filters, counts,
 * superlatives), reverse look-ups by attribute, and last a name search that may end in a did-you-mean or an
 * honest "not covered". Pure: the same question and dataset give the same plan.
 */
import type { Dataset } from '../data/load.js';
import type { RecordKind as DataRecordKind } from '../data/search-docs.js';
import { MAX_ARTICLE_YEAR, MIN_YEAR } from '../data/limits.js';
import type { Hit, SearchEngine } from '../search/engine.js';
import { escapeRegExp } from '../kernel/builtins.js';
import { compact, fold, foldChars, hasHan } from '../search/normalize.js';
import * as L from './lexicon.js';
import { bestPassage, contentOf } from './passages.js';
import { inSomeName, respell } from './spelling.js';
import { inOrderTyped, longestShared } from './shared.js';
import type { ArticlePart, Attribute, Filters, Focus, FoundingFilter, Plan, RecordRef, TableGroup } from './plan.js';

/** What reading needs: the dataset (its vocabulary and records) and the name index. */
export interface Knowledge {
  data: Dataset;
  search: Pick<SearchEngine<DataRecordKind>, 'search' | 'mentions'>;
}

type Found = ReturnType<SearchEngine<DataRecordKind>['search']>;

/**
 * The name index as one reading uses it: the reader tries the same subject in several steps (a sure
 * name, a did-you-mean, the last fallback), so each search is done once per question. The memo lives
 * only for that one question: nothing is carried from one question to the next.
 */
function onceEach(know: Knowledge): Knowledge {
  const seen = new Map<string, Found>();
  const search: Knowledge['search']['search'] = (text, options = {}) => {
    const kinds = options.kinds ? [...options.kinds].sort().join(',') : '*';
    const key = `${kinds}|${options.direct ? 'd' : 'f'}|${options.limit ?? ''}|${text}`;
    let found = seen.get(key);
    if (!found) {
      // Nothing among the organizations nor among the places and alliances: nothing among all of them.
      const none = (k: string): boolean => seen.get(`${k}|${key.slice(key.indexOf('|') + 1)}`)?.status === 'none';
      found =
        kinds === '*' && none('org') && none('alliance,place')
          ? { status: 'none', hits: [] }
          : know.search.search(text, options);
      seen.set(key, found);
    }
    return found;
  };
  return { data: know.data, search: { search, mentions: (q, o) => know.search.mentions(q, o) } };
}

/** Question words that are also acronyms (WHO): a mention of one counts only when typed in capitals. */
const QUESTION_ACRONYMS = new Set(['who', 'what', 'when', 'where', 'which', 'how', 'why']);

interface Mentions {
  orgs: Hit<DataRecordKind>[];
  places: Hit<DataRecordKind>[];
  alliances: Hit<DataRecordKind>[];
}

function mentionsOf(question: string, know: Knowledge): Mentions {
  const keep = (h: Hit<DataRecordKind>): boolean => {
    const key = fold(h.matched);
    if (!QUESTION_ACRONYMS.has(key)) return true;
    return new RegExp(`(?<![A-Za-z])${h.matched.toUpperCase()}(?![A-Za-z])`).test(question);
  };
  const all = know.search.mentions(question).filter(keep);
  // A shorter name inside a longer one mentioned ("城市聯盟" inside "世界城市聯盟") is not a second mention.
  // Said again on its own ("the World Cities Alliance and the Cities Alliance"), it is.
  const folded = all.map((h) => fold(h.matched).replace(/ /g, ''));
  const whole = fold(question).replace(/ /g, '');
  const distinct = all.filter((_, i) => {
    const longer = folded.filter((f, j) => j !== i && f !== folded[i] && f.includes(folded[i]!));
    if (longer.length === 0) return !folded.some((f, j) => j < i && f === folded[i]);
    let rest = whole;
    for (const f of longer) rest = rest.split(f).join('■');
    return rest.includes(folded[i]!);
  });
  return {
    orgs: distinct.filter((h) => h.kind === 'org'),
    places: distinct.filter((h) => h.kind === 'place'),
    alliances: distinct.filter((h) => h.kind === 'alliance'),
  };
}

/** The question with the mentioned names cut out, so their words are not read as the question's. */
function withoutNames(q: string, hits: readonly Hit<DataRecordKind>[]): string {
  let s = q;
  for (const h of hits) {
    const name = foldChars(h.matched);
    const at = s.indexOf(name);
    if (at >= 0) s = `${s.slice(0, at)} ■ ${s.slice(at + name.length)}`;
    else {
      // The mention was found on the compact form ("Kao-hsiung"): cut its longest run of Han or letters.
      const key = fold(h.matched).replace(/ /g, '');
      s = s.replace(new RegExp(key.split('').map(escapeRegExp).join('[\\s\\-.]*'), 'u'), ' ■ ');
    }
  }
  return s;
}

// — founding years —

const YEAR = String.raw`(?:民國\s*(\d{1,3})\s*年?|(1[89]\d\d|20\d\d))`;
function yearOf(roc: string | undefined, ad: string | undefined): number {
  return roc !== undefined ? Number(roc) + 1911 : Number(ad);
}
const re = (source: string): RegExp => L.words([`re:${source}`]);
const BETWEEN = [
  re(`(?:between|from)\\s*${YEAR}\\s*年?\\s*(?:and|to|through|until|-|–|—|~|～)\\s*${YEAR}`),
  re(`${YEAR}\\s*年?\\s*(?:-|–|—|~|～|到|至|to|through|until|and)\\s*${YEAR}\\s*年?`),
];
const BEFORE = [re(`${YEAR}\\s*年?\\s*(?:以前|之前|前)`), re(`(?:before|prior to|earlier than|pre-?)\\s*${YEAR}`)];
const AFTER = [re(`${YEAR}\\s*年?\\s*(?:以後|之後|後)`), re(`(?:after|later than|post-?)\\s*${YEAR}`)];
const SINCE = [
  re(`${YEAR}\\s*年?\\s*(?:起|以來|開始|迄今|至今)`),
  re(`(?:since|from|starting)\\s*${YEAR}`),
  re(`${YEAR}\\s*(?:or later|and later|onwards?|or after|and after)`),
  re(`in or after\\s*${YEAR}`),
];
const UNTIL = [
  re(`(?:到|至|截至|截止)\\s*${YEAR}\\s*年?(?:為止)?`),
  re(`(?:until|till|up to|through|no later than|by)\\s*${YEAR}`),
  re(`${YEAR}\\s*(?:or earlier|and earlier|or before|and before)`),
  re(`in or before\\s*${YEAR}`),
];
/** 民國60年代: the ROC years 60–69, i.e. 1971–1980 (not the 1960s). */
const ROC_DECADE = re(`民國\\s*([1-9])0\\s*年代`);
const DECADE = [re(`(1[89]\\d|20\\d)0\\s*(?:年代|'?s)`), re(`(?<!\\d)([1-9])0\\s*(?:年代|'?s)`)];
const PLAIN_YEAR = re(`${YEAR}`);
const EVENT_DATE =
  /\d{4}\s*年\s*\d{1,2}\s*月|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}\b/;
const FOUNDING_WORD = L.words([
  '成立',
  '創立',
  '設立',
  '創辦',
  '建立',
  'found*',
  'establish*',
  'set up',
  'created',
  'launched',
]);
const UNKNOWN = L.words([
  '不詳',
  '未知',
  '不明',
  '--',
  '沒有成立年',
  '無成立年',
  '年份不明',
  'unknown',
  'undated',
  'no founding',
  'no known founding',
  'unknown founding',
  'founding year is unknown',
  'not known',
  'not dated',
]);
const PREPARING = L.words([
  '籌備中',
  '籌備',
  '籌組中',
  'in preparation',
  'being prepared',
  'preparing',
  'being set up',
  'not yet founded',
  'planned',
]);

function firstMatch(list: readonly RegExp[], q: string): RegExpExecArray | undefined {
  for (const r of list) {
    const m = r.exec(q);
    if (m) return m;
  }
  return undefined;
}

/** A founding filter in the question, if any: ranges before single years, so "1970 到 1979" is one range. */
export function readFounding(q: string): FoundingFilter | undefined {
  if (L.has(PREPARING, q)) return { kind: 'preparing' };
  let m = firstMatch(BETWEEN, q);
  if (m) {
    const a = yearOf(m[1], m[2]);
    const b = yearOf(m[3], m[4]);
    return { kind: 'years', from: Math.min(a, b), to: Math.max(a, b) };
  }
  m = firstMatch(UNTIL, q);
  if (m) return { kind: 'years', to: yearOf(m[1], m[2]) };
  m = firstMatch(BEFORE, q);
  if (m) return { kind: 'years', to: yearOf(m[1], m[2]) - 1 };
  m = firstMatch(SINCE, q);
  if (m) return { kind: 'years', from: yearOf(m[1], m[2]) };
  m = firstMatch(AFTER, q);
  if (m) return { kind: 'years', from: yearOf(m[1], m[2]) + 1 };
  m = ROC_DECADE.exec(q) ?? undefined;
  if (m) {
    const from = 1911 + Number(m[1]) * 10;
    return { kind: 'years', from, to: from + 9 };
  }
  m = firstMatch(DECADE, q);
  if (m) {
    const from = m[1]!.length === 1 ? 1900 + Number(m[1]) * 10 : Number(m[1]) * 10;
    return { kind: 'years', from, to: from + 9 };
  }
  m = PLAIN_YEAR.exec(q) ?? undefined;
  // "2006年9月和威海市合辦的論壇", "signed in November 2005": a year with its month dates an event; it
  // reads as a founding year only when founding is asked.
  if (m && EVENT_DATE.test(q) && !L.has(FOUNDING_WORD, q)) return undefined;
  if (m) {
    const y = yearOf(m[1], m[2]);
    return { kind: 'years', from: y, to: y };
  }
  if (L.has(UNKNOWN, q)) return { kind: 'unknown' };
  return undefined;
}

// — type, topic, area —

const TYPES: ReadonlyArray<[TableGroup, RegExp]> = [
  [
    'comprehensive',
    L.words(['綜合型', '綜合性', '綜合', 'comprehensive', 'general-purpose', 'general purpose', 'multi-purpose']),
  ],
  ['thematic', L.words(['主題型', '主題性', 'thematic', 'theme-based', 'themed', 'single-issue', 'topical'])],
  ['national', L.words(['全國型', '全國性', 're:(?<![a-z])national(?![a-z])(?!\\s+(urban|league))'])],
];

function readType(q: string): TableGroup | undefined {
  return TYPES.find(([, r]) => r.test(q))?.[0];
}

/** Compiled vocabulary matchers, built once per dataset. */
interface VocabularyEntry {
  id: string;
  re: RegExp;
  /** The same pattern, global: for finding every match (its lastIndex is reset by matchAll's copy). */
  all: RegExp;
}
interface VocabularyIndex {
  topics: VocabularyEntry[];
  areas: VocabularyEntry[];
}
const vocabularies = new WeakMap<Dataset, VocabularyIndex>();
function vocabulary(data: Dataset): VocabularyIndex {
  let v = vocabularies.get(data);
  if (!v) {
    const compile = (w: { zh: readonly string[]; en: readonly string[] }): RegExp =>
      L.words([...w.zh, ...w.en.map((e) => (e.endsWith('*') ? e : `${e}*`))]);
    const entry = (id: string, w: { zh: readonly string[]; en: readonly string[] }) => {
      const re = compile(w);
      return { id, re, all: new RegExp(re.source, 'gu') };
    };
    v = {
      topics: data.topics.map((t) => entry(t.id, t.words)),
      areas: data.areas.map((a) => entry(a.id, a.words)),
    };
    vocabularies.set(data, v);
  }
  return v;
}

/** Whether a name is made of a topic's or an area's words and generic nouns only ("歐洲城市", "Town Twinning"). */
function nameIsVocabulary(data: Dataset, name: string): boolean {
  const folded = L.prepare(name);
  const v = vocabulary(data);
  return [...v.topics, ...v.areas].some((e) => {
    if (!e.re.test(folded)) return false;
    const left = folded
      .replace(e.all, ' ')
      .replace(
        /城市|组织|联盟|计划|(?<![a-z])(the|of|cities|city|organi[sz]ations?|programmes?|programs?)(?![a-z])/gu,
        ' ',
      );
    return left.trim().length === 0;
  });
}

/** The entry whose word matches longest: "氣候變遷" is climate, not the environment its 環境 would say. */
function longest(entries: readonly VocabularyEntry[], q: string): string | undefined {
  let best: { id: string; length: number } | undefined;
  for (const e of entries) {
    if (!e.re.test(q)) continue;
    for (const m of q.matchAll(e.all)) {
      if (!best || m[0].length > best.length) best = { id: e.id, length: m[0].length };
    }
  }
  return best?.id;
}

// — the question's parts —

function readFocus(q: string): Focus {
  return L.FOCUS_WORDS.find(([, r]) => r.test(q))?.[0] ?? 'general';
}

function articlePart(
  q: string,
  named: boolean,
  data: Dataset,
): { part: ArticlePart; term?: string; section?: string } | undefined {
  const aboutArticle = L.has(L.THE_ARTICLE, q) || /作者|author/.test(q);
  // "according to the authors", "作者認為": the authors' view is asked, not who they are.
  const view = L.has(L.AUTHORS_VIEW, q);
  const passage = (): { part: 'passage'; section: string } | undefined => {
    const p = bestPassage(data, q);
    return p ? { part: 'passage', section: p.section } : undefined;
  };
  if (/伍\s*[、,]?\s*一|v\.?\s*1\b/.test(q)) return { part: 'conclusions' };
  if (/伍\s*[、,]?\s*二|v\.?\s*2\b/.test(q)) return { part: 'recommendations' };
  // An author named ("莊麗蘭的職稱", "Who is TSENG Shu-Chuan?"): the authors and their posts.
  if (authorPattern(data).test(q)) {
    return { part: 'authors' };
  }
  for (const [term, r] of L.PROSE_TERMS) if (r.test(q)) return { part: 'term', term };
  for (const [part, r] of L.ARTICLE_WORDS) {
    if (!r.test(q)) continue;
    if (part === 'authors' && view) continue;
    // Words that also fit a question about an organization ("ICLEI 的分類") need the article named.
    if (named && !aboutArticle && part !== 'authors') continue;
    if (named && part === 'date') continue;
    if (
      (part === 'typology' || part === 'table' || part === 'recommendations' || part === 'conclusions') &&
      !aboutArticle
    ) {
      if (part === 'typology' && !/類型|分类|几类|几种|型态|types? of|kinds of|typolog|categor|classif/.test(q))
        continue;
      if (part === 'recommendations' && !L.has(L.TAIWAN, q)) continue;
      if (part === 'table' && !L.has(L.COUNT_CUE, q) && !L.has(L.COUNT_WEAK, q) && !L.has(L.LIST_CUE, q)) continue;
    }
    return { part };
  }
  // A question about what the article argues: the paragraph that holds its words, if one does.
  if (aboutArticle && !named) {
    const found = passage();
    if (found) return found;
  }
  if (aboutArticle && !named && /什么|what|讲|談|谈|about|内容|重点/.test(q)) return { part: 'abstract' };
  return undefined;
}

const authorPatterns = new WeakMap<Dataset, RegExp>();
/** The authors' names, Chinese and each long part of the English, as one pattern compiled per dataset. */
function authorPattern(data: Dataset): RegExp {
  let re = authorPatterns.get(data);
  if (!re) {
    const names = data.article.authors.flatMap((a) => [
      a.name.zh,
      ...a.name.en.split(/[,\s]+/).filter((w) => w.length >= 4),
    ]);
    const escaped = names.map((n) => escapeRegExp(foldChars(n)));
    re = new RegExp(`(?<![a-z])(?:${escaped.join('|')})(?![a-z])`, 'u');
    authorPatterns.set(data, re);
  }
  return re;
}

function uncovered(q: string, m: Mentions): Plan | undefined {
  const near: RecordRef[] = [...m.orgs, ...m.places].slice(0, 3).map((h) => ({ kind: h.kind, id: h.id }));
  for (const [reason, r] of L.UNCOVERED_WORDS) {
    if (!r.test(q)) continue;
    if (reason === 'contact' && m.orgs.length === 0 && m.places.length === 0 && !/电话|phone|email|fax|传真/.test(q))
      continue;
    return { intent: 'not-covered', reason, near };
  }
  // "台北市人口多少" asks what the article never gives; "ICLEI 涵蓋多少人口" is its members' reach.
  if (L.has(L.POPULATION, q) && m.orgs.length === 0) return { intent: 'not-covered', reason: 'population', near };
  return undefined;
}

const ref = (h: Hit<DataRecordKind>): RecordRef => ({ kind: h.kind, id: h.id });

/** Whether the question lists or counts organizations (and not, say, a record's members). */
function listCue(q: string, filters: Filters): { list: boolean; count: boolean } {
  const count =
    L.has(L.COUNT_CUE, q) || (L.has(L.COUNT_WEAK, q) && !/会员|成员|member|姐妹|sister|人口|population/.test(q));
  // A year or a type alone lists ("1998", "綜合型"); a topic or an area needs the question to ask for a list.
  const list = L.has(L.LIST_CUE, q) || count || filters.founded !== undefined || filters.type !== undefined;
  return { list, count };
}

function readFilters(q: string, know: Knowledge, m: Mentions): Filters {
  const filters: Filters = {};
  const founded = readFounding(q);
  if (founded) filters.founded = founded;
  const type = readType(q);
  if (type) filters.type = type;
  const v = vocabulary(know.data);
  const topic = longest(v.topics, q);
  if (topic) filters.topic = topic;
  const area = longest(v.areas, q);
  // "台灣" is read as Taiwanese participation below, not as an area of the organization.
  if (area && !(area === 'taiwan' && L.has(L.TAKE_PART, q))) filters.area = area;
  if (L.has(L.TAKE_PART, q) && (L.has(L.TAIWAN, q) || m.places.length > 0)) {
    filters.taiwan = m.places[0] ? { place: m.places[0].id } : {};
    if (filters.area === 'taiwan') delete filters.area;
  }
  return filters;
}

/** The words left once question words, fillers and focus words are gone: what a reverse look-up matches. */
export function termsOf(q: string): string[] {
  let s = q;
  for (const r of [
    L.FILLER,
    L.LIST_CUE,
    L.COUNT_CUE,
    // An event's or document's name is the value looked for ("地方21世紀議程"): only its verbs go.
    ...L.REVERSE_WORDS.map(([a, x]) => (a === 'events' ? L.EVENT_VERBS : x)),
    ...L.FOCUS_WORDS.map(([, x]) => x),
  ]) {
    s = s.replace(L.everywhere(r), ' ');
  }
  return (
    s
      .replace(/(\d+)/g, ' $1 ')
      .replace(/(?<![a-z])(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![a-z])/g, (w) =>
        String(NUMBER_WORDS.indexOf(w) + 1),
      )
      // "蘇黎世和柏林": two terms, not one run.
      .split(/[\s和与及跟、]+/u)
      .map((w) => w.trim().replace(/^[个個]/u, ''))
      .filter((w) => (hasHan(w) ? [...w].length >= 2 : w.length >= 3 || /^\d+$/.test(w)))
      // "association", "城市": words every record has say nothing about which one is meant.
      .filter((w) => !COMMON_TERMS.has(fold(w)))
  );
}
const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/**
 * A place itself is the answer ("哪個城市簽署了…", "which Taiwanese city signed…"), not organizations of
 * cities ("哪些城市組織", "which city networks"). Membership questions ("哪些城市參加") are read elsewhere.
 */
const PLACE_ASKED_FOR = L.words([
  're:(哪個|哪一個|哪些|哪幾個)(台灣)?(城市|縣市|縣|市)(?!組織|聯盟|政府|網|協會|高峰)',
  're:(which|what)\\s+(taiwanese\\s+)?(city|cities|county|counties)(?![a-z])(?!\\s+(organi|alliance|network|association|league|summit))',
]);

/** The terms without the words that name the kind of place asked for, which say nothing of what it did. */
function placeTerms(terms: readonly string[]): string[] {
  return terms.filter((t) => !/^(城市|县市|地方|台湾|cities|city|counties|county|places|taiwan|taiwanese)$/.test(t));
}

const PLACES_ASKED = L.words([
  're:(哪些|哪幾個|哪個|什麼|有哪)\\S{0,4}(城市|縣市|地方|市)',
  're:(which|what)\\s+(taiwanese\\s+)?(cities|city|counties|county|places|municipalit\\w*|local governments)',
  're:(cities|counties|places)\\s+(in|of)\\s+taiwan',
  're:taiwan\\S*\\s+(cities|counties|places)',
]);

/** Reads a question into a plan. */
export function readQuestion(asked: string, knowledge: Knowledge): Plan {
  const know = onceEach(knowledge);
  // "ICLEI's headquarters": the possessive is not part of the name.
  const question = asked.replace(/(?<=[A-Za-z0-9])['’]s?(?=\s|$|[?？,，.。!！])/g, '');
  const q = L.prepare(question);
  const m = mentionsOf(question, know);
  const lead = m.orgs.length + m.places.length + m.alliances.length === 0 ? leadingName(question, know) : undefined;
  if (lead) (lead.kind === 'org' ? m.orgs : lead.kind === 'place' ? m.places : m.alliances).push(lead);
  const named = m.orgs.length + m.places.length + m.alliances.length > 0;
  // Each read at most once, and only on the paths that need it (two paths ask for each).
  let filtersRead: Filters | undefined;
  const filtersOnce = (): Filters => (filtersRead ??= readFilters(q, know, m));
  let respeltRead: { plan: Plan | undefined } | undefined;
  const respeltOnce = (): Plan | undefined => (respeltRead ??= { plan: respelt(question, know) }).plan;

  const scope = uncovered(q, m);
  if (scope) return scope;

  const article = articlePart(q, m.orgs.length > 0, know.data);
  if (article?.part === 'table' && (L.has(L.LIST_CUE, q) || L.has(L.COUNT_CUE, q) || L.has(L.COUNT_WEAK, q))) {
    // "How many organizations does the table list", "附表中成立欄寫「--」的組織": a list over the table.
    const filters: Filters = { ...readFilters(q, know, m), table: true };
    return { intent: 'list', filters, count: L.has(L.COUNT_CUE, q) || L.has(L.COUNT_WEAK, q) };
  }
  if (article) return { intent: 'article', ...article };
  if (L.has(DOMESTIC, q)) return { intent: 'taiwan', ask: 'alliances' };
  if (L.has(MOST_SISTERS, q)) return { intent: 'taiwan', ask: 'most-sisters' };

  const rest = withoutNames(q, [...m.orgs, ...m.places, ...m.alliances]);

  // "哪個組織是由 UTO 和 Metropolis 合併而成的", "What did UTO merge into?": the merger's other side.
  if (m.orgs.length > 0 && L.has(L.MERGER, q)) {
    const merging = [...new Set(m.orgs.map((h) => h.id))].filter((id) =>
      know.data.org(id)?.links.some((l) => l.rel === 'merged-into' || l.rel === 'formed-by-merger-of'),
    );
    if (merging.length > 0) {
      const want = L.has(L.MERGER_RESULT, q) || merging.length >= 2 ? 'result' : 'partners';
      return { intent: 'reverse', attribute: 'founders', terms: [], merger: { of: merging, want } };
    }
  }

  // "哪個組織是世界銀行和聯合國人居署共同發起的": the names are the founders, not the subject.
  if (m.orgs.length > 0 && (FOUNDER_CUE.test(q) || L.REVERSE_WORDS.find(([a]) => a === 'founders')![1].test(q))) {
    const founders = m.orgs.filter((h) => know.data.org(h.id)?.links.some((l) => l.rel === 'founded'));
    const subjectAsked = /哪个|哪一个|哪些|什么组织|which|what organi|what did|what was/.test(q);
    if (founders.length > 0 && subjectAsked) {
      return { intent: 'reverse', attribute: 'founders', terms: [], founder: founders[0]!.id };
    }
  }

  if (
    (m.orgs.length === 1 || m.orgs.length === 2) &&
    (L.has(L.COMPARE_CUE, rest) || L.has(L.SAME_CUE, rest) || L.has(L.OLDER_CUE, rest) || L.has(L.NEWER_CUE, rest))
  ) {
    // The other name may be made of common words only ("城市聯盟"): find it in the pieces around the joins.
    for (const piece of question.split(L.everywhere(JOIN_SPLIT))) {
      // A piece that holds a name already found is that name's piece: only the others can hold a new one.
      let cut = L.prepare(piece);
      if (withoutNames(cut, m.orgs).includes('■')) continue;
      for (const r of [L.COMPARE_CUE, L.SAME_CUE, L.OLDER_CUE, L.NEWER_CUE, COMPARED_COUNT])
        cut = cut.replace(L.everywhere(r), ' ');
      const name = subjectOf(cut);
      if (!name || name.length < 2) continue;
      const found = know.search.search(name, { kinds: ['org'] });
      const hit = found.status === 'match' ? found.hits[0] : undefined;
      if (hit && !m.orgs.some((h) => h.id === hit.id)) m.orgs.push(hit);
    }
  }
  // Two or three organizations, or two or three of Taiwan's domestic alliances, in the order asked.
  const typed = compact(question);
  for (const [hits, of] of [
    [m.orgs, undefined],
    [m.alliances, 'alliances'],
  ] as const) {
    const ids = [...new Set(inOrderTyped(typed, hits).map((h) => h.id))].slice(0, 3);
    if (ids.length < 2) continue;
    const ask = L.has(L.SAME_CUE, rest)
      ? 'same'
      : L.has(L.OLDER_CUE, rest)
        ? 'older'
        : L.has(L.NEWER_CUE, rest)
          ? 'newer'
          : 'side-by-side';
    if (ask !== 'side-by-side' || L.has(L.COMPARE_CUE, rest) || L.has(L.JOIN, rest)) {
      return of ? { intent: 'compare', ids, ask, of } : { intent: 'compare', ids, ask };
    }
  }

  // Taiwan: the domestic alliances, what places share, who takes part in an organization.
  const alliance = m.alliances[0];
  // "北臺聯盟的成員中，哪些也參加了國際組織？": the alliance's members that are in any international one.
  if (
    alliance &&
    m.orgs.length === 0 &&
    L.has(INTERNATIONAL_ORG, rest) &&
    (L.has(L.TAKE_PART, rest) || L.has(L.SHARED, rest) || L.has(PLACES_ASKED, q))
  )
    return { intent: 'taiwan', ask: 'any', within: alliance.id };
  if (alliance && (m.orgs.length === 0 || alliance.score >= m.orgs[0]!.score)) {
    const focus: Focus =
      L.has(L.TAKE_PART, rest) || /哪些|which|who|成员|member/.test(rest) ? 'members-of' : readFocus(rest);
    return { intent: 'lookup', record: ref(alliance), focus };
  }
  const placeIds = [...new Set(m.places.map((h) => h.id))];
  // "What did Taichung County and Taichung City sign in November 2005?": what places did together is in
  // the record of the domestic alliance they form, when exactly one holds them all.
  if (placeIds.length >= 2 && L.has(L.EVENT_VERBS, rest)) {
    const together = know.data.alliances.filter((a) => placeIds.every((id) => a.members.includes(id)));
    if (together.length === 1)
      return { intent: 'lookup', record: { kind: 'alliance', id: together[0]!.id }, focus: 'events' };
  }
  if (placeIds.length >= 2 && (L.has(L.SHARED, rest) || L.has(L.JOIN, rest))) {
    return { intent: 'taiwan', ask: 'shared', places: placeIds.slice(0, 3) };
  }
  const org = m.orgs[0];
  if (
    org &&
    (L.has(L.TAIWAN, rest) || L.has(PLACES_ASKED, rest)) &&
    (L.has(L.TAIWAN_PLACES, rest) || L.has(L.TAKE_PART, rest))
  ) {
    if (m.places.length === 0)
      return L.has(L.FOUNDING_MEMBER, rest)
        ? { intent: 'taiwan', ask: 'participants', org: org.id, founding: true }
        : { intent: 'taiwan', ask: 'participants', org: org.id };
  }
  const place = m.places[0];
  // "臺中縣是跟哪個縣市組成聯盟的", "Which counties work with Kaohsiung City in a regional alliance?": the
  // members of the one domestic alliance the place belongs to.
  if (place && !org && m.places.length === 1 && L.has(PLACE_ASKED_FOR, q) && L.has(ALLIANCE_WORD, rest)) {
    const own = know.data.alliancesOf(place.id);
    if (own.length === 1)
      return { intent: 'lookup', record: { kind: 'alliance', id: own[0]!.id }, focus: 'members-of' };
  }
  // "Which organization is Taipei City an Executive Bureau member of?": the one membership whose own words
  // the question gives; its organization is the answer, shown with its Taiwanese participants.
  if (place && !org && L.has(SINGULAR, q)) {
    const terms = termsOf(rest);
    const p = know.data.place(place.id);
    // "新竹市是哪個組織的創始會員": the role itself is the words (its parts are focus words, cut from terms).
    const founding = L.has(L.FOUNDING_MEMBER, rest);
    const fits = (p?.memberships ?? []).filter((mm) =>
      founding
        ? mm.kind === 'founding-member'
        : terms.length > 0 && strongFactMatch(know.data, terms, foldedTexts([mm])),
    );
    const ids = [...new Set(fits.map((mm) => mm.org))];
    if (ids.length === 1) return { intent: 'lookup', record: { kind: 'org', id: ids[0]! }, focus: 'taiwan' };
  }
  if (place && (!org || place.score >= org.score || L.has(L.FOCUS_WORDS[1]![1], rest) || L.has(L.TAKE_PART, rest))) {
    let focus = readFocus(rest);
    // "基隆市屬於哪個聯盟", "Which alliance does Keelung City belong to?": what the place takes part in.
    if ((focus === 'general' || focus === 'activities') && L.has(L.TAKE_PART, rest)) focus = 'orgs';
    // "台北市的市花是什麼": a question about the place that the article does not answer.
    if (focus === 'general' && !org && offTopic(rest))
      return { intent: 'not-covered', reason: 'nothing', near: [ref(place)] };
    return { intent: 'lookup', record: ref(place), focus: focus === 'members' ? 'orgs' : focus };
  }
  // "1990年以前成立的歐洲城市組織有哪些", "Which organizations deal with … town twinning?": a list whose
  // topic or area words happen to make a name (EUROCITIES' 歐洲城市, the EU's Town Twinning).
  if (org && m.orgs.length === 1 && !place && L.has(PLURAL, q) && nameIsVocabulary(know.data, org.matched)) {
    const filters = filtersOnce();
    const focus = readFocus(rest);
    // A focus word that is itself a filter ("成立" of a founding range, "twinning" of the sister-city topic).
    const filtering =
      focus === 'general' ||
      (focus === 'founded' && filters.founded !== undefined) ||
      (focus === 'sister' && filters.topic === 'sister-cities');
    if ((filters.topic || filters.area) && filtering)
      return { intent: 'list', filters, count: listCue(q, filters).count };
  }
  if (org) return { intent: 'lookup', record: ref(org), focus: readFocus(rest) };

  const terms = termsOf(rest);
  const reverse = L.REVERSE_WORDS.find(([, r]) => r.test(q));
  // "哪個城市簽署了城市環境議定書", "Which Taiwanese city hosted…": a place asked for by what it did; not
  // a misspelt name ("高高平區域城市聯盟有哪些縣市" names an alliance, and gets its did-you-mean below).
  if (
    !named &&
    L.has(PLACE_ASKED_FOR, q) &&
    !L.has(L.TAKE_PART, q) &&
    terms.length > 0 &&
    strongFactMatch(know.data, placeTerms(terms), factTextsOf(know.data).places) &&
    !respeltOnce()
  )
    return { intent: 'reverse', attribute: 'events', terms: placeTerms(terms), places: true };
  // "Which organization has 9 thematic working committees?", "Which association has 89 members?": one
  // organization asked for by a fact that fits closely; before the name search, which would read the
  // fact's words as a misspelt name ("counts" as "County").
  const singular = L.has(SINGULAR, q);
  if (singular && strongFactMatch(know.data, terms))
    return { intent: 'reverse', attribute: reverse?.[0] ?? 'any', terms };

  // No record named by a whole mention. A name the search is sure of comes first, as a look-up, unless
  // the question plainly asks for a list ("哪些", "which organizations"): "Sister Citys International 總部".
  // Likewise a superlative or a filtered list ("latest national organization", "national orgs founded
  // before 1980"): the fuzzy name search would only read its words as misspelt names, at a millisecond.
  const filters = filtersOnce();
  const computed =
    L.has(L.OLDEST, q) || L.has(L.NEWEST, q) || (Object.keys(filters).length > 0 && listCue(q, filters).list);
  const sure =
    !L.has(PLURAL, q) && !L.has(L.COUNT_CUE, q) && !onlyFounding(q) && !computed
      ? sureName(question, q, know)
      : undefined;
  if (sure?.status === 'match') {
    const hit = sure.hits[0]!;
    const focus = readFocus(withoutNames(q, [hit]));
    return { intent: 'lookup', record: ref(hit), focus: hit.kind === 'org' ? focus : placeFocus(focus) };
  }
  // A name misspelt ("Citties Alliance", "歐州城市組織"): what the corrected question names, as a did-you-mean.
  if (!named) {
    const corrected = respeltOnce();
    if (corrected) return corrected;
  }
  if (sure) return { intent: 'suggest', query: sure.query, candidates: sure.hits.slice(0, 5).map(ref) };

  // Lists, counts and superlatives over the filters.
  if (L.has(PLACES_ASKED, q) && L.has(L.TAKE_PART, q) && !filters.type && !filters.topic && !filters.founded) {
    return { intent: 'taiwan', ask: 'any' };
  }
  if (L.has(L.OLDEST, q)) return { intent: 'superlative', order: 'oldest', filters };
  if (L.has(L.NEWEST, q)) return { intent: 'superlative', order: 'newest', filters };
  const cue = listCue(q, filters);
  const hasFilter = Object.keys(filters).length > 0;
  // "What issues do thematic city alliances reflect?": a type named inside a question that is, word for
  // word, one of the article's own paragraphs (its conclusion on thematic alliances), not a list.
  if (Object.keys(filters).length === 1 && filters.type && !cue.count && asksBeyondType(q)) {
    const p = bestPassage(know.data, q, 0.85);
    if (p) return { intent: 'article', part: 'passage', section: p.section };
  }
  if (hasFilter && cue.list) return { intent: 'list', filters, count: cue.count };
  if (cue.count && /组织|organi|联盟|alliances|表/.test(q) && !/会员|成员|member/.test(q)) {
    return { intent: 'list', filters, count: true };
  }
  if (/所有组织|全部组织|all (the )?organi|every organi|list (all|every)/.test(q)) {
    return { intent: 'list', filters, count: false };
  }

  // An attribute and a value: "which organization is based in Barcelona", "哪個組織有415個會員".
  if (reverse && terms.length > 0 && !strongFactMatch(know.data, terms))
    return { intent: 'not-covered', reason: 'nothing', near: [] };
  if (reverse && terms.length > 0) return { intent: 'reverse', attribute: reverse[0], terms };
  if (named) return { intent: 'not-covered', reason: 'nothing', near: [] };
  return searchFallback(question, q, terms, know);
}

/**
 * Whether the question says more than "organizations of this type" ("主題型的城市聯盟有哪些" does not;
 * "主題型城市聯盟反映了哪些課題" does): two or more content words once the type and the nouns for
 * organizations are gone.
 */
function asksBeyondType(q: string): boolean {
  let s = q;
  for (const [, r] of TYPES) s = s.replace(L.everywhere(r), ' ');
  s = s.replace(/城市联盟|联盟|组织|城市|(?<![a-z])(alliances?|organi[sz]ations?|networks?)(?![a-z])/gu, ' ');
  const { pairs, stems } = contentOf(s);
  return pairs.length + stems.length >= 2;
}

/**
 * "What was founded in 2006?": once the founding words and the year are gone, nothing is left to be a
 * name, so the name search must not turn the year into a record.
 */
function onlyFounding(q: string): boolean {
  if (!readFounding(q)) return false;
  let s = subjectOf(q);
  for (const r of [...BETWEEN, ...BEFORE, ...AFTER, ...SINCE, ...UNTIL, ...DECADE, PLAIN_YEAR, L.FILLER])
    s = s.replace(L.everywhere(r), ' ');
  return !s.split(/\s+/).some((w) => (hasHan(w) ? [...w].length >= 2 : w.length >= 3 && !ENGLISH.has(w)));
}

/** Question words and focus words removed, leaving the thing asked about ("What is ICLEI?" → "ICLEI"). */
function subjectOf(q: string): string {
  let s = q;
  // Only question words go: "of", "the" and "in" belong to names ("National League of Cities").
  for (const r of [SUBJECT_FILLER, ...L.FOCUS_WORDS.map(([, x]) => x), L.TAKE_PART])
    s = s.replace(L.everywhere(r), ' ');
  return s
    .replace(/什么是|是什么|介绍一下|介绍|告诉我|what's|tell me about|explain|about/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Nothing named confidently: the name search decides. A clear match is a look-up, close names a did-you-mean;
 * the question's terms found in the records' facts a reverse look-up; otherwise the honest "not covered".
 */
function searchFallback(question: string, q: string, terms: string[], know: Knowledge): Plan {
  const whole = question.replace(/[?？!！。]+/g, ' ').trim();
  const subject = subjectOf(q);
  const focus = readFocus(q);
  // As in sureName: the subject, or the whole question when no subject is left.
  for (const attempt of subject.length > 0 ? [subject] : whole.length > 0 ? [whole] : []) {
    const found = know.search.search(attempt, { direct: !nameLike(attempt) });
    if (found.status === 'none') continue;
    const best = found.hits[0]!;
    if (found.status === 'match')
      return {
        intent: 'lookup',
        record: ref(best),
        focus: best.kind === 'org' ? focus : focus === 'members' ? 'orgs' : focus,
      };
    return { intent: 'suggest', query: attempt, candidates: found.hits.slice(0, 5).map(ref) };
  }
  if (strongFactMatch(know.data, terms)) return { intent: 'reverse', attribute: 'any', terms };
  // "國際人才應該具備哪些能力": no record, but a paragraph of the article's own argument that holds it whole.
  const p = bestPassage(know.data, q, 0.9);
  if (p) return { intent: 'article', part: 'passage', section: p.section };
  return { intent: 'not-covered', reason: 'nothing', near: [] };
}

/** The records a question names once its misspellings are put right (src/understanding/spelling.ts). */
function respelt(question: string, know: Knowledge): Plan | undefined {
  const corrected = respell(question, know.data, ENGLISH);
  if (!corrected) return undefined;
  const m = mentionsOf(corrected, know);
  const hits = [...m.orgs, ...m.alliances, ...m.places];
  if (hits.length === 0) {
    const subject = subjectOf(L.prepare(corrected));
    const found = know.search.search(subject, { direct: !nameLike(subject) });
    if (found.status === 'match') hits.push(found.hits[0]!);
  }
  if (hits.length === 0) return undefined;
  return { intent: 'suggest', query: question.trim(), candidates: hits.slice(0, 5).map(ref) };
}

/**
 * Whether a subject is short enough to be a name: the longest names run to seven words or sixteen
 * characters and are found whole by the exact tiers, so only a subject this short earns the fuzzy tiers
 * (which cost a millisecond on a sentence and find nothing in one).
 */
function nameLike(subject: string): boolean {
  const latin = subject.match(/[a-z0-9]+/g)?.length ?? 0;
  const han = subject.match(/\p{Script=Han}/gu)?.length ?? 0;
  return latin <= 5 && han <= 16;
}

/** Founding bounds that cannot hold anything the article dates (it was compiled in 2006). */
export function outsideArticle(f: FoundingFilter): boolean {
  return f.kind === 'years' && ((f.from ?? MIN_YEAR) > MAX_ARTICLE_YEAR || (f.to ?? MAX_ARTICLE_YEAR) < MIN_YEAR);
}

export type { Attribute };

const DOMESTIC = L.words([
  '國內的城市聯盟',
  '國內城市聯盟',
  '國內的聯盟',
  '台灣的城市聯盟',
  '台灣現有',
  '地區性的城市聯盟',
  '區域聯盟有哪',
  'domestic*',
  're:taiwan\\S*\\s+(own\\s+)?(city\\s+)?alliances',
  're:alliances\\s+(in|within)\\s+taiwan',
]);
const MOST_SISTERS = L.words(['re:(姊妹市|姐妹市)\\S{0,3}最多', 're:最多\\S{0,3}(姊妹市|姐妹市)', 're:most\\s+sister']);
/** "Which organization …", "哪個組織 …", "who …": one organization asked for by what it did or has. */
const SINGULAR = L.words([
  '哪個組織',
  '哪一個組織',
  '哪個聯盟',
  '哪個協會',
  '是哪個',
  '是哪一個',
  're:哪個\\S{0,4}(組織|聯盟|協會|網路|網絡|計畫|城市)',
  're:which\\s+(organi[sz]ation|one|association|coalition|programme|program|body|network|alliance|league|group|federation|conference)\\b',
  're:^\\s*who\\s+(promotes|runs|holds|hosts|organi[sz]es|leads|signed|adopted|launched)',
  're:what\\s+(organi[sz]ation|body|association|network)\\b',
]);
const JOIN_SPLIT = L.words([
  '、',
  '，',
  ',',
  '和',
  '跟',
  '與',
  '及',
  '以及',
  '還是',
  '或',
  'and',
  'or',
  'vs',
  'versus',
  'with',
]);
/** "三個組織比較", "the two": how many are compared, not a name. */
const COMPARE_FILLER_WORDS = [
  're:[兩两二三2-3]\\s*個\\s*(組織|聯盟)?',
  're:(the\\s+)?(two|three|both)\\b',
  '哪個',
  '哪一個',
  '有什麼',
  '什麼',
  '在哪',
  '嗎',
];
const COMPARED_COUNT = L.words(COMPARE_FILLER_WORDS);

/** Words that say nothing about what is asked ("介紹", "tell me about"): a place question made only of them is general. */
const GENERAL = L.words([
  '介紹',
  '資料',
  '資訊',
  '簡介',
  '概況',
  '情形',
  '情況',
  '怎麼樣',
  '如何',
  '是什麼',
  '什麼',
  '有哪些',
  '哪些',
  '相關',
  'about',
  'tell',
  'info*',
  'overview',
  'what',
  'know',
  'me',
  'city',
  'county',
  '的',
]);

/** Whether what is left of a place question, names cut out, asks something besides the place itself. */
function offTopic(rest: string): boolean {
  // A name cut out may leave its own 市/縣 behind ("台北" of "台北市"): that is not a question word.
  let s = rest.replace(/■\s*[市县]?/g, ' ');
  for (const r of [L.FILLER, GENERAL, L.LIST_CUE, L.TAIWAN]) s = s.replace(L.everywhere(r), ' ');
  return s.split(/\s+/).some((w) => (hasHan(w) ? [...w].length >= 2 : w.length >= 3));
}

const hanNameSets = new WeakMap<Dataset, Set<string>>();
/** Every record's names and aliases, folded without spaces, built once per dataset. */
function hanNames(data: Dataset): Set<string> {
  let set = hanNameSets.get(data);
  if (!set) {
    set = new Set(
      [
        ...data.organizations.flatMap((o) => [o.names.zh, ...o.aliases]),
        ...data.places.flatMap((p) => [p.names.zh, ...p.aliases]),
        ...data.alliances.flatMap((a) => [a.names.zh, ...a.aliases]),
      ].map(compact),
    );
    hanNameSets.set(data, set);
  }
  return set;
}

/**
 * A name at the start of a Chinese question that mentions() leaves alone because its words are common
 * ("城市聯盟的總部", "全國城市聯盟和…"): the longest leading run that is exactly a record's name.
 */
function leadingName(question: string, know: Knowledge): Hit<DataRecordKind> | undefined {
  const run = /^[\s「『"“]*([\p{Script=Han}]{3,})/u.exec(question.normalize('NFKC'))?.[1];
  if (!run) return undefined;
  const chars = [...run];
  const names = hanNames(know.data);
  for (let n = Math.min(chars.length, 16); n >= 3; n--) {
    const prefix = chars.slice(0, n).join('');
    // Only a prefix that is some record's whole name is worth asking the index about.
    if (!names.has(compact(prefix))) continue;
    const found = know.search.search(prefix, { direct: true });
    const hit = found.hits[0];
    if (found.status === 'match' && hit?.tier === 'exact') return hit;
  }
  return undefined;
}

const ENGLISH = new Set(
  'about after also among and any are based been before being between both city cities country countries does each from have into many more most much name names other over some such than that their them then there these they this those through under until very were what when where which while with within would your founded members member organization organizations organisation organisations international alliance alliances sister twin twinning mayors mayor conference network league association council union world global europe european asia pacific taiwan taiwanese headquarters secretariat list show tell many much year years older oldest newest latest first compare same different difference involved belong join joined part take takes'.split(
    ' ',
  ),
);

/**
 * Whether the question's terms sit, close to whole, in some organization's facts: a number it gives
 * ("415", "8個"), or most of its content words. Only then is a reverse look-up an answer and not a guess.
 */
function strongFactMatch(data: Dataset, terms: readonly string[], texts = factTextsOf(data).orgs): boolean {
  // Each term folded and weighed once, then tried against every fact (the facts are folded once per dataset).
  const keys = terms
    .filter((t) => !COMMON_TERMS.has(fold(t)))
    .map((term) => {
      const key = fold(term).replace(/ /g, '');
      const han = hasHan(key);
      const number = /^\d+$/.test(key) ? new RegExp(`(?<!\\d)${key}(?!\\d)`) : undefined;
      const need = Math.max(2, Math.ceil([...key].length * 0.6));
      const stem = key.slice(0, Math.max(4, key.length - 2));
      const weight = number ? 2 : han ? [...key].length / 2 : 1;
      const test = number
        ? (t: string) => number.test(t)
        : han
          ? (t: string) => longestShared(key, t) >= need
          : (t: string) => t.includes(stem);
      return { weight, test };
    });
  if (keys.length === 0) return false;
  const weight = keys.reduce((n, k) => n + k.weight, 0);
  for (const t of texts) {
    let hit = 0;
    for (const k of keys) if (k.test(t)) hit += k.weight;
    if (hit / weight >= 0.6) return true;
  }
  return false;
}

const COMMON_TERMS = new Set([
  '城市',
  '国际',
  '联盟',
  '组织',
  '协会',
  '世界',
  'city',
  'cities',
  'international',
  'organization',
  'organisation',
  'alliance',
  'world',
  'local',
  'government',
  'governments',
  'association',
  'network',
]);

/** Texts folded the way strongFactMatch compares them: Chinese without spaces, English as folded. */
function foldedTexts(texts: ReadonlyArray<{ text: { zh: string; en: string } }>): string[] {
  return texts.flatMap((f) => [fold(f.text.zh).replace(/ /g, ''), fold(f.text.en)]);
}

// Folded once per dataset: the organizations' facts, and the Taiwanese places' events and facts.
const factCache = new WeakMap<Dataset, { orgs: string[]; places: string[] }>();
function factTextsOf(data: Dataset): { orgs: string[]; places: string[] } {
  let texts = factCache.get(data);
  if (!texts) {
    texts = {
      orgs: foldedTexts(data.organizations.flatMap((o) => o.facts)),
      places: foldedTexts(data.places.flatMap((p) => [...p.events, ...p.facts])),
    };
    factCache.set(data, texts);
  }
  return texts;
}

/** Verbs of founding, for "which network did UNESCO launch": the named organization is the founder. */
const FOUNDER_CUE = L.words([
  '開展',
  '推出',
  '發起',
  '創立',
  '成立',
  '設立',
  '建立',
  '創辦',
  'launch*',
  'set up',
  'creat*',
  'establish*',
  'found',
  'founded',
  'start*',
  'initiat*',
]);

/** A domestic alliance asked about, not named ("組成聯盟", "in a regional alliance"). */
const ALLIANCE_WORD = L.words(['聯盟', '區域合作', 're:(?<![a-z])alliances?(?![a-z])']);

/** "an international organization", "國際組織": any of them, not one named. */
const INTERNATIONAL_ORG = L.words([
  '國際組織',
  '國際城市組織',
  '國際性組織',
  're:international\\s+(city\\s+)?(organi[sz]ations?|bodies|alliances|networks)',
]);

/** Words that ask for more than one record: a list, not a look-up. */
const PLURAL = L.words([
  '哪些',
  '哪幾',
  '有哪',
  '列出',
  '所有',
  '全部',
  '清單',
  'which organi*',
  'what organi*',
  'list*',
  'all',
  'any',
  'organizations',
  'organisations',
  'alliances',
  'ones',
]);

function placeFocus(f: Focus): Focus {
  return f === 'members' ? 'orgs' : f;
}

/**
 * What the name search makes of the question's subject (then of the whole question): a sure match, or
 * close names (a misspelling, common words) to offer as a did-you-mean.
 */
function sureName(
  question: string,
  q: string,
  know: Knowledge,
): { status: 'match' | 'ambiguous'; query: string; hits: Hit<DataRecordKind>[] } | undefined {
  const subject = subjectOf(q);
  const whole = question.replace(/[?？!！。]+/g, ' ').trim();
  // The exact and substring tiers first, for every try (microseconds); the fuzzy tiers only if none is sure.
  for (const kinds of [['org'], ['place', 'alliance']] as const) {
    for (const attempt of [...new Set([subject, whole].filter((s) => s.length > 0))]) {
      const found = know.search.search(attempt, { kinds, direct: true });
      if (found.status === 'match') return { status: 'match', query: attempt, hits: found.hits };
    }
  }
  // One search over every kind: the fuzzy tiers spend their time on the subject, the whole question
  // only when no subject is left; words no name uses ("to", "should") only cost them time.
  const attempt = subject.length > 0 ? withoutFunctionWords(subject, know.data) || subject : whole;
  const found = know.search.search(attempt, { direct: !nameLike(attempt) });
  if (found.status === 'none') return undefined;
  // Close names offered with the organizations first: the order /ask always answered in.
  const hits = [...found.hits.filter((h) => h.kind === 'org'), ...found.hits.filter((h) => h.kind !== 'org')];
  return { status: found.status, query: attempt, hits: found.status === 'match' ? found.hits : hits };
}

/** English words that ask rather than name; dropped from a subject unless some record's name uses them. */
const FUNCTION_WORDS = new Set(
  'a an to should would could can will shall may might must have has had be been being do does did belong belongs belonged there their they it its this that these those me my you your we our us please also still just very really'.split(
    ' ',
  ),
);
function withoutFunctionWords(subject: string, data: Dataset): string {
  return subject
    .split(' ')
    .filter((w) => !(FUNCTION_WORDS.has(w) && !inSomeName(data, w)))
    .join(' ')
    .trim();
}

const SUBJECT_FILLER = L.words([
  're:[?？!！。，,、：:；;（）()「」『』"“”]',
  '請問',
  '什麼是',
  '是什麼',
  '哪個',
  '哪一個',
  '嗎',
  '呢',
  '了',
  '的',
  '有',
  're:^\\s*(the\\s+)?(?=\\S)',
  'which',
  'what',
  'who',
  'whose',
  'is',
  'are',
  'was',
  'were',
  'does',
  'do',
  'did',
  'has',
  'have',
  'its',
  'please',
  'tell me',
]);

/** Whether a plan is about records it names itself (a follow-up that names one is answered about it). */
function namesRecord(plan: Plan): boolean {
  switch (plan.intent) {
    case 'lookup':
    case 'compare':
      return true;
    case 'reverse':
      return plan.founder !== undefined || plan.merger !== undefined;
    case 'taiwan':
      return plan.ask === 'participants' || plan.ask === 'shared' || (plan.ask === 'any' && plan.within !== undefined);
    default:
      return false;
  }
}

/**
 * A follow-up, asked by replying to an answer about `subject` (a record id): "那它的總部在哪？", "and when
 * was it founded?". A question that names its own record ("那台南呢？") is read as it stands; one that names
 * none is read as if it began with the subject's name, in the question's script. The whole reader runs
 * either way, so a follow-up is understood exactly as the same question with the name typed.
 */
export function readFollowUp(asked: string, knowledge: Knowledge, subject: string): Plan {
  const plain = readQuestion(asked, knowledge);
  if (namesRecord(plain)) return plain;
  const d = knowledge.data;
  const record = d.org(subject) ?? d.alliance(subject) ?? d.place(subject);
  if (!record) return plain;
  const acronym = 'acronym' in record ? record.acronym : undefined;
  const name = acronym ?? (hasHan(asked) ? record.names.zh : record.names.en);
  const within = readQuestion(`${name} ${asked}`, knowledge);
  return namesRecord(within) ? within : plain;
}

/** The words a question asks about, without the record's own names (for the facts a short answer leads with). */
export function questionTerms(question: string, names: readonly string[]): string[] {
  const folded = names.map((n) => compact(n)).filter((n) => n.length >= 2);
  folded.sort((a, b) => b.length - a.length);
  return termsOf(L.prepare(question)).flatMap((t) => {
    let c = compact(t);
    // The name inside a run of words ("泛珠三角…合作協議提出要在幾項領域合作") goes; the rest is the question.
    for (const n of folded) c = c.split(n).join(' ');
    return c.split(' ').filter((w) => (hasHan(w) ? [...w].length >= 2 : w.length >= 3 || /^\d+$/.test(w)));
  });
}
