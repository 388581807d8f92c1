/**
 * An organization as an answer: its full card (names, type, founding, what it is and does, headquarters,
 * membership, Taiwanese participants, 2006 websites, sources and data notes), a menu of organizations,
 * and the answer to a search over organizations (one card, or a best guess with candidates, or a miss).
 * /org, /taiwan and /ask all answer with these.
 */
import type { APIActionRowComponent, APIEmbed, APIEmbedField, APIStringSelectComponent } from 'discord-api-types/v10';
import type { RecordKind } from '../data/search-docs.js';
import type { FactTopic, Organization } from '../data/schema.js';
import { fields, idCodec } from '../kernel/custom-id.js';
import type { Payload } from '../kernel/types.js';
import type { SearchResult } from '../search/engine.js';
import { withActions } from './actions.js';
import { orgBrief } from './brief.js';
import type { Ctx } from './context.js';
import {
  COLORS,
  bullet,
  factLine,
  foundedText,
  notesField,
  orgTitle,
  other,
  pick,
  placeWithRole,
  quoteUser,
  selectMenu,
  slash,
  sourceFooter,
  splitField,
} from './format.js';

/** `org:<lang>:pick`: a menu of organizations; the chosen value is the organization's id. */
export const ORG_PICK = idCodec('org', 1, { lang: fields.lang, action: fields.literal('pick') });
/** `org:<lang>:show:<id>`: a button that opens one organization. */
export const ORG_SHOW = idCodec('org', 1, { lang: fields.lang, action: fields.literal('show'), id: fields.recordId });

/** Facts grouped into fields in this order; the rest go under "more". */
const FIELD_TOPICS: ReadonlyArray<{
  key: 'headquarters' | 'founders' | 'membership' | 'structure' | 'goals' | 'activities' | 'events';
  topics: FactTopic[];
}> = [
  { key: 'headquarters', topics: ['headquarters'] },
  { key: 'founders', topics: ['founders', 'founding'] },
  { key: 'membership', topics: ['membership'] },
  { key: 'structure', topics: ['structure'] },
  { key: 'goals', topics: ['goals'] },
  { key: 'activities', topics: ['activities', 'other', 'history'] },
  { key: 'events', topics: ['event'] },
];

export function typeLabel(ctx: Ctx, o: Organization): string {
  return ctx.t(`common:types.${o.type}`);
}

function factLines(ctx: Ctx, o: Organization, topics: readonly FactTopic[]): string[] {
  return o.facts.filter((f) => topics.includes(f.topic)).map((f) => factLine(ctx, f));
}

/** The full answer for one organization: the first embed of every organization answer. */
export function orgEmbed(ctx: Ctx, o: Organization): APIEmbed {
  const founded =
    foundedText(ctx, o.founded) +
    (o.tableRows.length > 1
      ? ` ${ctx.t('org:tableRows', { values: o.tableRows.map((r) => foundedText(ctx, r.founded)).join(' / ') })}`
      : '') +
    (o.notes.some((n) => n.about === 'founded') ? ` ${ctx.t('org:seeNote')}` : '');
  const embedFields: APIEmbedField[] = [
    { name: ctx.t('common:fields.type'), value: typeLabel(ctx, o), inline: true },
    { name: ctx.t('common:fields.founded'), value: founded, inline: true },
  ];
  for (const { key, topics } of FIELD_TOPICS) {
    embedFields.push(...splitField(ctx.t(`org:fields.${key}`), factLines(ctx, o, topics)));
  }
  const participants = ctx.data.participantsOf(o.id).map((p) => {
    const roles = p.memberships.filter((m) => m.org === o.id).map((m) => pick(m.text, ctx.lang));
    return bullet(`${placeWithRole(ctx, p, o.id)} — ${roles.join('; ')}`);
  });
  const alliance = ctx.data.alliances.find((a) => a.org === o.id);
  if (alliance) participants.push(bullet(ctx.t('org:domesticAlliance', { name: pick(alliance.names, ctx.lang) })));
  embedFields.push(
    ...splitField(ctx.t('org:fields.taiwan'), participants.length > 0 ? participants : [ctx.t('org:noTaiwan')]),
  );
  const related = o.links
    .map((l) => {
      const target = ctx.data.org(l.id);
      return target ? bullet(`${ctx.t(`org:rel.${l.rel}`)}: ${orgTitle(target, ctx.lang)}`) : undefined;
    })
    .filter((x): x is string => x !== undefined);
  embedFields.push(...splitField(ctx.t('org:fields.related'), related));
  const sites = o.tableRows.flatMap((r) => r.websites.map((w) => w.url));
  embedFields.push(
    ...splitField(
      ctx.t('org:fields.websites'),
      [...new Set(sites)].map((u) => `<${u}>`),
    ),
  );
  embedFields.push(...notesField(ctx, o.notes));
  const names = [other(o.names, ctx.lang), o.originalName].filter((x): x is string => Boolean(x));
  // The English name is marked when the article did not print it; a table row is quoted as printed.
  const origin = ctx.lang === 'en' && o.englishName !== 'printed' ? [ctx.t(`org:englishName.${o.englishName}`)] : [];
  const printed = [...new Set(o.tableRows.map((r) => r.printed))].map((p) => ctx.t('org:printed', { printed: p }));
  return {
    title: orgTitle(o, ctx.lang),
    description: [`*${names.join(' · ')}*`, ...origin, ...printed].join('\n') + `\n\n${pick(o.summary, ctx.lang)}`,
    color: COLORS.org,
    fields: embedFields,
    footer: sourceFooter(ctx, o.sections),
  };
}

/**
 * A menu of organizations: choosing one shows it in place of this answer. Used for "did you mean"
 * (with founding and type under each name) and by /taiwan for the organizations a place belongs to.
 */
export function orgMenu(
  ctx: Ctx,
  orgs: readonly Organization[],
  placeholder: string,
  details: boolean,
): APIActionRowComponent<APIStringSelectComponent> | undefined {
  if (orgs.length === 0) return undefined;
  return selectMenu(
    ORG_PICK.encode({ lang: ctx.lang, action: 'pick' }),
    placeholder,
    orgs.map((o) => ({
      label: orgTitle(o, ctx.lang),
      value: o.id,
      ...(details ? { description: `${foundedText(ctx, o.founded)} · ${typeLabel(ctx, o)}` } : {}),
    })),
  );
}

/**
 * One organization, short: the lines that answer the question when there are some (the focus, answered,
 * with its sections) and, unless they say it all, the short card; either way Full record and Cite buttons.
 */
export function orgCard(ctx: Ctx, o: Organization, lead?: string, brief = !lead): Payload {
  const body: Payload = { ...(lead ? { content: lead } : {}), ...(brief ? { embeds: [orgBrief(ctx, o)] } : {}) };
  return withActions(ctx, body, { full: o.id, cite: o.id });
}

/** The answer to a search over organizations: the best card, and the other candidates when unsure. */
export function orgSearchAnswer(ctx: Ctx, query: string, result: SearchResult<RecordKind>, lead?: string): Payload {
  const hits = result.hits.map((h) => ctx.data.org(h.id)).filter((o): o is Organization => o !== undefined);
  const [best, ...others] = hits;
  if (result.status === 'none' || !best) return orgMiss(ctx, query);
  const lines: string[] = [];
  if (lead) lines.push(lead);
  if (result.status === 'ambiguous') {
    lines.push(ctx.t('org:ambiguous', { query: quoteUser(query), best: orgTitle(best, ctx.lang) }));
  }
  const embeds: APIEmbed[] = [orgBrief(ctx, best)];
  if (others.length > 0) {
    embeds.push({
      title: ctx.t('org:candidates'),
      color: COLORS.info,
      description: others.map((o) => bullet(`${orgTitle(o, ctx.lang)} — ${foundedText(ctx, o.founded)}`)).join('\n'),
    });
  }
  const menu = others.length > 0 ? orgMenu(ctx, hits, ctx.t('org:didYouMean'), true) : undefined;
  const payload: Payload = {
    ...(lines.length > 0 ? { content: lines.join('\n') } : {}),
    embeds,
    ...(menu ? { components: [menu] } : {}),
  };
  return withActions(ctx, payload, { full: best.id, cite: best.id });
}

/** Nothing matched: say so, point to /taiwan when the query names a Taiwanese place, and suggest what to try. */
export function orgMiss(ctx: Ctx, query: string): Payload {
  const lines = [ctx.t('org:none', { query: quoteUser(query) })];
  const place = ctx.search.search(query, { kinds: ['place', 'alliance'] });
  const placeHit = place.status !== 'none' ? place.hits[0] : undefined;
  const placeRecord = placeHit ? (ctx.data.place(placeHit.id) ?? ctx.data.alliance(placeHit.id)) : undefined;
  if (placeRecord) lines.push(ctx.t('org:tryTaiwan', { name: pick(placeRecord.names, ctx.lang) }));
  lines.push(
    ctx.t('org:tryHint', {
      list: slash(ctx, '/list'),
      founded: slash(ctx, ctx.lang === 'en' ? '/founded 1990s' : '/founded 1990年代'),
    }),
  );
  return { content: lines.join('\n') };
}
