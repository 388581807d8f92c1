/**
 * /taiwan city — a Taiwanese city or county: its international organizations (each linked), sister cities
 * and ports, events, domestic alliances, and the 2010/2014 merger that changed it. No city: an overview of
 * Taiwan's alliances and of which places take part in which organizations.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { actionButton, withActions, withButton } from '../src/answers/actions.js';
import { defineCommand, onComponent } from '../src/answers/command.js';
import { csvReply } from '../src/answers/csv.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import {
  COLORS,
  bullet,
  dateText,
  factLine,
  notesField,
  other,
  pick,
  sourceFooter,
  splitField,
} from '../src/answers/format.js';
import { inputProblem } from '../src/answers/input-problem.js';
import {
  TW_PICK,
  allianceMembers,
  placeCard,
  placeRecord,
  placeSearchAnswer,
  type PlaceRecord,
} from '../src/answers/place.js';
import { fields, idCodec } from '../src/kernel/custom-id.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { cleanText } from '../src/kernel/input.js';
import { LIMITS, clamp } from '../src/kernel/limits.js';
import { QUERY_MAX_LENGTH } from '../src/kernel/options.js';
import type { Choice, ComponentReply, Payload, PictureAnswer } from '../src/kernel/types.js';
import { mapButton, taiwanMapAnswer, withPictureButton } from '../src/answers/pictures.js';

/** `twcsv:<lang>:<place|->`: the organizations a place (or, `-`, any Taiwanese place) takes part in, as CSV. */
const TW_CSV = idCodec('twcsv', 1, { lang: fields.lang, place: fields.optional(fields.recordId) });

/** The organizations of a place, or of every place, in the order the dataset lists them. */
function taiwanCsv(ctx: Ctx, placeId: string | undefined): ComponentReply | undefined {
  const places = placeId ? [ctx.data.place(placeId)].filter((p) => p !== undefined) : ctx.data.places;
  if (placeId && places.length === 0) return undefined;
  const ids = new Set(places.flatMap((p) => p.memberships.map((m) => m.org)));
  const orgs = ctx.data.organizations.filter((o) => ids.has(o.id));
  return csvReply(
    ctx,
    orgs.map((org) => ({ org })),
    `taiwan-${placeId ?? 'all'}`,
  );
}

/** A place's card with its export button (an alliance's card has no organizations of its own to export). */
function placeAnswer(ctx: Ctx, record: PlaceRecord): Payload {
  // The participation map, with this place's links drawn strong (an alliance's card: the whole map).
  const isPlace = 'memberships' in record;
  const card = withPictureButton(placeCard(ctx, record), mapButton(ctx, isPlace ? record.id : undefined));
  if (!isPlace || record.memberships.length === 0) return card;
  return withButton(card, actionButton(TW_CSV.encode({ lang: ctx.lang, place: record.id }), ctx.t('actions:csv')));
}

/** No city: the overview, with the participation map as its picture. */
function overviewAnswer(ctx: Ctx): PictureAnswer {
  const map = taiwanMapAnswer(ctx);
  const embed: APIEmbed = { ...overviewEmbed(ctx), image: { url: `attachment://${map.picture.name}` } };
  const payload = withActions(
    ctx,
    { embeds: [embed] },
    { cite: null, csv: TW_CSV.encode({ lang: ctx.lang, place: undefined }) },
  );
  return { payload, picture: map.picture };
}

/** With no city: Taiwan's alliances and which places take part in which organizations. */
function overviewEmbed(ctx: Ctx): APIEmbed {
  const d = ctx.data;
  const overview = d.taiwanOverview.map((f) => factLine(ctx, { ...f, date: undefined }));
  const alliances = d.alliances.map((a) => {
    return bullet(
      `**${pick(a.names, ctx.lang)}** — ${dateText(ctx, a.established)}, ${allianceMembers(ctx, a, { count: true })}`,
    );
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

/** Autocomplete: places and the alliances that are not also table organizations, value = stable id. */
function taiwanChoices(ctx: Ctx, typed: string): Choice[] {
  const text = cleanText(typed);
  const records: PlaceRecord[] = [...ctx.data.places, ...ctx.data.alliances.filter((a) => !a.org)];
  const toChoice = (r: PlaceRecord): Choice => ({
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

export const taiwan = defineCommand({
  name: 'taiwan',
  options: [
    { name: 'city', type: ApplicationCommandOptionType.String, autocomplete: true, maxLength: QUERY_MAX_LENGTH },
  ],
  run(req, ctx) {
    if (req.options.city === undefined) return overviewAnswer(ctx);
    const text = cleanText(req.options.city);
    if (!text.ok) return inputProblem(ctx, text.reason, 'taiwan');
    // Autocomplete sends the stable id as the value: take it directly.
    const direct = placeRecord(ctx, text.text);
    if (direct) return placeAnswer(ctx, direct);
    const result = ctx.search.search(text.text, { kinds: ['place', 'alliance'] });
    const found = result.status === 'match' ? placeRecord(ctx, result.hits[0]?.id ?? '') : undefined;
    return found ? placeAnswer(ctx, found) : placeSearchAnswer(ctx, text.text, result);
  },
  autocomplete(req, ctx) {
    return taiwanChoices(ctx, req.focused.value);
  },
  components: [
    // "Did you mean": the select menu's value is a place's or an alliance's id; it replaces the message.
    onComponent(TW_PICK, ({ lang }, req, services) => {
      const ctx = withLang(services, lang);
      const record = placeRecord(ctx, req.values?.[0] ?? '');
      if (!record) return undefined;
      const card = placeAnswer(ctx, record);
      return { payload: { content: '', embeds: card.embeds ?? [], components: card.components ?? [] }, update: true };
    }),
    onComponent(TW_CSV, ({ lang, place }, _req, services) => taiwanCsv(withLang(services, lang), place)),
  ],
});
