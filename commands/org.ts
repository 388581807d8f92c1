/**
 * /org query — one organization: names, type, founding, what it is and does, headquarters, membership,
 * Taiwanese participants, 2006 websites, sources and data notes; close candidates when the match is unclear.
 */
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import type { APIActionRowComponent, APIEmbed, APIEmbedField, APIStringSelectComponent } from 'discord-api-types/v10';
import {
  QUERY_MAX_LENGTH,
  langCode,
  langFromCode,
  type CommandModule,
  type OptionSpec,
} from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { cleanText } from '../src/kernel/input.js';
import type { AutocompleteRequest, Choice, Payload } from '../src/kernel/types.js';
import type { FactTopic, Organization } from '../src/data/schema.js';
import { LIMITS, clamp } from '../src/kernel/limits.js';
import {
  COLORS,
  bullet,
  factLine,
  selectMenu,
  finish,
  foundedText,
  notesField,
  orgTitle,
  other,
  pick,
  quoteUser,
  sourceFooter,
  splitField,
} from '../src/answers/format.js';
import type { SearchResult } from '../src/search/engine.js';
import type { RecordKind } from '../src/data/search-docs.js';
import { inputProblem } from '../src/answers/input-problem.js';

const options = [
  {
    name: 'query',
    type: ApplicationCommandOptionType.String,
    required: true,
    autocomplete: true,
    maxLength: QUERY_MAX_LENGTH,
  },
] as const satisfies readonly OptionSpec[];

export const ORG_PREFIX = 'org';

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

function typeLabel(ctx: Ctx, o: Organization): string {
  return ctx.t(`common:types.${o.type}`);
}

function factLines(ctx: Ctx, o: Organization, topics: readonly FactTopic[]): string[] {
  return o.facts.filter((f) => topics.includes(f.topic)).map((f) => factLine(ctx, f));
}

/** The full answer for one organization: the first embed of every /org answer. */
export function orgEmbed(ctx: Ctx, o: Organization): APIEmbed {
  const founded =
    foundedText(ctx, o.founded) +
    (o.tableRows.length > 1
      ? ` ${ctx.t('org:tableRows', { values: o.tableRows.map((r) => foundedText(ctx, r.founded)).join(' / ') })}`
      : '') +
    (o.notes.some((n) => n.about === 'founded') ? ` ${ctx.t('org:seeNote')}` : '');
  const fields: APIEmbedField[] = [
    { name: ctx.t('common:fields.type'), value: typeLabel(ctx, o), inline: true },
    { name: ctx.t('common:fields.founded'), value: founded, inline: true },
  ];
  for (const { key, topics } of FIELD_TOPICS) {
    fields.push(...splitField(ctx.t(`org:fields.${key}`), factLines(ctx, o, topics)));
  }
  const participants = ctx.data.participantsOf(o.id).map((p) => {
    const roles = p.memberships.filter((m) => m.org === o.id).map((m) => pick(m.text, ctx.lang));
    return bullet(`${pick(p.names, ctx.lang)} — ${roles.join('; ')}`);
  });
  const alliance = ctx.data.alliances.find((a) => a.org === o.id);
  if (alliance) participants.push(bullet(ctx.t('org:domesticAlliance', { name: pick(alliance.names, ctx.lang) })));
  fields.push(
    ...splitField(ctx.t('org:fields.taiwan'), participants.length > 0 ? participants : [ctx.t('org:noTaiwan')]),
  );
  const related = o.links
    .map((l) => {
      const target = ctx.data.org(l.id);
      return target ? bullet(`${ctx.t(`org:rel.${l.rel}`)}: ${orgTitle(target, ctx.lang)}`) : undefined;
    })
    .filter((x): x is string => x !== undefined);
  fields.push(...splitField(ctx.t('org:fields.related'), related));
  const sites = o.tableRows.flatMap((r) => r.websites.map((w) => w.url));
  fields.push(
    ...splitField(
      ctx.t('org:fields.websites'),
      [...new Set(sites)].map((u) => `<${u}>`),
    ),
  );
  fields.push(...notesField(ctx, o.notes));
  const names = [other(o.names, ctx.lang), o.originalName].filter((x): x is string => Boolean(x));
  return {
    title: orgTitle(o, ctx.lang),
    description: `*${names.join(' · ')}*\n\n${pick(o.summary, ctx.lang)}`,
    color: COLORS.org,
    fields,
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
    `${ORG_PREFIX}:${langCode(ctx.lang)}:pick`,
    placeholder,
    orgs.map((o) => ({
      label: orgTitle(o, ctx.lang),
      value: o.id,
      ...(details ? { description: `${foundedText(ctx, o.founded)} · ${typeLabel(ctx, o)}` } : {}),
    })),
  );
}

/** Payload for a search result over organizations; shared with /ask. `lead` is a first line (the answer's focus). */
export function orgAnswer(
  ctx: Ctx,
  query: string,
  result: SearchResult<RecordKind>,
  hide: boolean,
  lead?: string,
): Payload {
  const best = result.hits[0] ? ctx.data.org(result.hits[0].id) : undefined;
  if (result.status === 'none' || !best) return orgMiss(ctx, query, hide);
  const others = result.hits.slice(1);
  const lines: string[] = [];
  if (lead) lines.push(lead);
  if (result.status === 'ambiguous') {
    lines.push(ctx.t('org:ambiguous', { query: quoteUser(query), best: orgTitle(best, ctx.lang) }));
  }
  const embeds: APIEmbed[] = [orgEmbed(ctx, best)];
  if (others.length > 0) {
    embeds.push({
      title: ctx.t('org:candidates'),
      color: COLORS.info,
      description: others
        .map((h) => ctx.data.org(h.id))
        .filter((o): o is Organization => o !== undefined)
        .map((o) => bullet(`${orgTitle(o, ctx.lang)} — ${foundedText(ctx, o.founded)}`))
        .join('\n'),
    });
  }
  const candidates = result.hits.map((h) => ctx.data.org(h.id)).filter((o): o is Organization => o !== undefined);
  const menu = others.length > 0 ? orgMenu(ctx, candidates, ctx.t('org:didYouMean'), true) : undefined;
  return finish(
    {
      ...(lines.length > 0 ? { content: lines.join('\n') } : {}),
      embeds,
      ...(menu ? { components: [menu] } : {}),
    },
    hide,
  );
}

export function orgMiss(ctx: Ctx, query: string, hide: boolean): Payload {
  const lines = [ctx.t('org:none', { query: quoteUser(query) })];
  const place = ctx.search.search(query, { kinds: ['place', 'alliance'] });
  const placeHit = place.status !== 'none' ? place.hits[0] : undefined;
  const placeRecord = placeHit ? (ctx.data.place(placeHit.id) ?? ctx.data.alliance(placeHit.id)) : undefined;
  if (placeRecord) lines.push(ctx.t('org:tryTaiwan', { name: pick(placeRecord.names, ctx.lang) }));
  lines.push(ctx.t('org:tryHint'));
  return finish({ content: lines.join('\n') }, hide);
}

/** Autocomplete: up to 25 organizations, value = stable id, a useful default list for an empty query. */
export function orgChoices(ctx: Ctx, typed: string): Choice[] {
  const text = cleanText(typed);
  const toChoice = (o: Organization): Choice => ({
    name: clamp(`${orgTitle(o, ctx.lang)} · ${foundedText(ctx, o.founded)}`, LIMITS.CHOICE_NAME),
    value: o.id,
  });
  if (!text.ok) {
    // Default: the organizations the article describes in full (section 參), then the table in order.
    const described = ctx.data.organizations.filter((o) => o.sections.some((s) => s.startsWith('參、')));
    const rest = ctx.data.organizations.filter((o) => !described.includes(o));
    return [...described, ...rest].slice(0, LIMITS.AUTOCOMPLETE_CHOICES).map(toChoice);
  }
  return ctx.search
    .suggest(text.text, { kinds: ['org'], limit: LIMITS.AUTOCOMPLETE_CHOICES })
    .map((h) => ctx.data.org(h.id))
    .filter((o): o is Organization => o !== undefined)
    .map(toChoice);
}

export const org: CommandModule = {
  name: 'org',
  options,
  run(req, ctx, hide) {
    const text = cleanText(req.options.query);
    if (!text.ok) return inputProblem(ctx, text.reason, 'org');
    // Autocomplete sends the stable id as the value: take it directly.
    const direct = ctx.data.org(text.text);
    if (direct) return finish({ embeds: [orgEmbed(ctx, direct)] }, hide);
    return orgAnswer(ctx, text.text, ctx.search.search(text.text, { kinds: ['org'] }), hide);
  },
  autocomplete(req: AutocompleteRequest, ctx) {
    return orgChoices(ctx, req.focused.value);
  },
  component: {
    prefix: ORG_PREFIX,
    handle(parts, req, services) {
      // org:<lang>:pick (select menu, value = id) | org:<lang>:show:<id> (button)
      const lang = langFromCode(parts[1]);
      const id = parts[2] === 'pick' ? req.values?.[0] : parts[2] === 'show' ? parts[3] : undefined;
      const o = id ? services.data.org(id) : undefined;
      if (!lang || !o) return undefined;
      const ctx = withLang(services, lang);
      return { payload: finish({ content: '', embeds: [orgEmbed(ctx, o)], components: [] }, false), update: true };
    },
  },
};
