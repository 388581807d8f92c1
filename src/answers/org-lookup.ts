/**
 * What /org answers: an international organization, or one of Taiwan's domestic city alliances (高高屏,
 * 北臺, 台中縣市), found by id (autocomplete, menus) or by a search. Organizations are searched exactly as
 * before; an alliance answers only when its own name matches better than any organization does, so adding
 * alliances changes no organization's answer.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { RecordKind } from '../data/search-docs.js';
import type { DomesticAlliance, Organization } from '../data/schema.js';
import type { Payload } from '../kernel/types.js';
import type { SearchResult, Tier } from '../search/engine.js';
import type { Ctx } from './context.js';
import { COLORS, bullet, dateText, pick, quoteUser, selectMenu } from './format.js';
import { withActions } from './actions.js';
import { orgBrief } from './brief.js';
import { ORG_PICK, orgEmbed, orgMiss, orgSearchAnswer } from './organization.js';
import { allianceEmbed, placeBriefEmbed } from './place.js';

export type OrgRecord = Organization | DomesticAlliance;

export function isAlliance(r: OrgRecord): r is DomesticAlliance {
  return 'established' in r;
}

/** The organization or alliance with this id; ids are one namespace across the dataset (checked at load). */
export function orgRecord(ctx: Ctx, id: string): OrgRecord | undefined {
  const o = ctx.data.org(id);
  if (o) return o;
  const a = ctx.data.alliance(id);
  // An alliance that is also a table organization (台灣健康城市聯盟) is answered by the organization's card.
  return a?.org ? (ctx.data.org(a.org) ?? a) : a;
}

/** An organization's or an alliance's short card. */
export function orgRecordEmbed(ctx: Ctx, r: OrgRecord): APIEmbed {
  return isAlliance(r) ? placeBriefEmbed(ctx, r) : orgBrief(ctx, r);
}

/** An organization's or an alliance's whole record (what Full record shows). */
export function orgRecordFull(ctx: Ctx, r: OrgRecord): APIEmbed {
  return isAlliance(r) ? allianceEmbed(ctx, r) : orgEmbed(ctx, r);
}

/** One organization or alliance as the whole answer: its short card, with Full record and Cite. */
export function orgRecordCard(ctx: Ctx, r: OrgRecord): Payload {
  return withActions(ctx, { embeds: [orgRecordEmbed(ctx, r)] }, { full: r.id, cite: r.id });
}

/** Tiers in the order the engine tries them: a lower rank is a stronger kind of match. */
const TIER_RANK: Record<Tier, number> = { exact: 0, substring: 1, fuzzy: 2, content: 3, words: 4 };

/**
 * Whether the alliance search beats the organization search. Never through its description alone: the
 * alliances' summaries name their member cities, and `/org 高雄` should point to `/taiwan`, not answer
 * the Kao-Kao-Ping alliance. Nor when the query is exactly a Taiwanese place's name (`Kaohsiung` is the
 * city, which /org's miss answer sends to /taiwan).
 */
function allianceWins(ctx: Ctx, query: string, orgs: SearchResult<RecordKind>, alliances: SearchResult<RecordKind>) {
  const a = alliances.status === 'none' ? undefined : alliances.hits[0];
  if (!a || a.tier === 'content') return false;
  const o = orgs.status === 'none' ? undefined : orgs.hits[0];
  const better = !o || (alliances.status === 'match' && TIER_RANK[a.tier] < TIER_RANK[o.tier]);
  if (!better || a.tier === 'exact') return better;
  const place = ctx.search.search(query, { kinds: ['place'], direct: true });
  return !(place.status === 'match' && place.hits[0]?.tier === 'exact');
}

/** The best alliance; when unsure, its candidates and a "did you mean" menu /org's menu handler answers. */
function allianceSearchAnswer(ctx: Ctx, query: string, result: SearchResult<RecordKind>): Payload {
  const records = result.hits.map((h) => ctx.data.alliance(h.id)).filter((a) => a !== undefined);
  const [best, ...others] = records;
  if (!best) return orgMiss(ctx, query);
  if (result.status === 'match') return orgRecordCard(ctx, best);
  const candidates: APIEmbed[] =
    others.length > 0
      ? [
          {
            title: ctx.t('org:candidates'),
            color: COLORS.info,
            description: others
              .map((a) => bullet(`${pick(a.names, ctx.lang)} — ${dateText(ctx, a.established)}`))
              .join('\n'),
          },
        ]
      : [];
  const menu = selectMenu(
    ORG_PICK.encode({ lang: ctx.lang, action: 'pick' }),
    ctx.t('org:didYouMean'),
    records.map((a) => ({ label: pick(a.names, ctx.lang), value: a.id, description: dateText(ctx, a.established) })),
  );
  const payload: Payload = {
    content: ctx.t('org:ambiguous', { query: quoteUser(query), best: pick(best.names, ctx.lang) }),
    embeds: [orgRecordEmbed(ctx, best), ...candidates],
    ...(others.length > 0 ? { components: [menu] } : {}),
  };
  return withActions(ctx, payload, { full: best.id, cite: best.id });
}

/** /org's answer to free text: an organization card, an alliance card, candidates, or a miss. */
export function orgLookupAnswer(ctx: Ctx, query: string): Payload {
  const orgs = ctx.search.search(query, { kinds: ['org'] });
  // An exact organization name cannot be beaten: skip the second search.
  if (orgs.status === 'match' && orgs.hits[0]?.tier === 'exact') return orgSearchAnswer(ctx, query, orgs);
  const alliances = ctx.search.search(query, { kinds: ['alliance'] });
  return allianceWins(ctx, query, orgs, alliances)
    ? allianceSearchAnswer(ctx, query, alliances)
    : orgSearchAnswer(ctx, query, orgs);
}
