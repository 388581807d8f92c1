/**
 * The previous /ask router, kept frozen as the benchmark's baseline for question understanding: it routes
 * a question by the first name it mentions and a keyword focus (a Taiwanese city → its place card, a year →
 * the founding list, otherwise an organization). `npm run bench` scores it next to src/understanding/ on
 * the same labelled questions. Not used by the bot.
 */
import type { Ctx } from '../src/answers/context.js';
import { foundedText, orgTitle, pick, quoteUser } from '../src/answers/format.js';
import { foundedPage, parseWhen, type When } from '../src/answers/founding.js';
import { orgCard, orgSearchAnswer } from '../src/answers/organization.js';
import { placeCard, placeRecord, placeSearchAnswer } from '../src/answers/place.js';
import type { RecordKind } from '../src/data/search-docs.js';
import type { FactTopic, Organization, Place } from '../src/data/schema.js';
import type { Payload } from '../src/kernel/types.js';
import type { SearchResult } from '../src/search/engine.js';
import { fold, words } from '../src/search/normalize.js';

export type Focus = 'founded' | 'headquarters' | 'members' | 'sister' | 'orgs' | 'taiwan' | 'general';

const FOCI: ReadonlyArray<[Focus, RegExp]> = [
  ['sister', /姊妹|姐妹|sister|twin/i],
  [
    'founded',
    /成立|創立|创立|設立|设立|創辦|哪一年|何時|何时|什麼時候|什么时候|幾年|when\b|found(ed|ing)?\b|establish|created|since when|what year/i,
  ],
  [
    'headquarters',
    /總部|总部|秘書處|秘书处|設在|设在|在哪裡|在哪里|在哪|哪裡|哪里|位於|where|headquarter|based|secretariat|located/i,
  ],
  ['members', /會員|会员|成員|成员|多少|幾個|几个|人口|how many|members?\b|membership|population/i],
  ['taiwan', /台灣|臺灣|台湾|taiwan/i],
  ['orgs', /組織|组织|參加|参加|加入|參與|参与|organi[sz]ations?|belong|join|take part|participat/i],
];

export function detectFocus(question: string): Focus {
  return FOCI.find(([, re]) => re.test(question))?.[0] ?? 'general';
}

/** A year, range, decade or 民國 year inside a free-text question. */
export function findWhen(question: string): When | undefined {
  const s = question.normalize('NFKC');
  const patterns = [
    /(\d{4})\s*年?\s*(?:-|–|~|～|to|到|至)\s*(\d{4})\s*年?/i,
    /(\d{3}0)\s*(?:'?s\b|年代)/i,
    /(?<!\d)(\d0)\s*(?:'?s\b|年代)/i,
    /(?:民國|民国)\s*\d{1,3}\s*年?/,
    /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/,
  ];
  for (const re of patterns) {
    const m = re.exec(s);
    if (m) return parseWhen(m[0].replace(/\s+/g, ' '));
  }
  return undefined;
}

// Question words removed before a plain search, so "What is ICLEI?" searches for "ICLEI".
const QUESTION_WORDS =
  /什麼是|什么是|是什麼|是什么|是甚麼|甚麼是|什麼|什么|請問|请问|介紹一下|介紹|介绍|告訴我|告诉我|有哪些|哪些|是誰|是谁|what is|what's|what are|who is|who are|tell me about|please|explain|[?？!！。,，、]|嗎|吗|呢/gi;

/** Removes the words that name the question's focus (成立, 總部, members…), leaving its subject. */
export function stripFocus(text: string): string {
  let s = text;
  for (const [, re] of FOCI) s = s.replace(new RegExp(re.source, 'gi'), ' ');
  return (
    s
      .replace(/哪個|哪一個|哪家|什麼|甚麼|which|organi[sz]ations?|組織|组织/gi, ' ')
      // English auxiliaries around the subject ("When was X founded", "How many members does X have").
      .replace(/\b(?:is|was|were|are|did|does|do|has|have|its|it|in|the)\b/gi, ' ')
      // Particles left at the edges of what was removed ("…在巴塞隆納" → "巴塞隆納").
      .replace(/(^|\s)[在的是有於于和與]+/g, ' ')
      .replace(/[在的是有於于]+(?=\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function stripQuestion(question: string): string {
  return question
    .replace(QUESTION_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the\s+/i, '');
}

function factsText(ctx: Ctx, o: Organization, topics: readonly FactTopic[]): string | undefined {
  const facts = o.facts.filter((f) => topics.includes(f.topic)).map((f) => pick(f.text, ctx.lang));
  return facts.length > 0 ? facts.join(ctx.lang === 'en' ? ' ' : '') : undefined;
}

/** The first line of an organization answer: the thing the question asked. */
export function orgLead(ctx: Ctx, o: Organization, focus: Focus): string | undefined {
  const name = orgTitle(o, ctx.lang);
  switch (focus) {
    case 'founded': {
      const flagged = o.notes.some((n) => n.about === 'founded') ? ` ${ctx.t('ask:lead.seeNote')}` : '';
      return ctx.t('ask:lead.founded', { name, founded: foundedText(ctx, o.founded) }) + flagged;
    }
    case 'headquarters': {
      const text = factsText(ctx, o, ['headquarters']);
      return text ? ctx.t('ask:lead.fact', { name, text }) : ctx.t('ask:lead.unknown.headquarters', { name });
    }
    case 'members': {
      const text = factsText(ctx, o, ['membership']);
      return text ? ctx.t('ask:lead.fact', { name, text }) : ctx.t('ask:lead.unknown.members', { name });
    }
    // "組織" in a question about an organization names what is asked for, not Taiwan's part in it.
    case 'taiwan': {
      const places = ctx.data.participantsOf(o.id).map((p) => pick(p.names, ctx.lang));
      return places.length > 0
        ? ctx.t('ask:lead.participants', { name, places: places.join(ctx.lang === 'en' ? ', ' : '、') })
        : ctx.t('ask:lead.noParticipants', { name });
    }
    default:
      return undefined;
  }
}

export function placeLead(ctx: Ctx, p: Place, focus: Focus): string | undefined {
  const name = pick(p.names, ctx.lang);
  switch (focus) {
    case 'sister':
      return p.sisterCityCount
        ? ctx.t('ask:lead.sisterCount', { name, n: p.sisterCityCount.count, asOf: p.sisterCityCount.asOf })
        : ctx.t('ask:lead.sisterUnknown', { name });
    case 'orgs':
    case 'members':
    case 'taiwan': {
      const orgs = [...new Set(p.memberships.map((m) => m.org))]
        .map((id) => ctx.data.org(id))
        .filter((o) => o !== undefined)
        .map((o) => orgTitle(o, ctx.lang));
      return orgs.length > 0
        ? ctx.t('ask:lead.placeOrgs', { name, orgs: orgs.join(ctx.lang === 'en' ? ', ' : '、') })
        : ctx.t('ask:lead.placeNoOrgs', { name });
    }
    default:
      return undefined;
  }
}

function withoutNames(question: string, names: ReadonlyArray<string | undefined>): string {
  let s = question;
  for (const name of names) {
    if (!name) continue;
    const at = s.toLowerCase().indexOf(name.toLowerCase());
    if (at >= 0) s = `${s.slice(0, at)} ${s.slice(at + name.length)}`;
  }
  return s;
}

/** Whether the best hit's name contains a Latin word that stripFocus removed (compared on 5-letter stems). */
function nameHasRemovedWord(stripped: string, bare: string, found: SearchResult<RecordKind>): boolean {
  const kept = new Set(words(fold(bare)));
  const removed = words(fold(stripped)).filter((w) => !kept.has(w) && /^[a-z]{4,}$/.test(w));
  const name = ` ${fold(found.hits[0]?.matched ?? '')}`;
  return removed.some((w) => name.includes(` ${w.slice(0, 5)}`));
}

/** Answers a free-text question. Pure: the same question gives the same payload. */
export function answerQuestion(ctx: Ctx, question: string): Payload {
  const orgMention = ctx.search.mentions(question, { kinds: ['org'] })[0];
  const placeMention = ctx.search.mentions(question, { kinds: ['place', 'alliance'] })[0];
  // The focus is read from what is left once the names are taken out: "Sister Cities International
  // 總部在哪裡" asks where it is based, not about sister cities.
  const focus = detectFocus(withoutNames(question, [orgMention?.matched, placeMention?.matched]));
  const placeFirst =
    placeMention && (!orgMention || focus === 'sister' || (focus === 'orgs' && placeMention.score >= orgMention.score));

  const mentioned = placeMention && placeFirst ? placeRecord(ctx, placeMention.id) : undefined;
  if (mentioned) {
    const lead = 'memberships' in mentioned ? placeLead(ctx, mentioned, focus) : undefined;
    return placeCard(ctx, mentioned, lead);
  }
  const o = orgMention ? ctx.data.org(orgMention.id) : undefined;
  if (o) return orgCard(ctx, o, orgLead(ctx, o, focus));
  const when = findWhen(question);
  if (when) return foundedPage(ctx, when, undefined, 0);

  // The question minus its question words; then minus the words that only say what is asked
  // ("哪個組織總部在巴塞隆納" → "巴塞隆納"), which leaves the thing asked about. The whole phrase gets only
  // the cheap name tiers first, then the bare subject gets every tier, and the whole phrase gets the
  // costly tiers only when the bare subject found nothing: fuzzy-matching "When was … founded" first
  // wasted most of a millisecond on nearly every such question.
  const stripped = stripQuestion(question);
  const bare = stripFocus(stripped);
  const residual = bare && bare !== stripped ? bare : stripped;
  const attempts: Array<[string, boolean]> =
    residual === stripped
      ? [[stripped, false]]
      : [
          [stripped, true],
          [bare, false],
          [stripped, false],
        ];
  let subject = residual;
  let orgs: SearchResult<RecordKind> | undefined;
  for (const [attempt, direct] of attempts) {
    const found = attempt ? ctx.search.search(attempt, { kinds: ['org'], direct }) : undefined;
    if (!found || found.status === 'none') continue;
    if (orgs && found.status !== 'match') break;
    subject = attempt;
    orgs = found;
    // Focus words can be part of a name ("Sister Citys International", "Organisation of …"): when the
    // bare subject's best guess contains one, the whole phrase gets its own full try.
    if (found.status === 'match' || attempt !== bare || !nameHasRemovedWord(stripped, bare, found)) break;
  }
  if (orgs) {
    const best = ctx.data.org(orgs.hits[0]!.id);
    return orgSearchAnswer(ctx, subject, orgs, best && orgs.status === 'match' ? orgLead(ctx, best, focus) : undefined);
  }
  if (residual) {
    const places = ctx.search.search(residual, { kinds: ['place', 'alliance'] });
    if (places.status !== 'none') return placeSearchAnswer(ctx, residual, places);
  }
  return { content: `${ctx.t('ask:notCovered.nothing', { question: quoteUser(question) })}\n${ctx.t('ask:tryHint')}` };
}
