/**
 * A Taiwanese city or county, or a domestic alliance, as an answer: its organizations (each opens from a
 * menu), sister cities and ports, events, alliances and the merger notes; and the answer to a search over
 * places. /taiwan and /ask answer with these.
 */
import type { APIActionRowComponent, APIEmbed, APIStringSelectComponent } from 'discord-api-types/v10';
import type { RecordKind } from '../data/search-docs.js';
import type { DomesticAlliance, Place } from '../data/schema.js';
import { fields, idCodec } from '../kernel/custom-id.js';
import type { Payload } from '../kernel/types.js';
import type { SearchResult } from '../search/engine.js';
import { withActions } from './actions.js';
import { allianceBrief, placeBrief } from './brief.js';
import type { Ctx } from './context.js';
import {
  COLORS,
  bullet,
  dateText,
  factLine,
  notesField,
  orgTitle,
  other,
  participationTag,
  pick,
  quoteUser,
  sectionLabel,
  selectMenu,
  sourceFooter,
  splitField,
  tagged,
} from './format.js';
import { orgMenu } from './organization.js';

/** `tw:<lang>:pick`: a "did you mean" menu of places; the chosen value is the place's or alliance's id. */
export const TW_PICK = idCodec('tw', 1, { lang: fields.lang, action: fields.literal('pick') });

export type PlaceRecord = Place | DomesticAlliance;

export function sec(ctx: Ctx, id: string): string {
  return `[${sectionLabel(ctx, id)}]`;
}

/** Select menu linking each organization the place belongs to: choosing one shows it. */
function orgLinks(ctx: Ctx, place: Place): APIActionRowComponent<APIStringSelectComponent> | undefined {
  const orgs = [...new Set(place.memberships.map((m) => m.org))]
    .map((id) => ctx.data.org(id))
    .filter((o) => o !== undefined);
  return orgMenu(ctx, orgs, ctx.t('taiwan:openOrg'), false);
}

export function placeEmbed(ctx: Ctx, p: Place): APIEmbed {
  const memberships = p.memberships.map((m) => {
    const o = ctx.data.org(m.org);
    const name = o ? orgTitle(o, ctx.lang) : m.org;
    // The tag in the answer's own brackets: （…） in Chinese, (…) in English.
    return bullet(
      `${tagged(ctx, `**${name}**`, [participationTag(ctx, m.kind)])} — ${pick(m.text, ctx.lang)}${m.date ? ` (${dateText(ctx, m.date)})` : ''} ${sec(ctx, m.section)}`,
    );
  });
  const sister: string[] = [];
  if (p.sisterCityCount) {
    sister.push(
      ctx.t('taiwan:sisterCount', { n: p.sisterCityCount.count, asOf: dateText(ctx, p.sisterCityCount.asOf) }) +
        ` ${sec(ctx, p.sisterCityCount.section)}`,
    );
  }
  for (const tie of p.ties) {
    sister.push(
      bullet(
        `${ctx.t(`taiwan:tie.${tie.kind}`)}: ${pick(tie.partner, ctx.lang)}${tie.year ? ` (${tie.year})` : ''} ${sec(ctx, tie.section)}`,
      ),
    );
  }
  const events = p.events.map((e) => factLine(ctx, e));
  const alliances = ctx.data
    .alliancesOf(p.id)
    .map((a) => bullet(`${pick(a.names, ctx.lang)} (${dateText(ctx, a.established)})`));
  const facts = p.facts.map((f) => factLine(ctx, f));
  return {
    title: pick(p.names, ctx.lang),
    description: `*${other(p.names, ctx.lang)}* · ${ctx.t(`taiwan:kind.${p.kind}`)}`,
    color: COLORS.taiwan,
    fields: [
      ...splitField(ctx.t('taiwan:fields.orgs'), memberships.length > 0 ? memberships : [ctx.t('taiwan:noOrgs')]),
      ...splitField(ctx.t('taiwan:fields.sister'), sister),
      ...splitField(ctx.t('taiwan:fields.events'), events),
      ...splitField(ctx.t('taiwan:fields.alliances'), alliances),
      ...splitField(ctx.t('taiwan:fields.facts'), facts),
      ...notesField(ctx, p.notes),
    ],
    footer: sourceFooter(ctx, p.sections),
  };
}

/**
 * Who an alliance's members are, in one place for every answer: the places by name (or their number),
 * else what the article says of the ones it only counts (23 counties and cities signed the protocol).
 */
export function allianceMembers(
  ctx: Ctx,
  a: DomesticAlliance,
  { count = false, cite = false }: { count?: boolean; cite?: boolean } = {},
): string {
  const members = a.members.map((id) => ctx.data.place(id)).filter((p) => p !== undefined);
  if (members.length > 0)
    return count
      ? ctx.t('taiwan:memberCount', { n: members.length })
      : members.map((p) => pick(p.names, ctx.lang)).join(ctx.lang === 'en' ? ', ' : '、');
  if (!a.counted) return ctx.t('taiwan:membersNone');
  return `${pick(a.counted.text, ctx.lang)}${cite ? ` ${sec(ctx, a.counted.section)}` : ''}`;
}

export function allianceEmbed(ctx: Ctx, a: DomesticAlliance): APIEmbed {
  const memberLine = allianceMembers(ctx, a, { cite: true });
  return {
    title: pick(a.names, ctx.lang),
    description: `*${other(a.names, ctx.lang)}*\n\n${pick(a.summary, ctx.lang)}`,
    color: COLORS.taiwan,
    fields: [
      { name: ctx.t('taiwan:fields.established'), value: dateText(ctx, a.established), inline: true },
      { name: ctx.t('taiwan:fields.members'), value: memberLine, inline: true },
      ...splitField(
        ctx.t('taiwan:fields.facts'),
        a.facts.map((f) => factLine(ctx, f)),
      ),
      ...notesField(ctx, a.notes),
    ],
    footer: sourceFooter(ctx, a.sections),
  };
}

/** The place or alliance with this id (a search hit, an autocomplete value, a menu choice). */
export function placeRecord(ctx: Ctx, id: string): PlaceRecord | undefined {
  return ctx.data.place(id) ?? ctx.data.alliance(id);
}

function isPlace(r: PlaceRecord): r is Place {
  return 'memberships' in r;
}

/** A place's or an alliance's short card. */
export function placeBriefEmbed(ctx: Ctx, record: PlaceRecord): APIEmbed {
  return isPlace(record)
    ? placeBrief(ctx, record)
    : allianceBrief(ctx, record, allianceMembers(ctx, record, { cite: true }));
}

/**
 * One place (with a menu of its organizations) or one alliance, short: the lines that answer the question
 * when there are some, else the short card; Full record and Cite buttons under it.
 */
export function placeCard(ctx: Ctx, record: PlaceRecord, lead?: string, brief = !lead): Payload {
  const menu = isPlace(record) ? orgLinks(ctx, record) : undefined;
  const body: Payload = {
    ...(lead ? { content: lead } : {}),
    ...(brief ? { embeds: [placeBriefEmbed(ctx, record)] } : {}),
    ...(menu ? { components: [menu] } : {}),
  };
  return withActions(ctx, body, { full: record.id, cite: record.id });
}

function placeMenu(
  ctx: Ctx,
  records: readonly PlaceRecord[],
): APIActionRowComponent<APIStringSelectComponent> | undefined {
  if (records.length < 2) return undefined;
  return selectMenu(
    TW_PICK.encode({ lang: ctx.lang, action: 'pick' }),
    ctx.t('taiwan:didYouMean'),
    records.map((r) => ({ label: pick(r.names, ctx.lang), value: r.id })),
  );
}

/** The answer to a search over places: the best one, a "did you mean" menu when unsure, or what is covered. */
export function placeSearchAnswer(ctx: Ctx, query: string, result: SearchResult<RecordKind>): Payload {
  const records = result.hits.map((h) => placeRecord(ctx, h.id)).filter((r) => r !== undefined);
  const best = records[0];
  if (result.status === 'none' || !best) {
    const names = ctx.data.places.map((p) => pick(p.names, ctx.lang)).join(ctx.lang === 'en' ? ', ' : '、');
    return { content: `${ctx.t('taiwan:none', { query: quoteUser(query) })}\n${ctx.t('taiwan:covered', { names })}` };
  }
  if (result.status === 'match') return placeCard(ctx, best);
  const menu = placeMenu(ctx, records);
  const payload: Payload = {
    content: ctx.t('taiwan:ambiguous', { query: quoteUser(query) }),
    embeds: [placeBriefEmbed(ctx, best)],
    ...(menu ? { components: [menu] } : {}),
  };
  return withActions(ctx, payload, { full: best.id, cite: best.id });
}
