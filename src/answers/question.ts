/**
 * A read question, answered: every computed answer opens with one line saying how the question was read
 * (and the slash command that gives the same answer), then the focused answer, then the records. Lists page
 * with stateless buttons whose custom_id carries the whole plan's filters. /ask and @mentions answer with
 * these; the plan and its outcome come from src/understanding/.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { DomesticAlliance, Fact, Organization, Place } from '../data/schema.js';
import { TABLE_GROUPS } from '../data/enums.js';
import { fields, idCodec, INVALID, type Field, type StateOf } from '../kernel/custom-id.js';
import type { ComponentReply, Payload } from '../kernel/types.js';
import { foldChars } from '../search/normalize.js';
import { execute, factsAsked, foundingValues, type Outcome } from '../understanding/execute.js';
import type { Filters, Focus, FoundingFilter, Plan, RecordRef } from '../understanding/plan.js';
import { questionTerms, readFollowUp, readQuestion } from '../understanding/read.js';
import { withActions } from './actions.js';
import { rowsListed, timelineButton, withPictureButton } from './pictures.js';
import { orgBrief } from './brief.js';
import type { Ctx } from './context.js';
import { csvReply } from './csv.js';
import {
  COLORS,
  bullet,
  dateText,
  factLine,
  foundedText,
  noteLabel,
  orgTitle,
  pager,
  pick,
  placeWithRole,
  quoteUser,
  sectionLabel,
  slash,
  sourceFooter,
} from './format.js';
import { referencesText } from './article.js';
import { describeWhen, whenField, type When } from './founding.js';
import { orgCard, orgSearchAnswer } from './organization.js';
import { allianceMembers, placeCard, placeRecord, placeSearchAnswer } from './place.js';

export const LIST_PAGE_SIZE = 12;

const join = (ctx: Ctx, items: readonly string[]): string => items.join(ctx.lang === 'en' ? ', ' : '、');

function toWhen(f: FoundingFilter): When {
  if (f.kind !== 'years') return f;
  return {
    kind: 'range',
    ...(f.from !== undefined ? { from: f.from } : {}),
    ...(f.to !== undefined ? { to: f.to } : {}),
  };
}
function fromWhen(w: When): FoundingFilter | undefined {
  if (w.kind === 'all') return undefined;
  if (w.kind !== 'range') return w;
  return {
    kind: 'years',
    ...(w.from !== undefined ? { from: w.from } : {}),
    ...(w.to !== undefined ? { to: w.to } : {}),
  };
}

const ORDERS = ['list', 'oldest', 'newest'] as const;
const idOrDash: Field<string | undefined> = fields.optional(fields.recordId);
const foundedField: Field<FoundingFilter | undefined> = {
  encode: (f) => (f ? whenField.encode(toWhen(f)) : '-'),
  decode: (s) => {
    if (s === '-') return undefined;
    const w = whenField.decode(s);
    return w === INVALID ? INVALID : fromWhen(w);
  },
};
/** Taiwanese participation in a custom_id: `-` none, `*` any place, or a place id. */
const taiwanField: Field<Filters['taiwan']> = {
  encode: (t) => (t === undefined ? '-' : (t.place ?? '*')),
  decode: (s) => {
    if (s === '-') return undefined;
    if (s === '*') return {};
    const id = fields.recordId.decode(s);
    return id === INVALID ? INVALID : { place: id };
  },
};

/** What a computed list is: its order and every filter (a page id and an export id carry all of it). */
const LIST_SHAPE = {
  lang: fields.lang,
  order: fields.oneOf(ORDERS),
  founded: foundedField,
  type: fields.optional(fields.oneOf(TABLE_GROUPS)),
  topic: idOrDash,
  area: idOrDash,
  taiwan: taiwanField,
  table: fields.optional(fields.literal('t')),
};
/** `qa.2:<lang>:<order>:<founded>:<type>:<topic>:<area>:<taiwan>:<table>:<page>`: a page of a computed list. */
export const QA_PAGE = idCodec('qa', 2, { ...LIST_SHAPE, page: fields.page });
/** `qacsv:<lang>:<order>:…:<table>`: the whole computed list as a CSV file. */
export const QA_CSV = idCodec('qacsv', 1, LIST_SHAPE);

/** The list a state describes, as the plan that computes it. */
function listPlan(state: StateOf<typeof LIST_SHAPE>): Plan {
  const filters = filtersOf(state);
  return state.order === 'list'
    ? { intent: 'list', filters, count: false }
    : { intent: 'superlative', order: state.order, filters };
}

/** A click on a list's "Export CSV": every entry of the same plan, one row per organization. */
export function listCsv(ctx: Ctx, state: StateOf<typeof LIST_SHAPE>): ComponentReply | undefined {
  const outcome = execute(ctx.data, listPlan(state));
  if (!('entries' in outcome)) return undefined;
  return csvReply(
    ctx,
    outcome.entries.map((e) => ({ org: e.org, founded: [e.founded] })),
    'city-alliances-answer',
  );
}

function filtersOf(state: {
  founded: FoundingFilter | undefined;
  type: Filters['type'];
  topic: string | undefined;
  area: string | undefined;
  taiwan: Filters['taiwan'];
  table: 't' | undefined;
}): Filters {
  const f: Filters = {};
  if (state.founded) f.founded = state.founded;
  if (state.type) f.type = state.type;
  if (state.topic) f.topic = state.topic;
  if (state.area) f.area = state.area;
  if (state.taiwan) f.taiwan = state.taiwan;
  if (state.table) f.table = true;
  return f;
}

/** The filters in words: "1949年（含）以前成立、主題型、與「能源」相關". */
function conditions(ctx: Ctx, f: Filters): string[] {
  const out: string[] = [];
  if (f.founded) out.push(ctx.t('ask:cond.founded', { when: describeWhen(ctx, toWhen(f.founded)) }));
  if (f.type) out.push(ctx.t('ask:cond.type', { type: ctx.t(`common:types.${f.type}`) }));
  if (f.table) out.push(ctx.t('ask:cond.table'));
  const topic = f.topic ? ctx.data.topic(f.topic) : undefined;
  if (topic) out.push(ctx.t('ask:cond.topic', { topic: pick(topic.names, ctx.lang) }));
  const area = f.area ? ctx.data.area(f.area) : undefined;
  if (area) out.push(ctx.t('ask:cond.area', { area: pick(area.names, ctx.lang) }));
  if (f.taiwan) {
    const place = f.taiwan.place ? ctx.data.place(f.taiwan.place) : undefined;
    out.push(place ? ctx.t('ask:cond.place', { place: pick(place.names, ctx.lang) }) : ctx.t('ask:cond.taiwan'));
  }
  return out;
}

/** Where a list's facts come from, for its reading line. */
function basis(ctx: Ctx, f: Filters): string {
  const parts: string[] = [];
  if (f.founded) parts.push(ctx.t('ask:basis.founded'));
  if (f.type) parts.push(ctx.t('ask:basis.type'));
  if (f.topic || f.area) parts.push(ctx.t('ask:basis.tags'));
  if (f.taiwan) parts.push(ctx.t('ask:basis.taiwan'));
  return parts.length > 0 ? join(ctx, parts) : ctx.t('ask:basis.all');
}

/** The slash command giving the same list, when there is one. */
function listCommand(ctx: Ctx, f: Filters): string | undefined {
  const keys = Object.keys(f);
  if (f.founded && keys.every((k) => k === 'founded' || k === 'type')) {
    return `/founded when:${describeWhen(ctx, toWhen(f.founded))}${f.type ? ` type:${f.type}` : ''}`;
  }
  if (keys.length === 1 && f.type) return `/list type:${f.type}`;
  if (keys.length === 0) return '/list';
  return undefined;
}

function readingLine(ctx: Ctx, reading: string, command?: string): string {
  return ctx.t('ask:reading', { reading }) + (command ? ` ${ctx.t('ask:same', { command: slash(ctx, command) })}` : '');
}

function listLine(ctx: Ctx, org: Organization, founded: Organization['founded']): string {
  const flagged = org.notes.some((n) => n.about === 'founded') ? ' ⚠' : '';
  return `**${foundedText(ctx, founded)}** — ${orgTitle(org, ctx.lang)} · ${ctx.t(`common:types.${org.type}`)}${flagged}`;
}

/** A page of a list, count or superlative outcome. */
function listAnswer(ctx: Ctx, outcome: Extract<Outcome, { entries: unknown }>, page: number): Payload {
  const { plan, entries, orgs } = outcome;
  const filters = plan.filters;
  const conds = conditions(ctx, filters);
  const what = conds.length > 0 ? ctx.t('ask:orgsWith', { conds: join(ctx, conds) }) : ctx.t('ask:allOrgs');
  const n = orgs.length;
  const lines: string[] = [];
  let title: string;
  if (plan.intent === 'superlative') {
    lines.push(readingLine(ctx, ctx.t(`ask:read.${plan.order}`, { what, basis: ctx.t('ask:basis.founded') })));
    const first = entries[0];
    if (first) {
      lines.push(
        ctx.t(`ask:lead.${plan.order}`, {
          names: join(
            ctx,
            orgs.map((o) => `**${orgTitle(o, ctx.lang)}**`),
          ),
          founded: foundedText(ctx, first.founded),
        }),
      );
    }
    title = ctx.t(`ask:title.${plan.order}`, { what });
  } else {
    lines.push(
      readingLine(ctx, ctx.t('ask:read.list', { what, n, basis: basis(ctx, filters) }), listCommand(ctx, filters)),
    );
    if (plan.count) lines.push(ctx.t('ask:lead.count', { n, what }));
    if (filters.table && Object.keys(filters).length === 1) {
      const rows = ctx.data.organizations.reduce((sum, o) => sum + o.tableRows.length, 0);
      lines.push(ctx.t('ask:article.tableCount', { rows, orgs: n }));
    }
    title = ctx.t('ask:title.list', { what, n });
  }
  if (entries.length === 0) {
    lines.push(
      filters.topic && Object.keys(filters).length === 1
        ? ctx.t('ask:noneTagged', { topic: conds[0] ?? '' })
        : ctx.t('ask:noneListed', { what }),
    );
    if (filters.founded?.kind === 'years' && (filters.founded.from ?? 0) > 2006)
      lines.push(ctx.t('founded:afterArticle'));
    return { content: lines.join('\n') };
  }
  const pages = Math.ceil(entries.length / LIST_PAGE_SIZE);
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = entries.slice(current * LIST_PAGE_SIZE, (current + 1) * LIST_PAGE_SIZE).map((e) => {
    const line = listLine(ctx, e.org, e.founded);
    const tag = filters.topic
      ? (e.org.topics.find((t) => t.topic === filters.topic) ?? e.org.topics[0])
      : filters.area
        ? e.org.areas[0]
        : undefined;
    return tag && (filters.topic || filters.area)
      ? `${line}\n  ↳ ${ctx.t('ask:tagBasis', { basis: pick(tag.basis, ctx.lang) })}`
      : line;
  });
  const order = plan.intent === 'superlative' ? plan.order : 'list';
  const state: StateOf<typeof LIST_SHAPE> = {
    lang: ctx.lang,
    order,
    founded: filters.founded,
    type: filters.type,
    topic: filters.topic,
    area: filters.area,
    taiwan: filters.taiwan,
    table: filters.table ? 't' : undefined,
  };
  const idFor = (p: number): string => QA_PAGE.encode({ ...state, page: Math.max(0, Math.min(p, pages - 1)) });
  const twice = entries.length > n ? `\n\n${ctx.t('ask:listedTwice')}` : '';
  const payload: Payload = {
    content: lines.join('\n'),
    embeds: [
      {
        title,
        color: COLORS.founded,
        description: shown.join('\n') + twice,
        footer: { text: ctx.t('ask:listFooter', { date: dateText(ctx, ctx.data.article.date) }) },
      },
    ],
    ...(pages > 1 ? { components: [pager(ctx, current, pages, idFor)] } : {}),
  };
  return withPictureButton(
    withActions(ctx, payload, { cite: null, csv: QA_CSV.encode(state) }),
    timelineButton(ctx, rowsListed(entries)),
  );
}

/** A click on a list's pager: the same plan, another page. */
export function listPage(ctx: Ctx, state: ReturnType<typeof QA_PAGE.decode> & object): Payload {
  const outcome = execute(ctx.data, listPlan(state));
  return 'entries' in outcome
    ? listAnswer(ctx, outcome, state.page)
    : { content: ctx.t('common:errors.staleComponent') };
}

// — one record —

function factsOf(o: Organization, topics: ReadonlyArray<Fact['topic']>): Fact[] {
  return o.facts.filter((f) => topics.includes(f.topic));
}

function factsText(ctx: Ctx, facts: readonly Fact[]): string {
  return facts
    .map((f) => `${pick(f.text, ctx.lang)} [${sectionLabel(ctx, f.section)}]`)
    .join(ctx.lang === 'en' ? ' ' : '');
}

const FOCUS_TOPICS: Partial<Record<Focus, ReadonlyArray<Fact['topic']>>> = {
  headquarters: ['headquarters'],
  members: ['membership'],
  aims: ['goals'],
  activities: ['activities'],
  structure: ['structure'],
  events: ['event'],
  'founded-where': ['founding'],
};

/** The first line of an organization answer: the thing the question asked. */
export function orgLead(ctx: Ctx, o: Organization, focus: Focus): string | undefined {
  const name = orgTitle(o, ctx.lang);
  switch (focus) {
    case 'founded': {
      const flagged = o.notes.some((n) => n.about === 'founded') ? ` ${ctx.t('ask:lead.seeNote')}` : '';
      const values = foundingValues(o);
      const shown =
        values.length > 1 ? values.map((f) => foundedText(ctx, f)).join(' / ') : foundedText(ctx, o.founded);
      return ctx.t('ask:lead.founded', { name, founded: shown }) + flagged;
    }
    case 'founders': {
      const founders = o.links
        .filter((l) => l.rel === 'founded-by')
        .map((l) => ctx.data.org(l.id))
        .filter((x) => x !== undefined)
        .map((x) => `**${orgTitle(x, ctx.lang)}**`);
      const facts = factsOf(o, ['founders', 'founding']);
      if (founders.length > 0) return ctx.t('ask:lead.founders', { name, founders: join(ctx, founders) });
      if (facts.length > 0) return ctx.t('ask:lead.fact', { name, text: factsText(ctx, facts) });
      return ctx.t('ask:lead.foundersUnknown', { name });
    }
    case 'website': {
      const sites = [...new Set(o.tableRows.flatMap((r) => r.websites.map((w) => `<${w.url}>`)))];
      return sites.length > 0
        ? ctx.t('ask:lead.website', { name, sites: sites.join(' ') })
        : ctx.t('ask:lead.websiteUnknown', { name });
    }
    case 'taiwan':
    case 'orgs': {
      const participants = ctx.data.participantsOf(o.id);
      if (participants.length === 0) return ctx.t('ask:lead.noParticipants', { name });
      // How each takes part, in the article's words: a member, a founding member, on a board, at a conference.
      const how = participants
        .slice(0, 5)
        .flatMap((p) =>
          p.memberships
            .filter((mm) => mm.org === o.id)
            .map((mm) =>
              bullet(`${pick(p.names, ctx.lang)} — ${pick(mm.text, ctx.lang)} [${sectionLabel(ctx, mm.section)}]`),
            ),
        );
      return [participantsLead(ctx, o.id, name, participants), ...how].join('\n');
    }
    default: {
      const topics = FOCUS_TOPICS[focus];
      if (!topics) return undefined;
      const facts = factsOf(o, topics);
      if (facts.length > 0) return ctx.t('ask:lead.fact', { name, text: factsText(ctx, facts) });
      return ctx.t(`ask:lead.unknown.${focus as 'headquarters'}`, { name });
    }
  }
}

/**
 * The record's facts the question's own words point to, as bullets with their sections, leaving out what
 * the lead already says: "What did the CCRE adopt in 2004?" is answered by its 2004 fact even though no
 * focus names adoptions. At most three, so the short answer stays short.
 */
function askedLines(
  ctx: Ctx,
  question: string,
  names: readonly string[],
  facts: readonly Pick<Fact, 'text' | 'section' | 'date' | 'roc'>[],
  lead: string | undefined,
): string[] {
  const terms = questionTerms(question, names);
  return factsAsked(ctx.data, facts, terms)
    .filter((f) => !lead?.includes(pick(f.text, ctx.lang)))
    .map((f) => factLine(ctx, f));
}

function lookupAnswer(ctx: Ctx, plan: Extract<Plan, { intent: 'lookup' }>, question: string): Payload {
  const { record, focus } = plan;
  if (record.kind === 'org') {
    const o = ctx.data.org(record.id);
    if (!o) return notCovered(ctx, { intent: 'not-covered', reason: 'nothing', near: [] }, '');
    const reading = readingLine(
      ctx,
      ctx.t(`ask:read.focus.${focus}`, { name: orgTitle(o, ctx.lang) }),
      `/org query:${o.acronym ?? pick(o.names, ctx.lang)}`,
    );
    const lead = orgLead(ctx, o, focus);
    const names = [o.names.zh, o.names.en, ...(o.acronym ? [o.acronym] : []), ...o.aliases];
    const asked = askedLines(ctx, question, names, o.facts, lead);
    return orgCard(ctx, o, [reading, lead, ...asked].filter(Boolean).join('\n'), true);
  }
  const r = placeRecord(ctx, record.id);
  if (!r) return notCovered(ctx, { intent: 'not-covered', reason: 'nothing', near: [] }, '');
  const name = pick(r.names, ctx.lang);
  const reading = readingLine(ctx, ctx.t(`ask:read.focus.${focus}`, { name }), `/taiwan city:${name}`);
  const lead = 'memberships' in r ? placeLead(ctx, r, focus) : allianceLead(ctx, r, focus);
  const facts = 'memberships' in r ? [...r.events, ...r.facts, ...r.memberships] : r.facts;
  const asked = askedLines(ctx, question, [r.names.zh, r.names.en, ...r.aliases], facts, lead);
  return placeCard(ctx, r, [reading, lead, ...asked].filter(Boolean).join('\n'), true);
}

function placeLead(ctx: Ctx, p: NonNullable<ReturnType<Ctx['data']['place']>>, focus: Focus): string | undefined {
  const name = pick(p.names, ctx.lang);
  switch (focus) {
    case 'first-sister': {
      const dated = p.ties.filter((t) => t.kind === 'sister-city' && t.year !== undefined);
      const first = [...dated].sort((a, b) => (a.year ?? 0) - (b.year ?? 0))[0];
      return first
        ? ctx.t('ask:lead.firstSister', { name, partner: pick(first.partner, ctx.lang), year: first.year })
        : ctx.t('ask:lead.sisterUnknown', { name });
    }
    case 'sister': {
      const parts: string[] = [];
      if (p.sisterCityCount)
        parts.push(
          ctx.t('ask:lead.sisterCount', {
            name,
            n: p.sisterCityCount.count,
            asOf: dateText(ctx, p.sisterCityCount.asOf),
          }),
        );
      if (p.ties.length > 0)
        parts.push(
          join(
            ctx,
            p.ties.map(
              (t) => `${ctx.t(`taiwan:tie.${t.kind}`)}: ${pick(t.partner, ctx.lang)}${t.year ? ` (${t.year})` : ''}`,
            ),
          ),
        );
      return parts.length > 0 ? parts.join(' ') : ctx.t('ask:lead.sisterUnknown', { name });
    }
    case 'general':
      return undefined;
    default: {
      const orgs = [...new Set(p.memberships.map((m) => m.org))]
        .map((id) => ctx.data.org(id))
        .filter((o) => o !== undefined)
        .map((o) => orgTitle(o, ctx.lang));
      const alliances = ctx.data.alliancesOf(p.id).map((a) => pick(a.names, ctx.lang));
      const line =
        orgs.length > 0
          ? ctx.t('ask:lead.placeOrgs', { name, n: orgs.length, orgs: join(ctx, orgs) })
          : ctx.t('ask:lead.placeNoOrgs', { name });
      return alliances.length > 0
        ? `${line} ${ctx.t('ask:lead.placeAlliances', { alliances: join(ctx, alliances) })}`
        : line;
    }
  }
}

function allianceLead(ctx: Ctx, a: NonNullable<ReturnType<Ctx['data']['alliance']>>, focus: Focus): string | undefined {
  const name = pick(a.names, ctx.lang);
  if (focus === 'founded') return ctx.t('ask:lead.established', { name, date: dateText(ctx, a.established) });
  if (focus === 'general') return undefined;
  if (focus === 'events') {
    const events = a.facts.filter((f) => f.topic === 'event');
    if (events.length > 0) return events.map((f) => factLine(ctx, f)).join('\n');
  }
  const members = a.members
    .map((id) => ctx.data.place(id))
    .filter((p) => p !== undefined)
    .map((p) => pick(p.names, ctx.lang));
  if (members.length === 0)
    return a.counted
      ? ctx.t('ask:lead.membersCounted', { name, text: pick(a.counted.text, ctx.lang) })
      : ctx.t('taiwan:membersNone');
  const later = a.facts.find((f) => /陸續加入|later joined|joined later/.test(`${f.text.zh} ${f.text.en}`));
  return (
    ctx.t('ask:lead.allianceMembers', { name, n: members.length, members: join(ctx, members) }) +
    (later ? ` ${pick(later.text, ctx.lang)}` : '')
  );
}

/**
 * Who takes part in an organization, members apart from places that only attended a conference it held
 * (Tainan and the WTA): the article makes only the first members, and the answer must not say more.
 */
function participantsLead(ctx: Ctx, orgId: string, name: string, places: readonly Place[]): string {
  const attendedOnly = (p: Place): boolean => p.memberships.every((m) => m.org !== orgId || m.kind === 'attended');
  const members = places.filter((p) => !attendedOnly(p));
  const attended = places.filter(attendedOnly);
  return [
    members.length > 0
      ? ctx.t('ask:lead.participants', {
          name,
          places: join(
            ctx,
            members.map((p) => placeWithRole(ctx, p, orgId)),
          ),
        })
      : ctx.t('ask:lead.noMembers', { name }),
    ...(attended.length > 0
      ? [
          ctx.t('ask:lead.attendedOnly', {
            name,
            places: join(
              ctx,
              attended.map((p) => pick(p.names, ctx.lang)),
            ),
          }),
        ]
      : []),
  ].join(' ');
}

// — reverse, compare, Taiwan —

function attributeLabel(ctx: Ctx, plan: Extract<Plan, { intent: 'reverse' }>): string {
  return ctx.t(`ask:attribute.${plan.attribute}`);
}

/** A term as the user typed it (terms are matched folded: Simplified, lower case). */
function asTyped(question: string, term: string): string {
  const o = question.normalize('NFKC');
  const chars = [...o];
  const n = [...term].length;
  for (let i = 0; i + n <= chars.length; i++) {
    const piece = chars.slice(i, i + n).join('');
    if (foldChars(piece) === term) return piece;
  }
  return term;
}

function reverseAnswer(ctx: Ctx, outcome: Extract<Outcome, { hits: unknown }>, question: string): Payload {
  const { plan, hits } = outcome;
  const founder = plan.founder ? ctx.data.org(plan.founder) : undefined;
  const reading = founder
    ? ctx.t('ask:read.founder', { founder: orgTitle(founder, ctx.lang) })
    : plan.places
      ? ctx.t('ask:read.reversePlaces', { terms: plan.terms.map((t) => quoteUser(asTyped(question, t))).join(' ') })
      : ctx.t('ask:read.reverse', {
          attribute: attributeLabel(ctx, plan),
          terms: plan.terms.map((t) => quoteUser(asTyped(question, t))).join(' '),
        });
  const { placeHits } = outcome;
  if (hits.length === 0 && placeHits.length === 0) {
    return {
      content: `${readingLine(ctx, reading)}\n${ctx.t('ask:notCovered.nothing', { question: quoteUser(question) })}\n${ctx.t('ask:tryHint', { help: slash(ctx, '/help') })}`,
    };
  }
  if (placeHits.length > 0) {
    // The places first, each with what it did; one place shows its whole record after.
    const lines = placeHits.map(
      (h) => `**${pick(h.place.names, ctx.lang)}**\n${h.facts.map((f) => factLine(ctx, f)).join('\n')}`,
    );
    const content = `${readingLine(ctx, reading)}\n${lines.slice(0, 5).join('\n')}`;
    const only = placeHits.length === 1 ? placeRecord(ctx, placeHits[0]!.place.id) : undefined;
    return only ? placeCard(ctx, only, content, true) : { content };
  }
  const lines = hits.map((h) => {
    const facts = h.facts.length > 0 ? h.facts.map((f) => factLine(ctx, f)).join('\n') : '';
    return `**${orgTitle(h.org, ctx.lang)}**${facts ? `\n${facts}` : ''}`;
  });
  const first = hits[0]!;
  const content = `${readingLine(ctx, reading)}\n${lines.slice(0, 5).join('\n')}`;
  if (hits.length === 1) return orgCard(ctx, first.org, content, true);
  return {
    content,
    embeds: [
      {
        title: ctx.t('ask:title.reverse', { n: hits.length }),
        color: COLORS.list,
        description: hits
          .map((h) => bullet(`${orgTitle(h.org, ctx.lang)} — ${foundedText(ctx, h.org.founded)}`))
          .join('\n'),
      },
    ],
  };
}

/**
 * Taiwan's domestic alliances side by side: which was set up first (by the dates the article gives), then
 * each alliance's card. No slash command compares them; /taiwan shows each one.
 */
function compareAlliances(
  ctx: Ctx,
  plan: Extract<Plan, { intent: 'compare' }>,
  alliances: readonly DomesticAlliance[],
): Payload {
  const names = alliances.map((a) => pick(a.names, ctx.lang));
  const ask = plan.ask === 'same' ? 'side-by-side' : plan.ask;
  const lines = [readingLine(ctx, ctx.t(`ask:read.compare.${ask}`, { names: join(ctx, names) }))];
  if (ask === 'older' || ask === 'newer') {
    // Partial ISO dates ("1993", "1999-01") order as strings; only the years are compared for a tie.
    const sorted = [...alliances].sort((a, b) => a.established.localeCompare(b.established));
    const pickOne = ask === 'older' ? sorted[0]! : sorted[sorted.length - 1]!;
    const year = pickOne.established.slice(0, 4);
    lines.push(
      sorted.filter((a) => a.established.slice(0, 4) === year).length > 1
        ? ctx.t('ask:lead.sameYearAlliances', { year })
        : ctx.t(`ask:lead.${ask}Alliance`, {
            name: pick(pickOne.names, ctx.lang),
            date: dateText(ctx, pickOne.established),
            others: join(
              ctx,
              sorted
                .filter((a) => a !== pickOne)
                .map((a) => `${pick(a.names, ctx.lang)} (${dateText(ctx, a.established)})`),
            ),
          }),
    );
  }
  const embeds = alliances.flatMap((a) => placeCard(ctx, a).embeds ?? []);
  return { content: lines.join('\n'), embeds };
}

function compareAnswer(ctx: Ctx, outcome: Extract<Outcome, { plan: { intent: 'compare' } }>): Payload {
  if (outcome.plan.intent === 'compare' && 'alliances' in outcome && outcome.plan.of === 'alliances')
    return compareAlliances(ctx, outcome.plan, outcome.alliances);
  const { plan, orgs } = outcome as { plan: Extract<Plan, { intent: 'compare' }>; orgs: Organization[] };
  const names = orgs.map((o) => orgTitle(o, ctx.lang));
  // The ids are what /compare's autocomplete sends, so the command shown runs as written.
  const command = `/compare ${orgs.map((o, i) => `${['first', 'second', 'third'][i]}:${o.id}`).join(' ')}`;
  const lines = [readingLine(ctx, ctx.t(`ask:read.compare.${plan.ask}`, { names: join(ctx, names) }), command)];
  lines.push(...compareLeads(ctx, plan.ask, orgs));
  return { content: lines.join('\n'), embeds: compareEmbeds(ctx, orgs) };
}

/** The line that answers "which is older" or "are they the same" before the side-by-side. */
export function compareLeads(
  ctx: Ctx,
  ask: 'side-by-side' | 'older' | 'newer' | 'same',
  orgs: readonly Organization[],
): string[] {
  const out: string[] = [];
  if (ask === 'older' || ask === 'newer') {
    const dated = orgs
      .map((o) => ({ o, f: foundingValues(o).find((f) => f.kind === 'year') }))
      .filter(
        (x): x is { o: Organization; f: Extract<Organization['founded'], { kind: 'year' }> } => x.f?.kind === 'year',
      );
    if (dated.length < orgs.length || dated.length < 2) out.push(ctx.t('ask:lead.cannotOrder'));
    else {
      const sorted = [...dated].sort((a, b) => a.f.year - b.f.year);
      const pickOne = ask === 'older' ? sorted[0]! : sorted[sorted.length - 1]!;
      const tie = sorted.filter((x) => x.f.year === pickOne.f.year).length > 1;
      out.push(
        tie
          ? ctx.t('ask:lead.sameYear', { year: pickOne.f.year })
          : ctx.t(`ask:lead.${ask}`, {
              name: orgTitle(pickOne.o, ctx.lang),
              year: pickOne.f.year,
              others: join(
                ctx,
                sorted.filter((x) => x !== pickOne).map((x) => `${orgTitle(x.o, ctx.lang)} (${x.f.year})`),
              ),
            }),
      );
    }
  }
  if (ask === 'same') {
    const [a, b] = orgs;
    if (a && b) {
      const same = a.links.some((l) => l.rel === 'same-as' && l.id === b.id);
      out.push(
        same
          ? ctx.t('ask:lead.same', { a: orgTitle(a, ctx.lang), b: orgTitle(b, ctx.lang) })
          : ctx.t('ask:lead.notSame', { a: orgTitle(a, ctx.lang), b: orgTitle(b, ctx.lang) }),
      );
    }
  }
  // How the records are linked (merged into, founded by), in either direction.
  for (const a of orgs) {
    for (const l of a.links) {
      const b = orgs.find((o) => o.id === l.id);
      if (b) out.push(bullet(`${orgTitle(a, ctx.lang)} — ${ctx.t(`org:rel.${l.rel}`)}: ${orgTitle(b, ctx.lang)}`));
    }
  }
  return out;
}

/** One embed per organization with the same fields in the same order, so they read side by side. */
export function compareEmbeds(ctx: Ctx, orgs: readonly Organization[]): APIEmbed[] {
  return orgs.map((o) => {
    const first = (topics: ReadonlyArray<Fact['topic']>): string => {
      const facts = factsOf(o, topics);
      return facts.length > 0
        ? facts
            .slice(0, 2)
            .map((f) => pick(f.text, ctx.lang))
            .join(' ')
        : ctx.t('ask:compare.notStated');
    };
    const places = ctx.data.participantsOf(o.id).map((p) => placeWithRole(ctx, p, o.id));
    const values = foundingValues(o);
    const embedFields: APIEmbedField[] = [
      { name: ctx.t('common:fields.type'), value: ctx.t(`common:types.${o.type}`), inline: true },
      {
        name: ctx.t('common:fields.founded'),
        value: values.length > 1 ? values.map((f) => foundedText(ctx, f)).join(' / ') : foundedText(ctx, o.founded),
        inline: true,
      },
      { name: ctx.t('org:fields.headquarters'), value: first(['headquarters']) },
      { name: ctx.t('org:fields.membership'), value: first(['membership']) },
      { name: ctx.t('org:fields.goals'), value: first(['goals']) },
      { name: ctx.t('org:fields.taiwan'), value: places.length > 0 ? join(ctx, places) : ctx.t('org:noTaiwan') },
    ];
    return {
      title: orgTitle(o, ctx.lang),
      description: pick(o.summary, ctx.lang),
      color: COLORS.org,
      fields: embedFields,
      footer: sourceFooter(ctx, o.sections),
    };
  });
}

function taiwanAnswer(ctx: Ctx, outcome: Extract<Outcome, { places: unknown }>, question: string): Payload {
  const { plan, places, orgs } = outcome;
  if (plan.ask === 'participants') {
    const o = orgs[0];
    const name = o ? orgTitle(o, ctx.lang) : plan.org;
    const reading = readingLine(
      ctx,
      ctx.t(plan.founding ? 'ask:read.foundingParticipants' : 'ask:read.participants', { name }),
      o ? `/org query:${o.acronym ?? pick(o.names, ctx.lang)}` : undefined,
    );
    const lines = places.map((p) => {
      const roles = p.memberships
        .filter((m) => m.org === plan.org)
        .map((m) => `${pick(m.text, ctx.lang)} [${sectionLabel(ctx, m.section)}]`);
      return bullet(`**${placeWithRole(ctx, p, plan.org)}** — ${roles.join('; ')}`);
    });
    const lead = plan.founding
      ? places.length > 0
        ? ctx.t('ask:lead.foundingParticipants', {
            name,
            places: join(
              ctx,
              places.map((p) => pick(p.names, ctx.lang)),
            ),
          })
        : ctx.t('ask:lead.noFoundingParticipants', { name })
      : places.length > 0
        ? participantsLead(ctx, plan.org, name, places)
        : ctx.t('ask:lead.noParticipants', { name });
    // Founding members asked: the places are the answer; the record (every participant) is one /org away.
    const content = [reading, lead, ...lines].join('\n');
    if (plan.founding || !o) return { content };
    return withActions(ctx, { content, embeds: [orgBrief(ctx, o)] }, { full: o.id, cite: o.id });
  }
  if (plan.ask === 'alliances') {
    const reading = readingLine(ctx, ctx.t('ask:read.alliances'), '/taiwan');
    const lines = outcome.alliances.map((a) => {
      return bullet(`**${pick(a.names, ctx.lang)}** (${dateText(ctx, a.established)}) — ${allianceMembers(ctx, a)}`);
    });
    return {
      content: `${reading}\n${ctx.t('ask:lead.alliances', { n: outcome.alliances.length })}`,
      embeds: [
        {
          title: ctx.t('ask:title.alliances', { n: outcome.alliances.length }),
          color: COLORS.taiwan,
          description: lines.join('\n'),
          footer: sourceFooter(ctx, ['肆、一']),
        },
      ],
    };
  }
  if (plan.ask === 'most-sisters') {
    const reading = readingLine(ctx, ctx.t('ask:read.mostSisters'));
    const counted = ctx.data.places.filter((p) => p.sisterCityCount);
    const top = places[0];
    const lines = [...counted]
      .sort((a, b) => b.sisterCityCount!.count - a.sisterCityCount!.count)
      .map((p) =>
        bullet(
          `${pick(p.names, ctx.lang)}: ${p.sisterCityCount!.count} (${dateText(ctx, p.sisterCityCount!.asOf)}) [${sectionLabel(ctx, p.sisterCityCount!.section)}]`,
        ),
      );
    const lead = top?.sisterCityCount
      ? ctx.t('ask:lead.mostSisters', { name: pick(top.names, ctx.lang), n: top.sisterCityCount.count })
      : ctx.t('ask:notCovered.nothing', { question: quoteUser(question) });
    return { content: [reading, lead, ctx.t('ask:lead.sistersCounted'), ...lines].join('\n') };
  }
  if (plan.ask === 'any') {
    const within = plan.within ? ctx.data.alliance(plan.within) : undefined;
    const reading = within
      ? readingLine(ctx, ctx.t('ask:read.anyTaiwanWithin', { alliance: pick(within.names, ctx.lang) }))
      : readingLine(ctx, ctx.t('ask:read.anyTaiwan'), '/taiwan');
    const lines = places.map((p) => {
      const names = [...new Set(p.memberships.map((m) => m.org))]
        .map((id) => ctx.data.org(id))
        .filter((o) => o !== undefined)
        .map((o) => orgTitle(o, ctx.lang));
      return bullet(`**${pick(p.names, ctx.lang)}** — ${join(ctx, names)}`);
    });
    return {
      content: `${reading}\n${ctx.t('ask:lead.anyTaiwan', { n: places.length, m: orgs.length })}`,
      embeds: [
        {
          title: ctx.t('ask:title.anyTaiwan', { n: places.length }),
          color: COLORS.taiwan,
          description: lines.join('\n'),
          footer: sourceFooter(ctx, ['肆、二']),
        },
      ],
    };
  }
  const names = places.map((p) => pick(p.names, ctx.lang));
  const reading = readingLine(ctx, ctx.t('ask:read.shared', { names: join(ctx, names) }));
  const lead =
    orgs.length > 0
      ? ctx.t('ask:lead.shared', {
          names: join(ctx, names),
          orgs: join(
            ctx,
            orgs.map((o) => `**${orgTitle(o, ctx.lang)}**`),
          ),
        })
      : ctx.t('ask:lead.noneShared', { names: join(ctx, names) });
  const each = places.map((p) => {
    const own = [...new Set(p.memberships.map((m) => m.org))]
      .map((id) => ctx.data.org(id))
      .filter((o) => o !== undefined);
    return bullet(
      `${pick(p.names, ctx.lang)}: ${
        own.length > 0
          ? join(
              ctx,
              own.map((o) => orgTitle(o, ctx.lang)),
            )
          : ctx.t('ask:compare.none')
      }`,
    );
  });
  const shared = new Set(
    places.flatMap((p) =>
      ctx.data
        .alliancesOf(p.id)
        .filter((a) => places.every((q) => a.members.includes(q.id)))
        .map((a) => `**${pick(a.names, ctx.lang)}**`),
    ),
  );
  const alliances = shared.size > 0 ? [ctx.t('ask:lead.sharedAlliances', { alliances: join(ctx, [...shared]) })] : [];
  return { content: [reading, lead, ...alliances, ...each].join('\n') };
}

// — the article itself —

function articleAnswer(ctx: Ctx, plan: Extract<Plan, { intent: 'article' }>, question: string): Payload {
  const a = ctx.data.article;
  const title = pick(a.title, ctx.lang);
  const reading = readingLine(
    ctx,
    ctx.t(`ask:read.article.${plan.part}`, {
      term: termLabel(ctx, plan.term ?? ''),
      section: plan.section ? sectionLabel(ctx, plan.section) : '',
    }),
    '/about',
  );
  const embed = (heading: string, body: string, sections: string[]): Payload => ({
    content: reading,
    embeds: [{ title: heading, color: COLORS.info, description: body, footer: sourceFooter(ctx, sections) }],
  });
  const findings = (list: typeof a.conclusions): string =>
    list
      .map((f) => `**${pick(f.title, ctx.lang)}** [${sectionLabel(ctx, f.section)}]\n${pick(f.text, ctx.lang)}`)
      .join('\n\n');
  switch (plan.part) {
    case 'authors':
      return embed(
        ctx.t('ask:article.authors', { title }),
        a.authors.map((x) => bullet(`**${pick(x.name, ctx.lang)}** — ${pick(x.post, ctx.lang)}`)).join('\n') +
          `\n\n${ctx.t('ask:article.published', { publisher: pick(a.publisher, ctx.lang), date: dateText(ctx, a.date) })}`,
        ['摘要'],
      );
    case 'date':
    case 'publisher':
    case 'overview':
      return embed(
        title,
        `${ctx.t('ask:article.published', { publisher: pick(a.publisher, ctx.lang), date: dateText(ctx, a.date) })}\n${ctx.t(
          'ask:article.byline',
          {
            authors: join(
              ctx,
              a.authors.map((x) => pick(x.name, ctx.lang)),
            ),
          },
        )}`,
        ['摘要'],
      );
    case 'abstract':
      return embed(ctx.t('ask:article.abstract', { title }), pick(a.abstract, ctx.lang), ['摘要']);
    case 'keywords':
      return embed(
        ctx.t('ask:article.keywords', { title }),
        join(ctx, ctx.lang === 'en' ? a.keywords.en : a.keywords.zh),
        ['摘要'],
      );
    case 'conclusions':
      return embed(ctx.t('ask:article.conclusions'), findings(a.conclusions), ['伍、一']);
    case 'recommendations':
      return embed(ctx.t('ask:article.recommendations'), findings(a.recommendations), ['伍、二']);
    case 'table': {
      const rows = ctx.data.organizations.flatMap((o) => o.tableRows.map((r) => ({ o, r })));
      const orgs = new Set(rows.map((x) => x.o.id));
      const byGroup = (['comprehensive', 'thematic', 'national'] as const).map(
        (g) => `${ctx.t(`common:types.${g}`)}: ${rows.filter((x) => x.r.group === g).length}`,
      );
      return {
        content: `${reading}\n${ctx.t('ask:article.tableCount', { rows: rows.length, orgs: orgs.size })}`,
        embeds: [
          {
            title: ctx.t('ask:article.table'),
            color: COLORS.info,
            description: `${join(ctx, byGroup)}\n${ctx.t('ask:article.tableTwice')}`,
            footer: sourceFooter(ctx, ['附表']),
          },
        ],
      };
    }
    case 'typology': {
      const counts = (['comprehensive', 'thematic', 'national'] as const).map(
        (g) =>
          `${ctx.t(`common:types.${g}`)}: ${ctx.data.organizations.flatMap((o) => o.tableRows).filter((r) => r.group === g).length}`,
      );
      const typology = a.facts.find((f) => f.id === 'typology');
      return embed(
        ctx.t('ask:article.typology'),
        [
          ...(typology ? [`${pick(typology.text, ctx.lang)} [${sectionLabel(ctx, typology.section)}]`] : []),
          `${ctx.t('ask:article.typologyText')} ${join(ctx, counts)}`,
        ].join('\n\n'),
        ['壹', '附表'],
      );
    }
    case 'references':
      return embed(ctx.t('ask:article.references'), referencesText(ctx), ['參考資料']);
    case 'passage': {
      const found = [
        { section: '摘要', title: ctx.t('ask:article.abstract', { title }), text: a.abstract },
        ...[...a.conclusions, ...a.recommendations].map((f) => ({
          section: f.section,
          title: pick(f.title, ctx.lang),
          text: f.text,
        })),
      ].find((f) => f.section === plan.section);
      if (!found)
        return { content: `${reading}\n${ctx.t('ask:notCovered.nothing', { question: quoteUser(question) })}` };
      return embed(found.title, pick(found.text, ctx.lang), [found.section]);
    }
    case 'taiwan':
    case 'term': {
      const { lines: hits, sections } = proseFacts(ctx, plan.term ?? '');
      if (hits.length === 0)
        return { content: `${reading}\n${ctx.t('ask:notCovered.nothing', { question: quoteUser(question) })}` };
      return embed(
        ctx.t('ask:article.term', { term: termLabel(ctx, plan.term ?? '') }),
        hits.slice(0, 8).join('\n'),
        sections,
      );
    }
  }
}

/** Where the article's prose speaks of a term: Taiwan's overview, the findings, the records' facts, the notes. */
function proseFacts(ctx: Ctx, term: string): { lines: string[]; sections: string[] } {
  const forms = TERM_FORMS[term] ?? [term.toLowerCase()];
  const want = (text: { zh: string; en: string }): boolean => {
    const t = `${text.zh} ${text.en}`.toLowerCase();
    return forms.some((w) => t.includes(w));
  };
  const lines: string[] = [];
  const sections: string[] = [];
  const add = (line: string, section?: string): void => {
    lines.push(line);
    if (section) sections.push(section);
  };
  // The article's own facts first (Note 1's Citistate, the 1993 conference): they define the term.
  for (const f of ctx.data.article.facts) {
    if (want(f.text))
      add(
        bullet(`**${pick(f.title, ctx.lang)}** [${sectionLabel(ctx, f.section)}]: ${pick(f.text, ctx.lang)}`),
        f.section,
      );
  }
  for (const f of ctx.data.taiwanOverview) if (want(f.text)) add(factLine(ctx, f), f.section);
  for (const f of [...ctx.data.article.conclusions, ...ctx.data.article.recommendations]) {
    if (!want(f.text)) continue;
    const held = sentenceWith(pick(f.text, ctx.lang), forms);
    add(
      bullet(`**${pick(f.title, ctx.lang)}** [${sectionLabel(ctx, f.section)}]${held ? `: ${held}` : ''}`),
      f.section,
    );
  }
  for (const o of ctx.data.organizations) {
    for (const f of o.facts) if (want(f.text)) add(`${factLine(ctx, f)} — ${orgTitle(o, ctx.lang)}`, f.section);
  }
  for (const n of ctx.data.article.notes) {
    if (want(n.text)) add(bullet(`${noteLabel(ctx, n)} ${pick(n.text, ctx.lang)}`));
  }
  return { lines, sections };
}

/** The forms each prose term is written in, in either language of the data. */
const TERM_FORMS: Record<string, string[]> = {
  WTO: ['wto', '世界貿易組織'],
  Citistate: ['citistate', 'citystate'],
  Lisbon: ['里斯本', 'lisbon', '亞太城市會議', 'asia-pacific cities conference'],
  glocalization: ['全球在地化', 'glocaliz'],
  'zero-sum': ['zero-sum', '零合', '零和'],
  'network of networks': ['網中網', 'network of networks'],
};

/** A prose term as the reader's language writes it (the plan keeps one language-free key). */
const TERM_LABELS: Record<string, { zh: string; en: string }> = {
  Lisbon: { zh: '里斯本', en: 'Lisbon' },
  glocalization: { zh: '全球在地化', en: 'glocalization' },
  'zero-sum': { zh: '零和', en: 'zero-sum' },
  'network of networks': { zh: '網中網', en: 'network of networks' },
};

function termLabel(ctx: Ctx, term: string): string {
  const label = TERM_LABELS[term];
  return label ? pick(label, ctx.lang) : term;
}

/** The sentence of a text that holds one of the forms, so a finding's line shows the words asked about. */
function sentenceWith(text: string, forms: readonly string[]): string | undefined {
  // Chinese sentences end at 。！？; English ones at a full stop, ! or ? before a space.
  const sentences = text.split(/(?<=[。！？])|(?<=[.!?])\s+/u);
  return sentences.find((x) => forms.some((w) => x.toLowerCase().includes(w)))?.trim();
}

// — no answer —

function notCovered(ctx: Ctx, plan: Extract<Plan, { intent: 'not-covered' }>, question: string): Payload {
  const lines = [ctx.t(`ask:notCovered.${plan.reason}`, { question: quoteUser(question) })];
  const near = plan.near.map((r) => nearName(ctx, r)).filter((x) => x !== undefined);
  if (near.length > 0) lines.push(ctx.t('ask:notCovered.near', { names: join(ctx, near) }));
  lines.push(ctx.t('ask:tryHint', { help: slash(ctx, '/help') }));
  return { content: lines.join('\n') };
}

function nearName(ctx: Ctx, r: RecordRef): string | undefined {
  if (r.kind === 'org') {
    const o = ctx.data.org(r.id);
    return o ? orgTitle(o, ctx.lang) : undefined;
  }
  const p = placeRecord(ctx, r.id);
  return p ? pick(p.names, ctx.lang) : undefined;
}

function suggestAnswer(ctx: Ctx, plan: Extract<Plan, { intent: 'suggest' }>): Payload {
  const hits = plan.candidates.map((c) => ({ id: c.id, kind: c.kind, score: 0, tier: 'fuzzy' as const, matched: '' }));
  const reading = readingLine(ctx, ctx.t('ask:read.suggest', { query: quoteUser(plan.query) }));
  const first = plan.candidates[0];
  const answer =
    first?.kind === 'org'
      ? orgSearchAnswer(ctx, plan.query, { status: 'ambiguous', hits: hits.filter((h) => h.kind === 'org') })
      : placeSearchAnswer(ctx, plan.query, { status: 'ambiguous', hits: hits.filter((h) => h.kind !== 'org') });
  return { ...answer, content: answer.content ? `${reading}\n${answer.content}` : reading };
}

/** The reply to a read question. */
/** Answers a free-text question (a follow-up when `subject` is the replied-to answer's record). Pure. */
export function answerQuestion(ctx: Ctx, question: string, subject?: string): Payload {
  const plan = subject ? readFollowUp(question, ctx, subject) : readQuestion(question, ctx);
  return answerPlan(ctx, execute(ctx.data, plan), question);
}

export function answerPlan(ctx: Ctx, outcome: Outcome, question: string): Payload {
  const plan = outcome.plan;
  if ('entries' in outcome) return listAnswer(ctx, outcome, 0);
  if ('hits' in outcome) return reverseAnswer(ctx, outcome, question);
  if ('places' in outcome) return taiwanAnswer(ctx, outcome, question);
  // A comparison and an answer about the article cite the article as a whole.
  if (plan.intent === 'compare')
    return withActions(ctx, compareAnswer(ctx, outcome as Extract<Outcome, { plan: { intent: 'compare' } }>), {
      cite: null,
    });
  switch (plan.intent) {
    case 'lookup':
      return lookupAnswer(ctx, plan, question);
    case 'article':
      return withActions(ctx, articleAnswer(ctx, plan, question), { cite: null });
    case 'suggest':
      return suggestAnswer(ctx, plan);
    case 'not-covered':
      return notCovered(ctx, plan, question);
    default:
      return notCovered(ctx, { intent: 'not-covered', reason: 'nothing', near: [] }, question);
  }
}
