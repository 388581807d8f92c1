/**
 * Section 5, question understanding (/ask): the current reader (src/understanding/ read → execute →
 * src/answers/question.ts render) next to the previous router (bench/previous-router.ts), in one run.
 *
 *   1. Accuracy per question shape on the labelled question set (tests/fixtures/questions.ts QUESTIONS +
 *      questions-topics.ts TOPIC_QUESTIONS, shapes from QUESTION_SHAPES), judged by problemsOf from
 *      tests/helpers/judge.ts, the same judge as tests/questions.test.ts:
 *      - "current": judge() itself, i.e. the records named by the executed plan (answerIds, every page).
 *      - "previous": the previous router says nothing but a Payload, so its `Answered` is derived from the
 *        reply (see "Reading records off a reply" below): ids = the records the reply names, in order of
 *        first appearance, over every page of a paged list; notCovered = no embed names a record;
 *        count = undefined (the judge then looks for the number in the reply's text).
 *      - "current, read off reply": the same extraction applied to the current reader's reply, as a check
 *        of the extraction itself: where it and "current" disagree, the extraction (not the reader) is off,
 *        and the previous router's figure carries the same error. The per-question agreement is printed.
 *   2. Speed of the /ask handler on the real dataset: every labelled question through runCommand exactly
 *      as the judge sends it ({ question, lang }), `rounds` timed passes after warm-up, per-call wall time;
 *      median, p90, p99, max, next to the previous router on the same questions in the same run. The
 *      previous router is not a command any more, so it is timed with what runCommand does around a
 *      handler for /ask (language → cleanText → answer → fitPayload), and the current reader is timed with
 *      that same wrapper too, so the two rows that differ only in the router are side by side.
 *   3. Scale: the real dataset plus N (default 10,000) synthetic organizations, built as a real Dataset:
 *      the records are written with the real taiwan/article/vocabulary files to a temporary data
 *      directory and loaded by loadDataset (full zod validation and every cross-check, no validation
 *      cache), then indexed by buildSearch, exactly as createServices does. Filter and count questions are
 *      timed through runCommand (and, to show where its time goes, readQuestion alone and execute alone
 *      on the already read plans), on the big dataset and on the real one in the same run, with the
 *      previous router on the same questions. Build times are reported (generate, write, load + validate, index).
 *
 * Reading records off a reply (extractIds). A record's display titles are how src/answers/format.ts names it
 * (orgTitle: the name, plus " (ACRONYM)" when it has one) in both languages, its bare names, its acronym,
 * and for places and domestic alliances their two names. The reply's text is read in the order a user sees
 * it (content, then each embed: title, description, field names and values; then the next pages, reached
 * by pressing the pager's "next" button through runComponent). A record is named where one of its titles
 *   - starts a line (after list markers •, -, >, "1." and a leading bold label such as "**1901** — "),
 *   - starts a bold span (**title**), or
 *   - inside an embed, starts an item of a list: right after a colon, a dash, 、 , ; 及 or " and "
 *     ("成員：A、B、C", "• **Taipei City** — UCLG, SCI", "Kaohsiung City, Kaohsiung County and Pingtung County");
 *     in the message content (outside embeds) only the first two count, since a reply's content also
 *     points at related records it does not present ("本文有記載的相關內容：台北市").
 * A title must end at a non-letter, non-digit character ("城市聯盟" is not named by "城市聯盟與國際城市組織"),
 * and a title inside a longer one found first is not a second name. A name in running prose (a summary
 * that mentions another organization mid-sentence) names nothing. A name two records share (a domestic
 * alliance that is also a table organization) names the one whose kind the rest of its block (the content,
 * or that embed) names most; the organization when nothing decides. These rules were settled by checking
 * them against the current reader's own ids (the agreement line of the report); the previous router's
 * overall figure did not move between the variants tried, so the check did not tune the baseline.
 *
 * Synthetic organizations (syntheticOrganizations) are bench/synthetic.ts's seeded records turned into
 * schema-valid Organizations: the names and descriptions as generated (an acronym only when no other record
 * has it, since load.ts refuses a name shared by two records), the founding year from the description, a
 * type drawn with the same seeded PRNG from the table groups and 'other', no table rows (prose-only
 * records), one real section id, and topic and area tags from data/vocabulary.json wherever a vocabulary
 * word of the entry occurs in the record's own Chinese text and one occurs (as a whole word) in its English
 * text: the tag's basis is that word as written there, which is what load.ts checkVocabulary requires.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerQuestion as currentAnswer } from '../src/answers/question.js';
import { withLang } from '../src/answers/context.js';
import { orgTitle } from '../src/answers/format.js';
import { runCommand, runComponent } from '../src/app/dispatch.js';
import type { Services } from '../src/app/services.js';
import { DATA_FILES, loadDataset, type Dataset } from '../src/data/load.js';
import { ORG_TYPES } from '../src/data/enums.js';
import type { Area, Organization, Topic } from '../src/data/schema.js';
import { buildSearch, datasetDocs } from '../src/data/search-docs.js';
import { cleanText } from '../src/kernel/input.js';
import { fitPayload } from '../src/kernel/limits.js';
import type { CommandRequest, Lang, Payload } from '../src/kernel/types.js';
import { execute } from '../src/understanding/execute.js';
import { readQuestion } from '../src/understanding/read.js';
import { QUESTION_SHAPES, type LabelledQuestion, type QuestionShape } from '../tests/fixtures/question-types.js';
import { HELDOUT_QUESTIONS } from '../tests/fixtures/questions-heldout.js';
import { QUESTIONS } from '../tests/fixtures/questions.js';
import { TOPIC_QUESTIONS } from '../tests/fixtures/questions-topics.js';
import { answerNow, problemsOf, type Answered } from '../tests/helpers/judge.js';
import { counting } from './handlers.js';
import { answerQuestion as previousAnswer } from './previous-router.js';
import { percentileSorted } from './stats.js';
import { DEFAULT_COUNT, prng, syntheticOrgs } from './synthetic.js';
import { load, msSince, progress, row, timeEach, type Samples, type TimingRow } from './timing.js';

export const LABELLED: readonly LabelledQuestion[] = [...QUESTIONS, ...TOPIC_QUESTIONS];
const USER = { id: '100000000000000001' };

// ─── Reading records off a reply ───────────────────────────────────────────────────────────────

/** Display title → the records it names, each record's kind, and the titles by first character, longest first. */
export interface TitleIndex {
  ids: Map<string, string[]>;
  kind: Map<string, 'org' | 'place' | 'alliance'>;
  byFirst: Map<string, string[]>;
}

export function titleIndex(data: Dataset): TitleIndex {
  const ids = new Map<string, string[]>();
  const kind = new Map<string, 'org' | 'place' | 'alliance'>();
  const add = (title: string | undefined, id: string): void => {
    const t = title?.trim();
    if (!t) return;
    const list = ids.get(t) ?? [];
    if (!list.includes(id)) list.push(id);
    ids.set(t, list);
  };
  for (const o of data.organizations) {
    kind.set(o.id, 'org');
    for (const lang of ['zh-TW', 'en'] as const) add(orgTitle(o, lang), o.id);
    add(o.names.zh, o.id);
    add(o.names.en, o.id);
    add(o.acronym, o.id);
  }
  for (const [k, list] of [
    ['place', data.places],
    ['alliance', data.alliances],
  ] as const) {
    for (const r of list) {
      kind.set(r.id, k);
      add(r.names.zh, r.id);
      add(r.names.en, r.id);
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const t of ids.keys()) {
    const first = t[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), t]);
  }
  for (const list of byFirst.values()) list.sort((x, y) => y.length - x.length);
  return { ids, kind, byFirst };
}

const WORDLIKE = /[\p{L}\p{N}]/u;
/** List markers and emphasis at the start of a line: •, -, >, #, "1.", spaces, a single * or _ (not bold). */
const MARKERS = /^(?:[\s>#•·◦▪~\-–—]+|\*(?!\*)|_(?!_)|\d{1,3}[.)]\s+)+/u;
/** A leading bold label followed by a dash: "**1901** — ", "**不詳（表列「--」）** — ". */
const BOLD_LABEL = /^\*\*([^*]+)\*\*\s*[—–-]+\s*/u;
const BOLD = /\*\*([^*\n]+)\*\*/gu;
/** What separates the items of a list: colons, dashes, enumeration commas, semicolons, 及, " and ". */
const SEPARATOR = /(?:[：:—–、,，;；及]|\band\b)\s*/gu;

/** The longest title that starts `text` at `at` and ends at a boundary. */
function titleAt(index: TitleIndex, text: string, at: number): string | undefined {
  for (const t of index.byFirst.get(text[at] ?? '') ?? []) {
    if (!text.startsWith(t, at)) continue;
    const next = text[at + t.length];
    if (next === undefined || !WORDLIKE.test(next)) return t;
  }
  return undefined;
}

/** Titles named by one line, in order: at its head, in a bold span, or starting a list item. */
function lineTitles(index: TitleIndex, line: string, lists: boolean): string[] {
  const found = new Map<number, string>();
  const tryAt = (at: number): void => {
    const t = titleAt(index, line, at);
    if (t && !found.has(at)) found.set(at, t);
  };
  const head = MARKERS.exec(line)?.[0].length ?? 0;
  tryAt(head);
  const label = BOLD_LABEL.exec(line.slice(head));
  if (label) tryAt(head + label[0].length);
  for (const m of line.matchAll(BOLD)) tryAt(m.index + 2 + (m[1]!.length - m[1]!.trimStart().length));
  for (const m of lists ? line.matchAll(SEPARATOR) : []) {
    const at = m.index + m[0].length;
    tryAt(at + (/^\*\*/.test(line.slice(at)) ? 2 : 0));
  }
  // A title inside a longer one found at an earlier position ("城市聯盟" in "世界城市聯盟") is not a second name.
  const out: string[] = [];
  let end = -1;
  for (const [at, t] of [...found].sort((x, y) => x[0] - y[0])) {
    if (at < end) continue;
    out.push(t);
    end = at + t.length;
  }
  return out;
}

/**
 * The records a payload names, in order of first appearance; `inEmbeds`: those named inside an embed. A
 * title two records share names the one whose kind the rest of its block (the content, or one embed)
 * names most, the organization when nothing else decides.
 */
export function namedIn(index: TitleIndex, p: Payload): { ids: string[]; inEmbeds: string[] } {
  const blocks: { texts: (string | undefined)[]; embed: boolean }[] = [{ texts: [p.content], embed: false }];
  for (const e of p.embeds ?? [])
    blocks.push({
      texts: [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])],
      embed: true,
    });
  const ids: string[] = [];
  const inEmbeds: string[] = [];
  for (const block of blocks) {
    const titles = block.texts.flatMap((text) =>
      (text ?? '').split('\n').flatMap((l) => lineTitles(index, l, block.embed)),
    );
    const kinds = new Map<string, number>();
    for (const t of titles) {
      const owners = index.ids.get(t) ?? [];
      if (owners.length === 1) {
        const k = index.kind.get(owners[0]!)!;
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
    }
    for (const t of titles) {
      const owners = index.ids.get(t) ?? [];
      const weight = (id: string) => kinds.get(index.kind.get(id)!) ?? 0;
      const id = owners.reduce<string | undefined>(
        (best, x) => (best && weight(best) >= weight(x) ? best : x),
        undefined,
      );
      if (!id) continue;
      if (!ids.includes(id)) ids.push(id);
      if (block.embed && !inEmbeds.includes(id)) inEmbeds.push(id);
    }
  }
  return { ids, inEmbeds };
}

/** The pager's "next" button, when the reply has one that is enabled: [prev] [page x of y (disabled)] [next]. */
function nextPage(p: Payload): string | undefined {
  for (const r of p.components ?? []) {
    const buttons = 'components' in r ? r.components : [];
    const [, middle, next] = buttons;
    if (buttons.length !== 3 || !middle || !next || middle.type !== 2 || next.type !== 2) continue;
    if (!('custom_id' in middle) || !middle.custom_id.endsWith(':x') || !middle.disabled) continue;
    if ('custom_id' in next && !next.disabled) return next.custom_id;
  }
  return undefined;
}

/** An `Answered` read off a reply (first page's text; ids over every page): see the header. */
export function extractAnswered(services: Services, index: TitleIndex, payload: Payload, lang: Lang): Answered {
  const first = namedIn(index, payload);
  const ids = [...first.ids];
  let page: Payload = payload;
  for (let n = 0; n < 100; n++) {
    const customId = nextPage(page);
    if (!customId) break;
    const reply = runComponent(services, { customId, user: USER, locale: lang });
    if (reply.outcome !== 'ok') break;
    page = reply.value.payload;
    for (const id of namedIn(index, page).ids) if (!ids.includes(id)) ids.push(id);
  }
  return { ids, payload, count: undefined, notCovered: first.inEmbeds.length === 0 };
}

/** What the handler wrapper of runCommand does for /ask, around either router: language, clean text, fit. */
function askVia(services: Services, answer: typeof currentAnswer, q: LabelledQuestion): Payload {
  const ctx = withLang(services, q.lang);
  const text = cleanText(q.q);
  if (!text.ok) throw new Error(`unclean labelled question ${q.q}`);
  return fitPayload(answer(ctx, text.text));
}

export function askRequest(q: { q: string; lang: Lang }): CommandRequest {
  return { command: 'ask', options: { question: q.q, lang: q.lang }, user: USER };
}

// ─── 1. Accuracy ──────────────────────────────────────────────────────────────────────────────

export interface ShapeScore {
  n: number;
  /** Fractions 0..1 of the questions answered right. */
  current: number;
  currentExtracted: number;
  previous: number;
}

export interface AccuracyReport {
  questions: number;
  byShape: Partial<Record<QuestionShape, ShapeScore>>;
  all: ShapeScore;
  /** Questions where the extraction judges the current reader as its own ids do. */
  agreement: { same: number; n: number };
  /** Wrong answers of the current reader (judge()), and where the extraction disagrees with it. */
  currentMisses: { q: string; shape: QuestionShape; problems: string[] }[];
  disagreements: { q: string; shape: QuestionShape; byIds: string[]; byReply: string[] }[];
  /** Questions on which the previous router threw (judged wrong, with an empty reply). */
  previousErrors: number;
}

export function accuracy(services: Services, questions: readonly LabelledQuestion[] = LABELLED): AccuracyReport {
  const index = titleIndex(services.data);
  const counts = new Map<QuestionShape | 'all', { n: number; cur: number; ext: number; prev: number }>();
  const bump = (key: QuestionShape | 'all', cur: boolean, ext: boolean, prev: boolean): void => {
    const c = counts.get(key) ?? { n: 0, cur: 0, ext: 0, prev: 0 };
    c.n += 1;
    c.cur += cur ? 1 : 0;
    c.ext += ext ? 1 : 0;
    c.prev += prev ? 1 : 0;
    counts.set(key, c);
  };
  const currentMisses: AccuracyReport['currentMisses'] = [];
  const disagreements: AccuracyReport['disagreements'] = [];
  let same = 0;
  let previousErrors = 0;
  for (const q of questions) {
    const now = answerNow(services, q);
    const byIds = problemsOf(q, now);
    const byReply = problemsOf(q, extractAnswered(services, index, now.payload, q.lang));
    let prevPayload: Payload;
    try {
      prevPayload = askVia(services, previousAnswer, q);
    } catch {
      previousErrors += 1;
      prevPayload = { content: '' };
    }
    const prev = problemsOf(q, extractAnswered(services, index, prevPayload, q.lang));
    const ok = byIds.length === 0;
    bump(q.shape, ok, byReply.length === 0, prev.length === 0);
    bump('all', ok, byReply.length === 0, prev.length === 0);
    if (!ok) currentMisses.push({ q: q.q, shape: q.shape, problems: byIds });
    if (ok === (byReply.length === 0)) same += 1;
    else disagreements.push({ q: q.q, shape: q.shape, byIds, byReply });
  }
  const score = (c: { n: number; cur: number; ext: number; prev: number } | undefined): ShapeScore => {
    const n = c?.n ?? 0;
    const f = (x: number) => (n === 0 ? 0 : x / n);
    return { n, current: f(c?.cur ?? 0), currentExtracted: f(c?.ext ?? 0), previous: f(c?.prev ?? 0) };
  };
  const byShape: AccuracyReport['byShape'] = {};
  for (const shape of QUESTION_SHAPES) if (counts.has(shape)) byShape[shape] = score(counts.get(shape));
  return {
    questions: questions.length,
    byShape,
    all: score(counts.get('all')),
    agreement: { same, n: questions.length },
    currentMisses,
    disagreements,
    previousErrors,
  };
}

// ─── Timing rows with p90 ──────────────────────────────────────────────────────────────────────

export interface LatencyRow extends TimingRow {
  /** µs, nearest rank, like the other percentiles. */
  p90: number;
}

function latencyRow(label: string, what: string, s: Samples, errors?: number): LatencyRow {
  const sorted = [...s.times].sort((a, b) => a - b);
  return { ...row(label, what, s, errors), p90: percentileSorted(sorted, 90) };
}

// ─── 2. Speed on the real dataset ──────────────────────────────────────────────────────────────

export interface AskSpeedReport {
  rows: LatencyRow[];
  questions: number;
  warmup: number;
  rounds: number;
  load: { start: number; end: number };
}

export function askSpeed(services: Services, rounds: number, warmup = 3): AskSpeedReport {
  const loadStart = load();
  const o = { warmup: Math.min(warmup, rounds), passes: rounds };
  const rows: LatencyRow[] = [];
  const timed = (label: string, what: string, fn: (q: LabelledQuestion) => { outcome: string }) => {
    progress(`understanding: ${label} (${LABELLED.length} questions × ${rounds})`);
    const c = counting(fn);
    rows.push(latencyRow(label, what, timeEach(LABELLED, c.fn, o), c.errors()));
  };
  timed('current /ask', 'runCommand (as the judge sends it)', (q) => runCommand(services, askRequest(q)));
  const guarded = (answer: typeof currentAnswer) => (q: LabelledQuestion) => {
    try {
      return { outcome: 'ok', value: askVia(services, answer, q) };
    } catch (error) {
      return { outcome: 'error', error };
    }
  };
  timed('current reader', 'lang → cleanText → answer → fitPayload', guarded(currentAnswer));
  timed('previous router', 'lang → cleanText → answer → fitPayload', guarded(previousAnswer));
  return { rows, questions: LABELLED.length, ...o, rounds, load: { start: loadStart, end: load() } };
}

// ─── 3. Scale: synthetic organizations as a real Dataset ───────────────────────────────────────

type VocabEntry = Pick<Topic | Area, 'id' | 'words'>;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Vocabulary tags a record's own texts support in both languages, each with its verbatim basis. */
export function tagsFor(
  texts: { zh: readonly string[]; en: readonly string[] },
  entries: readonly VocabEntry[],
): { id: string; basis: { zh: string; en: string } }[] {
  const out: { id: string; basis: { zh: string; en: string } }[] = [];
  for (const e of entries) {
    const zh = e.words.zh.find((w) => texts.zh.some((t) => t.includes(w)));
    if (!zh) continue;
    let en: string | undefined;
    for (const w of e.words.en) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}(?![\\p{L}\\p{N}])`, 'iu');
      for (const t of texts.en) {
        const m = re.exec(t);
        if (m) {
          en = m[0];
          break;
        }
      }
      if (en) break;
    }
    if (en) out.push({ id: e.id, basis: { zh, en } });
  }
  return out;
}

/** bench/synthetic.ts's seeded records as schema-valid Organizations (see the header). */
export function syntheticOrganizations(data: Dataset, count: number, seed: number): Organization[] {
  const docs = syntheticOrgs({ count, seed, avoid: datasetDocs(data).flatMap((d) => d.names) });
  const acronymUse = new Map<string, number>();
  for (const d of docs) {
    const a = d.names[2];
    if (a && /^[A-Z0-9]+$/.test(a)) acronymUse.set(a, (acronymUse.get(a) ?? 0) + 1);
  }
  const rand = prng(seed ^ 0x2545f491);
  const section = data.article.sections[0]!.id;
  return docs.map((d) => {
    const [zh = d.id, en = d.id, ...rest] = d.names;
    const third = rest[0];
    const acronym = third && /^[A-Z0-9]+$/.test(third) ? third : undefined;
    const aliases = rest.filter((n) => n !== acronym);
    const year = Number(/Founded in (\d{4})/.exec(d.content[1] ?? '')?.[1]);
    const summary = { zh: d.content[0] ?? zh, en: d.content[1] ?? en };
    const own = {
      zh: [zh, summary.zh, ...aliases, ...(acronym ? [acronym] : [])],
      en: [en, summary.en, ...aliases, ...(acronym ? [acronym] : [])],
    };
    const type = ORG_TYPES[Math.floor(rand() * ORG_TYPES.length)]!;
    return {
      id: d.id,
      names: { zh, en },
      englishName: 'translation' as const,
      ...(acronym && acronymUse.get(acronym) === 1 ? { acronym } : {}),
      type,
      founded: Number.isInteger(year) ? { kind: 'year', year } : { kind: 'unknown' },
      tableRows: [],
      summary,
      facts: [],
      links: [],
      aliases,
      topics: tagsFor(own, data.topics).map((t) => ({ topic: t.id, basis: t.basis })),
      areas: tagsFor(own, data.areas).map((t) => ({ area: t.id, basis: t.basis })),
      sections: [section],
      notes: [],
    };
  });
}

/** Filter and count questions, both languages, for the scale rows. */
export const SCALE_QUESTIONS: readonly { q: string; lang: Lang }[] = [
  { q: '2000年後成立的主題型組織', lang: 'zh-TW' },
  { q: 'how many organizations were founded before 1950', lang: 'en' },
  { q: 'organizations about the environment founded in the 1990s', lang: 'en' },
  { q: '有幾個綜合型組織', lang: 'zh-TW' },
  { q: '1980年代成立的組織有哪些？', lang: 'zh-TW' },
  { q: 'which national organizations were founded between 1960 and 1980?', lang: 'en' },
  { q: '與文化相關的組織有幾個？', lang: 'zh-TW' },
  { q: 'list the organizations in Europe', lang: 'en' },
  { q: '1950年以前成立的組織有哪些？', lang: 'zh-TW' },
  { q: 'how many thematic organizations are there?', lang: 'en' },
];

export interface ScaleQuestionRow {
  q: string;
  /** What the reader made of it and how many organizations its plan lists, on each dataset. */
  real: { intent: string; listed: number | null; medianUs: number };
  big: { intent: string; listed: number | null; synthetic: number | null; medianUs: number };
}

export interface UnderstandingScaleReport {
  seed: number;
  synthetic: number;
  records: number;
  build: { generateMs: number; writeMs: number; loadMs: number; searchMs: number };
  /** Synthetic organizations carrying at least one topic tag / area tag. */
  tagged: { topics: number; areas: number };
  questions: ScaleQuestionRow[];
  rows: LatencyRow[];
  rounds: number;
  load: { start: number; end: number };
}

function planSummary(services: Services, q: string): { intent: string; ids: string[] } {
  const outcome = execute(services.data, readQuestion(q, services));
  const ids = 'entries' in outcome ? outcome.orgs.map((o) => o.id) : [];
  return { intent: outcome.plan.intent, ids };
}

/** The real dataset plus `count` synthetic organizations, loaded and indexed the way createServices does. */
export async function bigServices(
  services: Services,
  count: number,
  seed: number,
): Promise<{ services: Services; synthetic: readonly Organization[]; build: UnderstandingScaleReport['build'] }> {
  const t0 = process.hrtime.bigint();
  const synthetic = syntheticOrganizations(services.data, count, seed);
  const generateMs = msSince(t0);
  const d = services.data;
  const dir = mkdtempSync(join(tmpdir(), 'bench-understanding-'));
  try {
    const t1 = process.hrtime.bigint();
    const files: Record<keyof typeof DATA_FILES, unknown> = {
      organizations: { $schemaVersion: 1, organizations: [...d.organizations, ...synthetic] },
      taiwan: {
        $schemaVersion: 1,
        overview: d.taiwanOverview,
        places: d.places,
        alliances: d.alliances,
        notes: d.taiwanNotes,
      },
      article: d.article,
      vocabulary: { $schemaVersion: 1, topics: d.topics, areas: d.areas },
    };
    for (const key of Object.keys(files) as (keyof typeof DATA_FILES)[])
      writeFileSync(join(dir, DATA_FILES[key]), JSON.stringify(files[key]));
    const writeMs = msSince(t1);
    const t2 = process.hrtime.bigint();
    const data = await loadDataset(dir, { cache: false });
    const loadMs = msSince(t2);
    const t3 = process.hrtime.bigint();
    const search = buildSearch(data);
    const searchMs = msSince(t3);
    return {
      services: { ...services, data, search },
      synthetic,
      build: { generateMs, writeMs, loadMs, searchMs },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function understandingScale(
  services: Services,
  options: { count: number; seed: number; rounds: number; warmup?: number },
): Promise<UnderstandingScaleReport> {
  const loadStart = load();
  progress(
    `understanding: ${options.count.toLocaleString('en-US')} synthetic organizations (seed ${options.seed}), written, loaded and validated`,
  );
  const big = await bigServices(services, options.count, options.seed);
  const syntheticIds = new Set(big.synthetic.map((o) => o.id));
  const o = { warmup: Math.min(options.warmup ?? 3, options.rounds), passes: options.rounds };
  const rows: LatencyRow[] = [];
  const perQuestion = new Map<string, { real: number; big: number }>();
  const medianOf = (s: Samples, i: number): number => {
    const own = s.times.filter((_, j) => j % s.items === i).sort((a, b) => a - b);
    return percentileSorted(own, 50);
  };
  for (const [label, svc] of [
    ['real', services],
    [`+${options.count.toLocaleString('en-US')}`, big.services],
  ] as const) {
    progress(`understanding: scale questions on the ${label} dataset (${SCALE_QUESTIONS.length} × ${options.rounds})`);
    const cmd = counting((q: { q: string; lang: Lang }) => runCommand(svc, askRequest(q)));
    const handler = timeEach(SCALE_QUESTIONS, cmd.fn, o);
    rows.push(latencyRow(`/ask, ${label}`, 'runCommand', handler, cmd.errors()));
    // Where the handler's time goes: reading the question (name mentions, vocabulary) and running the plan.
    rows.push(
      latencyRow(
        `  readQuestion, ${label}`,
        'read only',
        timeEach(SCALE_QUESTIONS, (q) => readQuestion(q.q, svc), o),
      ),
    );
    const plans = SCALE_QUESTIONS.map((q) => readQuestion(q.q, svc));
    rows.push(
      latencyRow(
        `  execute, ${label}`,
        'plan run only',
        timeEach(plans, (plan) => execute(svc.data, plan), o),
      ),
    );
    const prev = counting((q: { q: string; lang: Lang }) => {
      try {
        return { outcome: 'ok', value: fitPayload(previousAnswer(withLang(svc, q.lang), q.q)) };
      } catch (error) {
        return { outcome: 'error', error };
      }
    });
    rows.push(
      latencyRow(
        `previous router, ${label}`,
        'lang → answer → fitPayload',
        timeEach(SCALE_QUESTIONS, prev.fn, o),
        prev.errors(),
      ),
    );
    SCALE_QUESTIONS.forEach((q, i) => {
      const entry = perQuestion.get(q.q) ?? { real: Number.NaN, big: Number.NaN };
      entry[svc === services ? 'real' : 'big'] = medianOf(handler, i);
      perQuestion.set(q.q, entry);
    });
  }
  const questions = SCALE_QUESTIONS.map((q): ScaleQuestionRow => {
    const real = planSummary(services, q.q);
    const large = planSummary(big.services, q.q);
    const listed = (p: { intent: string; ids: string[] }) => (p.intent === 'list' ? p.ids.length : null);
    return {
      q: q.q,
      real: { intent: real.intent, listed: listed(real), medianUs: perQuestion.get(q.q)?.real ?? Number.NaN },
      big: {
        intent: large.intent,
        listed: listed(large),
        synthetic: large.intent === 'list' ? large.ids.filter((id) => syntheticIds.has(id)).length : null,
        medianUs: perQuestion.get(q.q)?.big ?? Number.NaN,
      },
    };
  });
  return {
    seed: options.seed,
    synthetic: big.synthetic.length,
    records: big.services.data.organizations.length,
    build: big.build,
    tagged: {
      topics: big.synthetic.filter((x) => x.topics.length > 0).length,
      areas: big.synthetic.filter((x) => x.areas.length > 0).length,
    },
    questions,
    rows,
    rounds: options.rounds,
    load: { start: loadStart, end: load() },
  };
}

// ─── The section ───────────────────────────────────────────────────────────────────────────────

export interface UnderstandingReport {
  accuracy: AccuracyReport;
  /** The held-out set (tests/fixtures/questions-heldout.ts): written apart from the reader; none of its questions special-cased. */
  heldout: AccuracyReport;
  speed: AskSpeedReport;
  scale: UnderstandingScaleReport;
}

export interface UnderstandingOptions {
  seed: number;
  /** Synthetic organizations for the scale rows (default 10,000). */
  synthetic?: number;
  /** Timed passes over the labelled questions (default 10) and over the scale questions (default 30). */
  rounds?: number;
  scaleRounds?: number;
  /** Untimed passes before each timed row (default 3; the smoke test uses 0). */
  warmup?: number;
}

export async function understanding(services: Services, options: UnderstandingOptions): Promise<UnderstandingReport> {
  progress(`understanding: accuracy on ${LABELLED.length} labelled questions, current reader and previous router`);
  const acc = accuracy(services);
  progress(`understanding: accuracy on ${HELDOUT_QUESTIONS.length} held-out questions`);
  const heldout = accuracy(services, HELDOUT_QUESTIONS);
  const speed = askSpeed(services, options.rounds ?? 10, options.warmup);
  const scale = await understandingScale(services, {
    count: options.synthetic ?? DEFAULT_COUNT,
    seed: options.seed,
    rounds: options.scaleRounds ?? 30,
    ...(options.warmup === undefined ? {} : { warmup: options.warmup }),
  });
  return { accuracy: acc, heldout, speed, scale };
}
