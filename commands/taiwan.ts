/**
 * /taiwan city — a Taiwanese city or county: its international organizations (each linked), sister cities
 * and ports, events, domestic alliances, and the 2010/2014 merger that changed it. No city: an overview.
 */
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import type { APIActionRowComponent, APIEmbed, APIStringSelectComponent } from 'discord-api-types/v10';
import {
  QUERY_MAX_LENGTH,
  langCode,
  langFromCode,
  type CommandModule,
  type OptionSpec,
} from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { cleanText } from '../src/kernel/input.js';
import type { Choice, Payload } from '../src/kernel/types.js';
import type { DomesticAlliance, Place } from '../src/data/schema.js';
import { LIMITS, clamp } from '../src/kernel/limits.js';
import {
  COLORS,
  bullet,
  factLine,
  selectMenu,
  finish,
  notesField,
  orgTitle,
  other,
  pick,
  quoteUser,
  sectionLabel,
  sourceFooter,
  splitField,
} from '../src/answers/format.js';
import type { SearchResult } from '../src/search/engine.js';
import type { RecordKind } from '../src/data/search-docs.js';
import { orgMenu } from './org.js';
import { inputProblem } from '../src/answers/input-problem.js';

const options = [
  { name: 'city', type: ApplicationCommandOptionType.String, autocomplete: true, maxLength: QUERY_MAX_LENGTH },
] as const satisfies readonly OptionSpec[];

export const TAIWAN_PREFIX = 'tw';

function sec(ctx: Ctx, id: string): string {
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
    return bullet(`**${name}** — ${pick(m.text, ctx.lang)}${m.date ? ` (${m.date})` : ''} ${sec(ctx, m.section)}`);
  });
  const sister: string[] = [];
  if (p.sisterCityCount) {
    sister.push(
      ctx.t('taiwan:sisterCount', { n: p.sisterCityCount.count, asOf: p.sisterCityCount.asOf }) +
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
  const alliances = ctx.data.alliancesOf(p.id).map((a) => bullet(`${pick(a.names, ctx.lang)} (${a.established})`));
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

export function allianceEmbed(ctx: Ctx, a: DomesticAlliance): APIEmbed {
  const members = a.members.map((id) => ctx.data.place(id)).filter((p) => p !== undefined);
  const memberLine =
    members.length > 0
      ? members.map((p) => pick(p.names, ctx.lang)).join(ctx.lang === 'en' ? ', ' : '、')
      : ctx.t('taiwan:membersUnnamed', { n: a.memberCount ?? 0 });
  return {
    title: pick(a.names, ctx.lang),
    description: `*${other(a.names, ctx.lang)}*\n\n${pick(a.summary, ctx.lang)}`,
    color: COLORS.taiwan,
    fields: [
      { name: ctx.t('taiwan:fields.established'), value: a.established, inline: true },
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

/** With no city: Taiwan's alliances and which places take part in which organizations. */
export function overviewEmbed(ctx: Ctx): APIEmbed {
  const d = ctx.data;
  const overview = d.taiwanOverview.map((f) => factLine(ctx, { ...f, date: undefined }));
  const alliances = d.alliances.map((a) => {
    const n = a.members.length > 0 ? a.members.length : (a.memberCount ?? 0);
    return bullet(`**${pick(a.names, ctx.lang)}** — ${a.established}, ${ctx.t('taiwan:memberCount', { n })}`);
  });
  const participation = d.places
    .filter((p) => p.memberships.length > 0 || p.sisterCityCount)
    .map((p) => {
      const orgs = [...new Set(p.memberships.map((m) => m.org))]
        .map((id) => d.org(id))
        .filter((o) => o !== undefined)
        .map((o) => o.acronym ?? pick(o.names, ctx.lang));
      const sisters = p.sisterCityCount ? ctx.t('taiwan:sisterShort', { n: p.sisterCityCount.count }) : '';
      return bullet(`**${pick(p.names, ctx.lang)}**: ${[orgs.join(', '), sisters].filter(Boolean).join('; ')}`);
    });
  return {
    title: ctx.t('taiwan:overviewTitle'),
    color: COLORS.taiwan,
    description: overview.join('\n'),
    fields: [
      ...splitField(ctx.t('taiwan:fields.domestic'), alliances),
      ...splitField(ctx.t('taiwan:fields.participation'), participation),
      ...notesField(ctx, d.taiwanNotes),
    ],
    footer: sourceFooter(ctx, ['肆', '肆、一', '肆、二']),
  };
}

function placeMenu(
  ctx: Ctx,
  hits: SearchResult<RecordKind>['hits'],
): APIActionRowComponent<APIStringSelectComponent> | undefined {
  const options = hits
    .map((h) => ctx.data.place(h.id) ?? ctx.data.alliance(h.id))
    .filter((r) => r !== undefined)
    .map((r) => ({ label: pick(r.names, ctx.lang), value: r.id }));
  if (options.length < 2) return undefined;
  return selectMenu(`${TAIWAN_PREFIX}:${langCode(ctx.lang)}:pick`, ctx.t('taiwan:didYouMean'), options);
}

function recordEmbed(ctx: Ctx, id: string): APIEmbed | undefined {
  const p = ctx.data.place(id);
  if (p) return placeEmbed(ctx, p);
  const a = ctx.data.alliance(id);
  return a ? allianceEmbed(ctx, a) : undefined;
}

/** Payload for a place search result; shared with /ask. */
export function taiwanAnswer(
  ctx: Ctx,
  query: string,
  result: SearchResult<RecordKind>,
  hide: boolean,
  lead?: string,
): Payload {
  const best = result.hits[0];
  const first = best ? recordEmbed(ctx, best.id) : undefined;
  if (result.status === 'none' || !best || !first) {
    const names = ctx.data.places.map((p) => pick(p.names, ctx.lang)).join(ctx.lang === 'en' ? ', ' : '、');
    return finish(
      { content: `${ctx.t('taiwan:none', { query: quoteUser(query) })}\n${ctx.t('taiwan:covered', { names })}` },
      hide,
    );
  }
  const lines = [
    lead,
    result.status === 'ambiguous' ? ctx.t('taiwan:ambiguous', { query: quoteUser(query) }) : undefined,
  ].filter((x): x is string => Boolean(x));
  const place = ctx.data.place(best.id);
  const menu = result.status === 'ambiguous' ? placeMenu(ctx, result.hits) : place ? orgLinks(ctx, place) : undefined;
  return finish(
    {
      ...(lines.length > 0 ? { content: lines.join('\n') } : {}),
      embeds: [first],
      ...(menu ? { components: [menu] } : {}),
    },
    hide,
  );
}

export function taiwanChoices(ctx: Ctx, typed: string): Choice[] {
  const text = cleanText(typed);
  const records = [...ctx.data.places, ...ctx.data.alliances.filter((a) => !a.org)];
  const toChoice = (r: Place | DomesticAlliance): Choice => ({
    name: clamp(`${pick(r.names, ctx.lang)} · ${other(r.names, ctx.lang)}`, LIMITS.CHOICE_NAME),
    value: r.id,
  });
  if (!text.ok) return records.slice(0, LIMITS.AUTOCOMPLETE_CHOICES).map(toChoice);
  return ctx.search
    .suggest(text.text, { kinds: ['place', 'alliance'], limit: LIMITS.AUTOCOMPLETE_CHOICES })
    .map((h) => records.find((r) => r.id === h.id))
    .filter((r) => r !== undefined)
    .map(toChoice);
}

export const taiwan: CommandModule = {
  name: 'taiwan',
  options,
  run(req, ctx, hide) {
    if (req.options.city === undefined) return finish({ embeds: [overviewEmbed(ctx)] }, hide);
    const text = cleanText(req.options.city);
    if (!text.ok) return inputProblem(ctx, text.reason, 'taiwan');
    const direct = recordEmbed(ctx, text.text);
    if (direct) {
      const place = ctx.data.place(text.text);
      const menu = place ? orgLinks(ctx, place) : undefined;
      return finish({ embeds: [direct], ...(menu ? { components: [menu] } : {}) }, hide);
    }
    return taiwanAnswer(ctx, text.text, ctx.search.search(text.text, { kinds: ['place', 'alliance'] }), hide);
  },
  autocomplete(req, ctx) {
    return taiwanChoices(ctx, req.focused.value);
  },
  component: {
    prefix: TAIWAN_PREFIX,
    handle(parts, req, services) {
      // tw:<lang>:pick (select, value = place or alliance id)
      const lang = langFromCode(parts[1]);
      const id = parts[2] === 'pick' ? req.values?.[0] : undefined;
      if (!lang || !id) return undefined;
      const ctx = withLang(services, lang);
      const e = recordEmbed(ctx, id);
      if (!e) return undefined;
      const place = ctx.data.place(id);
      const menu = place ? orgLinks(ctx, place) : undefined;
      return { payload: finish({ content: '', embeds: [e], components: menu ? [menu] : [] }, false), update: true };
    },
  },
};
