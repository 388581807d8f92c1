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

export type Outcome =
  | { plan: Extract<Plan, { intent: 'list' | 'superlative' }>; entries: Listed[]; orgs: Organization[] }
  | { plan: Extract<Plan, { intent: 'reverse' }>; hits: FactHit[] }
  | { plan: Extract<Plan, { intent: 'compare' }>; orgs: Organization[] }
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

interface Ordered {
  /** Every founding value of every organization, in founding order. */
  values: Listed[];
  /** Each organization once, under its first founding value, in founding order. */
  firsts: Listed[];
}
const ordered = new WeakMap<Dataset, Ordered>();

/**
 * The organizations in founding order, sorted once per dataset: a filter then keeps that order, so no
 * question sorts (at 10,000 records the sort was most of a list's time).
 */
function inFoundingOrder(data: Dataset): Ordered {
  let o = ordered.get(data);
  if (!o) {
    const byKey = (a: Listed, b: Listed): number => foundedKey(a.founded) - foundedKey(b.founded);
    const values: Listed[] = [];
    const firsts: Listed[] = [];
    for (const org of data.organizations) {
      const all = foundingValues(org);
      for (const f of all) values.push({ org, founded: f });
      firsts.push({ org, founded: all[0] ?? org.founded });
    }
    // Array.prototype.sort is stable: equal keys keep the dataset's order, as the per-question sort did.
    o = { values: values.sort(byKey), firsts: firsts.sort(byKey) };
    ordered.set(data, o);
  }
  return o;
}

/** The organizations (and the founding values they are listed under) that meet every filter. */
export function filtered(data: Dataset, filters: Filters): Listed[] {
  const topics = filters.topic
    ? closure(
        filters.topic,
        data.topics.map((t) => ({ id: t.id, parent: t.broader })),
      )
    : undefined;
  const areas = filters.area
    ? closure(
        filters.area,
        data.areas.map((a) => ({ id: a.id, parent: a.within })),
      )
    : undefined;
  const keep = (o: Organization): boolean => {
    if (filters.type && o.type !== filters.type) return false;
    if (filters.table && o.tableRows.length === 0) return false;
    if (topics && !o.topics.some((t) => topics.has(t.topic))) return false;
    if (areas && !o.areas.some((a) => areas.has(a.area))) return false;
    if (filters.taiwan) {
      const places = data.participantsOf(o.id);
      if (filters.taiwan.place ? !places.some((p) => p.id === filters.taiwan!.place) : places.length === 0)
        return false;
    }
    return true;
  };
  const { values, firsts } = inFoundingOrder(data);
  const founded = filters.founded;
  if (!founded) return firsts.filter((e) => keep(e.org));
  return values.filter((e) => foundedMatches(founded, e.founded) && keep(e.org));
}

function distinctOrgs(entries: readonly Listed[]): Organization[] {
  return [...new Set(entries.map((e) => e.org))];
}

const ATTRIBUTE_TOPICS: Record<Exclude<Attribute, 'any'>, ReadonlyArray<Fact['topic']>> = {
  headquarters: ['headquarters', 'structure', 'founding'],
  founders: ['founders', 'founding', 'history'],
  members: ['membership'],
  events: ['event', 'activities', 'history', 'founding', 'goals', 'other'],
  structure: ['structure'],
};

/** How well a fact's text holds the terms: the number of terms found, Han terms by their longest run. */
function termScore(t: string, keys: readonly string[]): number {
  let score = 0;
  for (const key of keys) {
    if (!key) continue;
    if (/^\d+$/.test(key)) {
      if (new RegExp(`(?<!\\d)${key}(?!\\d)`).test(t)) score += 2;
    } else if (/[\u3400-\u9fff]/u.test(key)) {
      // Han terms run on without spaces ("瑞士日内瓦成立"): credit the longest part the fact shares.
      const shared = longestShared(key, t);
      if (shared >= 2) score += shared / [...key].length + shared / 8;
    } else if (t.includes(key.slice(0, Math.max(4, key.length - 2)))) score += 1 + Math.min(key.length, 8) / 8;
  }
  return score;
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
  const keys = plan.terms.map((term) => fold(term).replace(/ /g, ''));
  const scored: Array<{ hit: FactHit; score: number }> = [];
  for (const o of data.organizations) {
    const facts: Fact[] = [];
    let best = 0;
    for (const f of o.facts) {
      if (topics && !topics.includes(f.topic)) continue;
      const t = foldedText(f.text);
      let s = Math.max(termScore(t.zh.compact, keys), termScore(t.en.compact, keys));
      if (s <= 0) continue;
      if (named && (named.test(t.zh.chars) || named.test(t.en.chars))) s += 1;
      if (s > best) {
        best = s;
        facts.unshift(f);
      } else facts.push(f);
    }
    if (best > 0) scored.push({ hit: { org: o, facts: facts.slice(0, 3) }, score: best });
  }
  // Nothing under the attribute asked ("54個城市市長倡議成立" is a founding fact, not a membership one):
  // every fact is searched before the answer is "none".
  if (scored.length === 0 && topics) return reverse(data, { ...plan, attribute: 'any' });
  if (scored.length === 0) return [];
  const top = Math.max(...scored.map((s) => s.score));
  // Only the records that hold the question's terms best: a fact sharing one word of three is not an answer.
  return scored.filter((s) => s.score >= top - 1e-9).map((s) => s.hit);
}

export function execute(data: Dataset, plan: Plan): Outcome {
  switch (plan.intent) {
    case 'list': {
      const entries = filtered(data, plan.filters);
      return { plan, entries, orgs: distinctOrgs(entries) };
    }
    case 'superlative': {
      const dated = filtered(data, plan.filters).filter((e) => e.founded.kind === 'year');
      if (dated.length === 0) return { plan, entries: [], orgs: [] };
      const year = (e: Listed): number => (e.founded.kind === 'year' ? e.founded.year : 0);
      const target = plan.order === 'oldest' ? Math.min(...dated.map(year)) : Math.max(...dated.map(year));
      const entries = dated.filter((e) => year(e) === target);
      return { plan, entries, orgs: distinctOrgs(entries) };
    }
    case 'reverse':
      return { plan, hits: reverse(data, plan) };
    case 'compare':
      return { plan, orgs: plan.ids.map((id) => data.org(id)).filter((o) => o !== undefined) };
    case 'taiwan': {
      if (plan.ask === 'participants') {
        const org = data.org(plan.org);
        return { plan, places: [...data.participantsOf(plan.org)], orgs: org ? [org] : [], alliances: [] };
      }
      if (plan.ask === 'any') {
        const places = data.places.filter((p) => p.memberships.length > 0);
        const orgs = [...new Set(places.flatMap((p) => p.memberships.map((mm) => mm.org)))]
          .map((id) => data.org(id))
          .filter((o) => o !== undefined);
        return { plan, places, orgs, alliances: [] };
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
  if ('hits' in outcome) return outcome.hits.map((h) => h.org.id);
  if ('places' in outcome)
    return [
      ...outcome.places.map((x) => x.id),
      ...outcome.orgs.map((o) => o.id),
      ...outcome.alliances.map((a) => a.id),
    ];
  if ('orgs' in outcome) return outcome.orgs.map((o) => o.id);
  if ('related' in outcome) return [outcome.plan.record.id, ...outcome.related];
  if (p.intent === 'suggest') return p.candidates.map((c) => c.id);
  return [];
}
