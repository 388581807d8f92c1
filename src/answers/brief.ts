/**
 * Short cards, the first thing an answer shows: an organization's names, type, founding, headquarters,
 * one-line summary, Taiwanese participants and whether data notes apply; a place's organizations, sister
 * cities and alliances in one line each; an alliance's date and members. The whole record is one click
 * away ("完整資料 / Full record", src/answers/action-routes.ts), so nothing is lost, only deferred.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { DataNote, DomesticAlliance, Organization, Place } from '../data/schema.js';
import type { Ctx } from './context.js';
import {
  COLORS,
  dateText,
  foundedText,
  noteLabel,
  orgTitle,
  other,
  participationTag,
  pick,
  placeWithRole,
  sectionLabel,
  sourceFooter,
  tagged,
} from './format.js';

const SUMMARY_MAX = 220;

/** The summary's first sentence (or its first SUMMARY_MAX characters, cut at a word or clause). */
export function firstSentence(text: string): string {
  const m = /^.+?(?:[。！？]|[.!?](?=\s|$))/su.exec(text);
  const sentence = (m?.[0] ?? text).trim();
  if (sentence.length <= SUMMARY_MAX) return sentence;
  const cut = sentence.slice(0, SUMMARY_MAX);
  const at = Math.max(cut.lastIndexOf('，'), cut.lastIndexOf(', '), cut.lastIndexOf(' '));
  return `${cut.slice(0, at > SUMMARY_MAX / 2 ? at : SUMMARY_MAX).trimEnd()}…`;
}

const list = (ctx: Ctx, items: readonly string[]): string => items.join(ctx.lang === 'en' ? ', ' : '、');

/** "⚠ 2 data notes (founding year, name): see the full record", or nothing when none apply. */
function notesFlag(ctx: Ctx, notes: readonly DataNote[]): APIEmbedField[] {
  if (notes.length === 0) return [];
  const labels = [...new Set(notes.map((n) => noteLabel(ctx, n).replace(/[:：]$/, '')))];
  return [
    {
      name: ctx.t('common:fields.notes'),
      value: ctx.t('actions:brief.notes', { count: notes.length, labels: list(ctx, labels) }),
    },
  ];
}

export function orgBrief(ctx: Ctx, o: Organization): APIEmbed {
  const flagged = o.notes.some((n) => n.about === 'founded') ? ' ⚠' : '';
  const founded =
    (o.tableRows.length > 1
      ? o.tableRows.map((r) => foundedText(ctx, r.founded)).join(' / ')
      : foundedText(ctx, o.founded)) + flagged;
  const hq = o.facts.find((f) => f.topic === 'headquarters');
  const participants = ctx.data.participantsOf(o.id).map((p) => placeWithRole(ctx, p, o.id));
  const alliance = ctx.data.alliances.find((a) => a.org === o.id);
  if (alliance) participants.push(ctx.t('org:domesticAlliance', { name: pick(alliance.names, ctx.lang) }));
  const names = [other(o.names, ctx.lang), o.originalName].filter((x): x is string => Boolean(x));
  return {
    title: orgTitle(o, ctx.lang),
    description: `*${names.join(' · ')}*\n\n${firstSentence(pick(o.summary, ctx.lang))}`,
    color: COLORS.org,
    fields: [
      { name: ctx.t('common:fields.type'), value: ctx.t(`common:types.${o.type}`), inline: true },
      { name: ctx.t('common:fields.founded'), value: founded, inline: true },
      {
        name: ctx.t('org:fields.headquarters'),
        value: hq
          ? `${firstSentence(pick(hq.text, ctx.lang))} [${sectionLabel(ctx, hq.section)}]`
          : ctx.t('actions:brief.notStated'),
      },
      {
        name: ctx.t('org:fields.taiwan'),
        value: participants.length > 0 ? list(ctx, participants) : ctx.t('org:noTaiwan'),
      },
      ...notesFlag(ctx, o.notes),
    ],
    footer: sourceFooter(ctx, o.sections),
  };
}

export function placeBrief(ctx: Ctx, p: Place): APIEmbed {
  const orgs = p.memberships.map((m) => {
    const o = ctx.data.org(m.org);
    return tagged(ctx, o ? (o.acronym ?? pick(o.names, ctx.lang)) : m.org, [participationTag(ctx, m.kind)]);
  });
  const alliances = ctx.data.alliancesOf(p.id).map((a) => pick(a.names, ctx.lang));
  const fields: APIEmbedField[] = [
    {
      name: ctx.t('taiwan:fields.orgs'),
      value: orgs.length > 0 ? list(ctx, [...new Set(orgs)]) : ctx.t('taiwan:noOrgs'),
    },
  ];
  if (p.sisterCityCount || p.ties.length > 0) {
    const count = p.sisterCityCount
      ? ctx.t('taiwan:sisterCount', { n: p.sisterCityCount.count, asOf: dateText(ctx, p.sisterCityCount.asOf) })
      : ctx.t('actions:brief.ties', { n: p.ties.length });
    fields.push({ name: ctx.t('taiwan:fields.sister'), value: count, inline: true });
  }
  if (p.events.length > 0)
    fields.push({
      name: ctx.t('taiwan:fields.events'),
      value: ctx.t('actions:brief.events', { n: p.events.length }),
      inline: true,
    });
  if (alliances.length > 0) fields.push({ name: ctx.t('taiwan:fields.alliances'), value: list(ctx, alliances) });
  return {
    title: pick(p.names, ctx.lang),
    description: `*${other(p.names, ctx.lang)}* · ${ctx.t(`taiwan:kind.${p.kind}`)}`,
    color: COLORS.taiwan,
    fields: [...fields, ...notesFlag(ctx, p.notes)],
    footer: sourceFooter(ctx, p.sections),
  };
}

export function allianceBrief(ctx: Ctx, a: DomesticAlliance, members: string): APIEmbed {
  return {
    title: pick(a.names, ctx.lang),
    description: `*${other(a.names, ctx.lang)}*\n\n${firstSentence(pick(a.summary, ctx.lang))}`,
    color: COLORS.taiwan,
    fields: [
      { name: ctx.t('taiwan:fields.established'), value: dateText(ctx, a.established), inline: true },
      { name: ctx.t('taiwan:fields.members'), value: members, inline: true },
      ...notesFlag(ctx, a.notes),
    ],
    footer: sourceFooter(ctx, a.sections),
  };
}
