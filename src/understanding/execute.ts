/**
 * Runs a Plan over the dataset: which records answer it, in order, with the facts that make them answer.
 * Pure and language-free; the answers layer (src/answers/question.ts) turns an Outcome into a reply.
 */
import type { Dataset } from '../data/load.js';
import type { DomesticAlliance, Fact, Founded, Organization, Place } from '../data/schema.js';
import { fold } from '../search/normalize.js';
import * as L from './lexicon.js';
import type { Attribute, Filters, FoundingFilter, Plan } from './plan.js';
import { foldedText, longestShared } from './shared.js';

/** One organization with the founding value it is listed under (ICSC is listed under 1957 and 1993). */
export interface Listed {
  org: Organization;
  founded: Founded;
}

export interface FactHit {
  org: Organization;
  facts: Fact[];
}

/** A Taiwanese place with the events and facts that answer a reverse look-up about places. */
export interface PlaceHit {
  place: Place;
  facts: Array<Place['events'][number] | Fact>;
}

export type Outcome =
  | { plan: Extract<Plan, { intent: 'list' | 'superlative' }>; entries: Listed[]; orgs: Organization[] }
  | { plan: Extract<Plan, { intent: 'reverse' }>; hits: FactHit[]; placeHits: PlaceHit[] }
  | { plan: Extract<Plan, { intent: 'compare' }>; orgs: Organization[]; alliances: DomesticAlliance[] }
  | { plan: Extract<Plan, { intent: 'taiwan' }>; places: Place[]; orgs: Organization[]; alliances: DomesticAlliance[] }
  /** `related`: what the record's answer also names (a place's organizations, an alliance's members). */
  | { plan: Extract<Plan, { intent: 'lookup' }>; related: string[] }
  | { plan: Exclude<Plan, { intent: 'list' | 'superlative' | 'reverse' | 'compare' | 'taiwan' | 'lookup' }> };

/** An organization's founding values as the table gives them (its record's own when it has no rows). */
export function foundingValues(o: Organization): Founded[] {
  const values = o.tableRows.length > 0 ? o.tableRows.map((r) => r.founded) : [o.founded];
  const seen = new Set<string>();
  return values.filter((f) => {
    const key = JSON.stringify(f.kind === 'year' ? { kind: 'year', year: f.year } : f);
    if (seen.has(key) || f.kind === 'not-stated') return false;
    seen.add(key);
    return true;
  });
}

export function foundedMatches(filter: FoundingFilter, f: Founded): boolean {
  switch (filter.kind) {
    case 'unknown':
      return f.kind === 'unknown';
    case 'preparing':
      return f.kind === 'preparing';
    case 'years':
      return f.kind === 'year' && f.year >= (filter.from ?? -Infinity) && f.year <= (filter.to ?? Infinity);
  }
}

/** A topic and every narrower topic under it (energy under environment), or an area and what lies within. */
function closure(id: string, parents: ReadonlyArray<{ id: string; parent: string | undefined }>): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of parents) {
      if (p.parent && out.has(p.parent) && !out.has(p.id)) {
        out.add(p.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Sort key for founding values: years in order, then in preparation, unknown, unstated. */
export function foundedKey(f: Founded): number {
  switch (f.kind) {
    case 'year':
      return f.year * 100 + (f.month ?? 0);
    case 'preparing':
      return 900_000;
    case 'unknown':
      return 900_001;
    case 'not-stated':
      return 900_002;
  }
}

/** Organizations that meet one filter, kept in founding order both ways a list can be read. */
interface Slice {
  /** Every founding value of these organizations, in founding order. */
  values: Listed[];
  /** Each organization once, under its first founding value, in founding order. */
  firsts: Listed[];
  has: ReadonlySet<Organization>;
}

interface Indexed {
  all: Slice;
  /** Sort keys of all.values, for binary search over founding ranges. */
  keys: Float64Array;
  /** Organizations listed under more than one founding value (ICSC: 1957 and 1993). */
  multi: ReadonlySet<Organization>;
  /** One slice per filter value met so far ("type:thematic", "topic:culture"), built on first use. */
  slices: Map<string, Slice>;
}
const indexed = new WeakMap<Dataset, Indexed>();

/**
 * The organizations in founding order, sorted once per dataset, with a slice per filter value: a question
 * then walks only the smallest slice (or founding range) and checks the others by set membership, and the
 * order comes for free. Scanning and sorting every record per question cost 1-3 ms at 10,000 records.
 */
function indexOf(data: Dataset): Indexed {
  let x = indexed.get(data);
  if (!x) {
    const byKey = (a: Listed, b: Listed): number => foundedKey(a.founded) - foundedKey(b.founded);
    const values: Listed[] = [];
    const firsts: Listed[] = [];
    const multi = new Set<Organization>();
    for (const org of data.organizations) {
      const all = foundingValues(org);
      if (all.length > 1) multi.add(org);
      for (const f of all) values.push({ org, founded: f });
      firsts.push({ org, founded: all[0] ?? org.founded });
    }
    // Array.prototype.sort is stable: equal keys keep the dataset's order, as the per-question sort did.
    values.sort(byKey);
    firsts.sort(byKey);
    const all: Slice = { values, firsts, has: new Set(data.organizations) };
    x = { all, multi, keys: Float64Array.from(values, (e) => foundedKey(e.founded)), slices: new Map() };
    indexed.set(data, x);
  }
  return x;
}

function sliceOf(data: Dataset, key: string, keep: (o: Organization) => boolean): Slice {
  const x = indexOf(data);
  let slice = x.slices.get(key);
  if (!slice) {
    const firsts = x.all.firsts.filter((e) => keep(e.org));
    const has = new Set(firsts.map((e) => e.org));
    slice = { values: x.all.values.filter((e) => has.has(e.org)), firsts, has };
    x.slices.set(key, slice);
  }
  return slice;
}

/** The first index whose key is ≥ key (keys ascending). */
function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sort-key range [from, to] a founding filter selects (foundedKey's order: years, then the rest). */
function keyRange(filter: FoundingFilter): [number, number] {
  switch (filter.kind) {
    case 'preparing':
      return [900_000, 900_000];
    case 'unknown':
      return [900_001, 900_001];
    case 'years':
      return [
        filter.from === undefined ? -Infinity : filter.from * 100,
        filter.to === undefined ? 899_999 : filter.to * 100 + 99,
      ];
  }
}

/** The organizations (and the founding values they are listed under) that meet every filter. */
export function filtered(data: Dataset, filters: Filters): Listed[] {
  const slices: Slice[] = [];
  if (filters.type) {
    const type = filters.type;
    slices.push(sliceOf(data, `type:${type}`, (o) => o.type === type));
  }
  if (filters.table) slices.push(sliceOf(data, 'table', (o) => o.tableRows.length > 0));
  if (filters.topic) {
    const topics = closure(
      filters.topic,
      data.topics.map((t) => ({ id: t.id, parent: t.broader })),
    );
    slices.push(sliceOf(data, `topic:${filters.topic}`, (o) => o.topics.some((t) => topics.has(t.topic))));
  }
  if (filters.area) {
    const areas = closure(
      filters.area,
      data.areas.map((a) => ({ id: a.id, parent: a.within })),
    );
    slices.push(sliceOf(data, `area:${filters.area}`, (o) => o.areas.some((a) => areas.has(a.area))));
  }
  if (filters.taiwan) {
    const place = filters.taiwan.place;
    slices.push(
      sliceOf(data, `taiwan:${place ?? '*'}`, (o) => {
        const places = data.participantsOf(o.id);
        return place ? places.some((p) => p.id === place) : places.length > 0;
      }),
    );
  }
  const x = indexOf(data);
  slices.sort((a, b) => a.firsts.length - b.firsts.length);
  const [smallest = x.all, ...rest] = slices;
  const inRest = (e: Listed): boolean => rest.every((s) => s.has.has(e.org));
  const founded = filters.founded;
  if (!founded) return smallest.firsts.filter(inRest);
  const [from, to] = keyRange(founded);
  const start = lowerBound(x.keys, from);
  const end = lowerBound(x.keys, to + 1);
  // Walk whichever is shorter: the founding range, or the smallest slice's values checked against it.
  if (end - start <= smallest.values.length) {
    const out: Listed[] = [];
    for (let i = start; i < end; i++) {
      const e = x.all.values[i]!;
      if ((smallest === x.all || smallest.has.has(e.org)) && inRest(e) && foundedMatches(founded, e.founded))
        out.push(e);
    }
    return out;
  }
  return smallest.values.filter((e) => foundedMatches(founded, e.founded) && inRest(e));
}

/** Each listed organization once, in order; only those with several founding values can repeat. */
function distinctOrgs(data: Dataset, entries: readonly Listed[]): Organization[] {
  const { multi } = indexOf(data);
  const seen = new Set<Organization>();
  const out: Organization[] = [];
  for (const { org } of entries) {
    if (multi.has(org)) {
      if (seen.has(org)) continue;
      seen.add(org);
    }
    out.push(org);
  }
  return out;
}

const ATTRIBUTE_TOPICS: Record<Exclude<Attribute, 'any'>, ReadonlyArray<Fact['topic']>> = {
  headquarters: ['headquarters', 'structure', 'founding'],
  founders: ['founders', 'founding', 'history'],
  members: ['membership'],
  events: ['event', 'activities', 'history', 'founding', 'goals', 'other'],
  structure: ['structure'],
};

/** One question term, readied once per question: each fact then costs a look-up, not a new RegExp. */
type TermKey =
  | { kind: 'number'; re: RegExp }
  | { kind: 'han'; key: string; chars: number }
  | { kind: 'latin'; stem: string; credit: number };

function termKeys(keys: readonly string[]): TermKey[] {
  return keys
    .filter((key) => key.length > 0)
    .map((key): TermKey => {
      if (/^\d+$/.test(key)) return { kind: 'number', re: new RegExp(`(?<!\\d)${key}(?!\\d)`) };
      if (/[\u3400-\u9fff]/u.test(key)) return { kind: 'han', key, chars: [...key].length };
      return {
        kind: 'latin',
        stem: key.slice(0, Math.max(4, key.length - 2)),
        credit: 1 + Math.min(key.length, 8) / 8,
      };
    });
}

/** How well a fact's text holds the terms: the number of terms found, Han terms by their longest run. */
function termScore(t: string, keys: readonly TermKey[]): number {
  let score = 0;
  for (const k of keys) {
    if (k.kind === 'number') {
      if (k.re.test(t)) score += 2;
    } else if (k.kind === 'han') {
      // Han terms run on without spaces ("瑞士日内瓦成立"): credit the longest part the fact shares.
      const shared = longestShared(k.key, t);
      if (shared >= 2) score += shared / k.chars + shared / 8;
    } else if (t.includes(k.stem)) score += k.credit;
  }
  return score;
}

/** In how many of the dataset's facts each Han bigram occurs, and how many facts there are (per dataset). */
const bigramCounts = new WeakMap<Dataset, { facts: number; df: Map<string, number> }>();

function hanBigrams(text: string): Set<string> {
  const out = new Set<string>();
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    if (/^[\u3400-\u9fff]{2}$/u.test(pair)) out.add(pair);
  }
  return out;
}

function bigramsOf(data: Dataset): { facts: number; df: Map<string, number> } {
  let counts = bigramCounts.get(data);
  if (!counts) {
    const df = new Map<string, number>();
    const all = [
      ...data.organizations.flatMap((o) => o.facts),
      ...data.places.flatMap((p) => [...p.events, ...p.facts, ...p.memberships]),
      ...data.alliances.flatMap((a) => a.facts),
    ];
    for (const f of all) for (const b of hanBigrams(foldedText(f.text).zh.compact)) df.set(b, (df.get(b) ?? 0) + 1);
    counts = { facts: all.length, df };
    bigramCounts.set(data, counts);
  }
  return counts;
}

/**
 * The facts of one record that share most with the question's own words (its terms, the record's names
 * taken out): what a short answer shows first when the question asks more than its focus names ("What
 * did the CCRE adopt in 2004?", "加拿大市政聯盟的政策多久會重新檢視一次？"). A Chinese question runs on without
 * spaces, so its terms are matched by their bigrams, each weighted by how rare it is among the dataset's
 * facts (log N/df: "城市" and "組織" weigh next to nothing, "擴增" much), a score of 1 being one bigram found in
 * 2 % of the facts; Latin words and numbers are matched as the reverse look-ups match them. At most
 * `limit`, best first, none below 1 or below half the best.
 */
export function factsAsked<F extends { text: { zh: string; en: string } }>(
  data: Dataset,
  facts: readonly F[],
  terms: readonly string[],
  limit = 3,
): F[] {
  const folded = terms.map((t) => fold(t).replace(/ /g, '')).filter((t) => t.length > 0);
  const { facts: n, df } = bigramsOf(data);
  const weights = new Map<string, number>();
  for (const t of folded)
    for (const b of hanBigrams(t)) {
      const count = df.get(b) ?? 0;
      if (count > 0) weights.set(b, Math.log(n / count) / Math.log(50));
    }
  const keys = termKeys(folded.filter((t) => !/[\u3400-\u9fff]/u.test(t)));
  if (weights.size === 0 && keys.length === 0) return [];
  const scored = facts
    .map((f) => {
      const t = foldedText(f.text);
      let han = 0;
      for (const b of hanBigrams(t.zh.compact)) han += weights.get(b) ?? 0;
      const latin = keys.length > 0 ? Math.max(termScore(t.zh.compact, keys), termScore(t.en.compact, keys)) : 0;
      return { f, s: han + latin };
    })
    // One rare bigram, a Latin word (stem credit ≥ 1.1) or a number (2); less is a coincidence.
    .filter((x) => x.s >= 1)
    .sort((a, b) => b.s - a.s);
  const best = scored[0]?.s ?? 0;
  return scored
    .filter((x) => x.s >= best / 2)
    .slice(0, limit)
    .map((x) => x.f);
}

/** The other side of a merger: what the named organizations merged into, or merged with, or came from. */
function merger(data: Dataset, of: readonly string[], want: 'result' | 'partners'): FactHit[] {
  const named = new Set(of);
  const linked = (id: string, rel: string): string[] =>
    data
      .org(id)
      ?.links.filter((l) => l.rel === rel)
      .map((l) => l.id) ?? [];
  const results = [...new Set(of.flatMap((id) => linked(id, 'merged-into')))];
  const partners = results.flatMap((r) => linked(r, 'formed-by-merger-of')).filter((id) => !named.has(id));
  const origins = of.flatMap((id) => linked(id, 'formed-by-merger-of')).filter((id) => !named.has(id));
  const ids = [
    ...new Set(want === 'result' ? [...origins, ...results, ...partners] : [...origins, ...partners, ...results]),
  ];
  return ids
    .map((id) => data.org(id))
    .filter((o) => o !== undefined)
    .map((o) => ({
      org: o,
      facts: o.facts.filter((f) => {
        const t = foldedText(f.text);
        return L.has(L.MERGER, t.zh.chars) || L.has(L.MERGER, t.en.chars);
      }),
    }));
}

function reverse(data: Dataset, plan: Extract<Plan, { intent: 'reverse' }>): FactHit[] {
  if (plan.merger) return merger(data, plan.merger.of, plan.merger.want);
  if (plan.founder) {
    const founder = data.org(plan.founder);
    if (!founder) return [];
    const names = [founder.names.zh, founder.names.en, ...(founder.acronym ? [founder.acronym] : [])];
    return data.organizations
      .filter(
        (o) =>
          o.links.some((l) => l.rel === 'founded-by' && l.id === founder.id) ||
          founder.links.some((l) => l.rel === 'founded' && l.id === o.id),
      )
      .map((o) => ({
        org: o,
        facts: o.facts.filter(
          (f) => names.some((n) => f.text.zh.includes(n) || f.text.en.includes(n)) || f.topic === 'founders',
        ),
      }));
  }
  const topics = plan.attribute === 'any' ? undefined : ATTRIBUTE_TOPICS[plan.attribute];
  // A fact that names the attribute itself ("歐洲總部設在德國") beats one that merely shares the value
  // ("德國紐倫堡為歐洲領導城市") when the question asks for a headquarters.
  const named = plan.attribute === 'any' ? undefined : L.REVERSE_WORDS.find(([a]) => a === plan.attribute)?.[1];
  const keys = termKeys(plan.terms.map((term) => fold(term).replace(/ /g, '')));
  const scored = data.organizations.flatMap((o) => {
    const { best, facts } = bestFacts(topics ? o.facts.filter((f) => topics.includes(f.topic)) : o.facts, keys, (t) =>
      named && (named.test(t.zh.chars) || named.test(t.en.chars)) ? 1 : 0,
    );
    return best > 0 ? [{ hit: { org: o, facts }, score: best }] : [];
  });
  // Nothing under the attribute asked ("54個城市市長倡議成立" is a founding fact, not a membership one):
  // every fact is searched before the answer is "none".
  if (scored.length === 0 && topics) return reverse(data, { ...plan, attribute: 'any' });
  return topScored(scored);
}

/**
 * A record's facts that hold the question's terms, the best first and two more after it, with the best
 * score; `bonus` adds to a fact that already scores (one that names the attribute asked).
 */
function bestFacts<F extends { text: { zh: string; en: string } }>(
  all: readonly F[],
  keys: readonly TermKey[],
  bonus: (t: ReturnType<typeof foldedText>) => number = () => 0,
): { best: number; facts: F[] } {
  const facts: F[] = [];
  let best = 0;
  for (const f of all) {
    const t = foldedText(f.text);
    let s = Math.max(termScore(t.zh.compact, keys), termScore(t.en.compact, keys));
    if (s <= 0) continue;
    s += bonus(t);
    if (s > best) {
      best = s;
      facts.unshift(f);
    } else facts.push(f);
  }
  return { best, facts: facts.slice(0, 3) };
}

/** Only the records that hold the question's terms best: a fact sharing one word of three is not an answer. */
function topScored<H>(scored: ReadonlyArray<{ hit: H; score: number }>): H[] {
  let top = 0;
  for (const x of scored) if (x.score > top) top = x.score;
  return scored.filter((x) => x.score >= top - 1e-9).map((x) => x.hit);
}

/** The places whose events and facts hold the question's terms best (the same scoring as organizations). */
function reversePlaces(data: Dataset, plan: Extract<Plan, { intent: 'reverse' }>): PlaceHit[] {
  const keys = termKeys(plan.terms.map((term) => fold(term).replace(/ /g, '')));
  return topScored(
    data.places.flatMap((place) => {
      const { best, facts } = bestFacts<PlaceHit['facts'][number]>([...place.events, ...place.facts], keys);
      return best > 0 ? [{ hit: { place, facts }, score: best }] : [];
    }),
  );
}

export function execute(data: Dataset, plan: Plan): Outcome {
  switch (plan.intent) {
    case 'list': {
      const entries = filtered(data, plan.filters);
      return { plan, entries, orgs: distinctOrgs(data, entries) };
    }
    case 'superlative': {
      const dated = filtered(data, plan.filters).filter((e) => e.founded.kind === 'year');
      if (dated.length === 0) return { plan, entries: [], orgs: [] };
      const year = (e: Listed): number => (e.founded.kind === 'year' ? e.founded.year : 0);
      // filtered() keeps founding order, so the oldest year is the first one and the newest the last.
      const target = year((plan.order === 'oldest' ? dated[0] : dated[dated.length - 1])!);
      const entries = dated.filter((e) => year(e) === target);
      return { plan, entries, orgs: distinctOrgs(data, entries) };
    }
    case 'reverse':
      return plan.places
        ? { plan, hits: [], placeHits: reversePlaces(data, plan) }
        : { plan, hits: reverse(data, plan), placeHits: [] };
    case 'compare':
      return plan.of === 'alliances'
        ? { plan, orgs: [], alliances: plan.ids.map((id) => data.alliance(id)).filter((a) => a !== undefined) }
        : { plan, orgs: plan.ids.map((id) => data.org(id)).filter((o) => o !== undefined), alliances: [] };
    case 'taiwan': {
      if (plan.ask === 'participants') {
        const org = data.org(plan.org);
        const places = data
          .participantsOf(plan.org)
          .filter(
            (p) => !plan.founding || p.memberships.some((mm) => mm.org === plan.org && mm.kind === 'founding-member'),
          );
        return { plan, places, orgs: org ? [org] : [], alliances: [] };
      }
      if (plan.ask === 'any') {
        const within = plan.within ? data.alliance(plan.within) : undefined;
        const places = data.places.filter(
          (p) => p.memberships.length > 0 && (!within || within.members.includes(p.id)),
        );
        const orgs = [...new Set(places.flatMap((p) => p.memberships.map((mm) => mm.org)))]
          .map((id) => data.org(id))
          .filter((o) => o !== undefined);
        return { plan, places, orgs, alliances: within ? [within] : [] };
      }
      if (plan.ask === 'alliances') return { plan, places: [], orgs: [], alliances: [...data.alliances] };
      if (plan.ask === 'most-sisters') {
        const counted = data.places.filter((p) => p.sisterCityCount);
        const most = Math.max(0, ...counted.map((p) => p.sisterCityCount!.count));
        return { plan, places: counted.filter((p) => p.sisterCityCount!.count === most), orgs: [], alliances: [] };
      }
      const places = plan.places.map((id) => data.place(id)).filter((p) => p !== undefined);
      const sets = places.map((p) => new Set(p.memberships.map((mm) => mm.org)));
      const shared = [...(sets[0] ?? [])].filter((id) => sets.every((s) => s.has(id)));
      const alliances = data.alliances.filter(
        (a) => places.length > 0 && places.every((p) => a.members.includes(p.id)),
      );
      return { plan, places, orgs: shared.map((id) => data.org(id)).filter((o) => o !== undefined), alliances };
    }
    case 'lookup':
      return { plan, related: related(data, plan.record.kind, plan.record.id) };
    default:
      return { plan };
  }
}

function related(data: Dataset, kind: string, id: string): string[] {
  if (kind === 'place') {
    const p = data.place(id);
    return p ? [...new Set(p.memberships.map((m) => m.org)), ...data.alliancesOf(id).map((a) => a.id)] : [];
  }
  if (kind === 'alliance') {
    const a = data.alliance(id);
    return a ? [...a.members, ...(a.org ? [a.org] : [])] : [];
  }
  const o = data.org(id);
  return o ? [...data.participantsOf(id).map((p) => p.id), ...o.links.map((l) => l.id)] : [];
}

/** The record ids an outcome names as its answer, in order (tests and the benchmark check these). */
export function answerIds(outcome: Outcome): string[] {
  const p = outcome.plan;
  if ('entries' in outcome) return outcome.orgs.map((o) => o.id);
  if ('hits' in outcome) return [...outcome.placeHits.map((h) => h.place.id), ...outcome.hits.map((h) => h.org.id)];
  if ('places' in outcome)
    return [
      ...outcome.places.map((x) => x.id),
      ...outcome.orgs.map((o) => o.id),
      ...outcome.alliances.map((a) => a.id),
    ];
  if (p.intent === 'compare' && 'alliances' in outcome)
    return [...outcome.orgs.map((o) => o.id), ...outcome.alliances.map((a) => a.id)];
  if ('orgs' in outcome) return outcome.orgs.map((o) => o.id);
  if ('related' in outcome) return [outcome.plan.record.id, ...outcome.related];
  if (p.intent === 'suggest') return p.candidates.map((c) => c.id);
  return [];
}
