/**
 * What a free-text question was read as: a plain value (an intent with slots) that tests assert on and
 * answers render. The reader (read.ts) makes it from the question; the executor (execute.ts) runs it over
 * the dataset. No language in here: a plan means the same in zh-TW and en.
 */
import type { TABLE_GROUPS } from '../data/enums.js';

export type TableGroup = (typeof TABLE_GROUPS)[number];
export type RecordKind = 'org' | 'place' | 'alliance';

/** Founding years by the table: inclusive bounds, either may be open; or the table's `--` / 籌備中. */
export type FoundingFilter =
  { kind: 'years'; from?: number; to?: number } | { kind: 'unknown' } | { kind: 'preparing' };

/** Conditions on organizations; every one given must hold. */
export interface Filters {
  founded?: FoundingFilter;
  type?: TableGroup;
  /** A topic id of data/vocabulary.json (its narrower topics count too). */
  topic?: string;
  /** An area id of data/vocabulary.json (the countries within it count too). */
  area?: string;
  /** Organizations a Taiwanese place takes part in: any place, or one by id. */
  taiwan?: { place?: string };
  /** Only organizations the article's table lists. */
  table?: true;
}

/** What a question about one record asks first. */
export const FOCI = [
  'general',
  'founded',
  'founded-where',
  'founders',
  'headquarters',
  'website',
  'members',
  'aims',
  'activities',
  'structure',
  'events',
  'taiwan',
  'sister',
  'first-sister',
  'orgs',
  'members-of',
] as const;
export type Focus = (typeof FOCI)[number];

export const ARTICLE_PARTS = [
  'overview',
  'authors',
  'date',
  'publisher',
  'abstract',
  'keywords',
  'conclusions',
  'recommendations',
  'table',
  'typology',
  'taiwan',
  'references',
  'term',
  'passage',
] as const;
export type ArticlePart = (typeof ARTICLE_PARTS)[number];

/** Attributes a reverse look-up searches an organization's facts by. */
export const ATTRIBUTES = ['headquarters', 'founders', 'members', 'events', 'structure', 'any'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** Why a question gets an honest "the article does not cover this". */
export const UNCOVERED = [
  'weather',
  'population',
  'office-holders',
  'capital',
  'united-nations',
  'sports',
  'prices',
  'contact',
  'staff',
  'after-article',
  'nothing',
] as const;
export type Uncovered = (typeof UNCOVERED)[number];

export interface RecordRef {
  kind: RecordKind;
  id: string;
}

export type Plan =
  /** One record, and what about it is asked first. */
  | { intent: 'lookup'; record: RecordRef; focus: Focus }
  /** Organizations meeting the filters, listed; `count` when the question asks how many. */
  | { intent: 'list'; filters: Filters; count: boolean }
  /** The oldest or newest organizations meeting the filters (ties all shown). */
  | { intent: 'superlative'; order: 'oldest' | 'newest'; filters: Filters }
  /**
   * Organizations whose facts say something: a founder (an organization's id), a merger (the ids named:
   * `result` asks what they merged into, `partners` what they merged with) or the question's terms.
   * `places`: Taiwanese places asked for instead ("哪個城市簽署了城市環境議定書"), by their events and facts.
   */
  | {
      intent: 'reverse';
      attribute: Attribute;
      terms: string[];
      places?: true;
      founder?: string;
      merger?: { of: string[]; want: 'result' | 'partners' };
    }
  /**
   * Two or three organizations side by side (or, `of: 'alliances'`, Taiwan's domestic alliances); `older`
   * and `same` say which question leads.
   */
  | { intent: 'compare'; ids: string[]; ask: 'side-by-side' | 'older' | 'newer' | 'same'; of?: 'alliances' }
  /** Taiwanese places: in an organization, in any, what two share. */
  /** `founding`: only the places the article calls founding members ("哪個台灣城市是WTA的創始會員"). */
  | { intent: 'taiwan'; ask: 'participants'; org: string; founding?: true }
  /** Places in any international organization; `within`: only the members of that domestic alliance. */
  | { intent: 'taiwan'; ask: 'any'; within?: string }
  | { intent: 'taiwan'; ask: 'shared'; places: string[] }
  /** Taiwan's own (domestic) city alliances; the place with the most sister cities. */
  | { intent: 'taiwan'; ask: 'alliances' }
  | { intent: 'taiwan'; ask: 'most-sisters' }
  /**
   * The article itself; `term` carries the word looked up in its prose (WTO, Citistate), `section` the
   * paragraph (abstract, a conclusion or a recommendation) whose words the question shares.
   */
  | { intent: 'article'; part: ArticlePart; term?: string; section?: string }
  /** No confident reading, but names close to what was typed: a did-you-mean. */
  | { intent: 'suggest'; query: string; candidates: RecordRef[] }
  /** Outside what the article covers, or nothing in it matched. */
  | { intent: 'not-covered'; reason: Uncovered; near: RecordRef[] };

export type Intent = Plan['intent'];
