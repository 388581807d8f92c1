/**
 * Pictures as answers: the founding timeline of the article's table and Taiwan's participation map. This
 * file says what a picture shows (its rows or links, in order), its alt text and the message that carries
 * it, all pure; src/drawing/ draws it from the same models, so the picture, its alt text and the text
 * answer cannot disagree. The "時間軸 / Timeline" and "參與圖 / Participation map" buttons carry what to draw
 * in their custom_id (`pic:<lang>:<spec>`), and the file name carries it too, so Share can draw a shared
 * picture again on any shard.
 */
import type { APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import type { DomesticAlliance, Founded, Organization, ParticipationKind, Place } from '../data/schema.js';
import { TABLE_GROUPS } from '../data/enums.js';
import { foldHan } from '../search/normalize.js';
import { INVALID, fields, idCodec, type Field } from '../kernel/custom-id.js';
import { MessageFlags } from '../kernel/discord-enums.js';
import { LIMITS, clamp } from '../kernel/limits.js';
import type { ComponentReply, Lang, Payload, PictureAnswer, PictureRequest, PictureSpec } from '../kernel/types.js';
import { actionButton, shareButton, withButton } from './actions.js';
import { apaEnInText, apaZhInText } from './citation.js';
import { onComponent, type ComponentRoute } from './command.js';
import { withLang, type Ctx, type Services } from './context.js';
import { COLORS, dateText, notice, pick, sectionLabel, tagged } from './format.js';

export type TableGroup = (typeof TABLE_GROUPS)[number];

/** More rows than this make no legible picture on a phone (the article's table has 36). */
export const MAX_TIMELINE_ROWS = 60;

// ---------------------------------------------------------------------------------------------------------
// What a picture shows

/** One mark of the timeline: a table row, as printed. */
export interface TimelineEntry {
  row: number;
  org: Organization;
  group: TableGroup;
  founded: Founded;
  /** The founding value has a data note (the picture marks it ⚠). */
  noted: boolean;
}

export interface TimelineModel {
  /** Rows with a year, in founding order (then table order): one lane each. */
  dated: TimelineEntry[];
  /** `--` rows and 籌備中 rows, in table order: shown apart from the axis. */
  unknown: TimelineEntry[];
  preparing: TimelineEntry[];
  /** Rows drawn per type, in the table's group order. */
  counts: Array<{ group: TableGroup; n: number }>;
  /** What the filter is, for the title: every row, one type's rows, or some rows of a list. */
  scope: { kind: 'all' } | { kind: 'type'; group: TableGroup } | { kind: 'rows' };
  total: number;
}

const notedFounding = (o: Organization): boolean => o.notes.some((n) => n.about === 'founded');

/** Every table row of the dataset, in table order. */
function tableEntries(ctx: Ctx): TimelineEntry[] {
  return ctx.data.organizations
    .flatMap((org) =>
      org.tableRows.map((r) => ({ row: r.row, org, group: r.group, founded: r.founded, noted: notedFounding(org) })),
    )
    .sort((a, b) => a.row - b.row);
}

/** The timeline of `rows` (every table row when absent); rows the table does not have are ignored. */
export function timelineModel(ctx: Ctx, rows?: readonly number[]): TimelineModel {
  const all = tableEntries(ctx);
  const wanted = rows ? new Set(rows) : undefined;
  const shown = wanted ? all.filter((e) => wanted.has(e.row)) : all;
  const year = (e: TimelineEntry): number => (e.founded.kind === 'year' ? e.founded.year : 0);
  const dated = shown.filter((e) => e.founded.kind === 'year').sort((a, b) => year(a) - year(b) || a.row - b.row);
  const groups = TABLE_GROUPS.filter((g) => shown.some((e) => e.group === g));
  const typeOnly = groups.length === 1 && groups[0] !== undefined ? groups[0] : undefined;
  const sameAsType = typeOnly !== undefined && shown.length === all.filter((e) => e.group === typeOnly).length;
  return {
    dated,
    unknown: shown.filter((e) => e.founded.kind === 'unknown'),
    preparing: shown.filter((e) => e.founded.kind === 'preparing'),
    counts: groups.map((group) => ({ group, n: shown.filter((e) => e.group === group).length })),
    scope:
      !wanted || shown.length === all.length
        ? { kind: 'all' }
        : sameAsType && typeOnly
          ? { kind: 'type', group: typeOnly }
          : { kind: 'rows' },
    total: shown.length,
  };
}

/** The table rows of one type. */
export function rowsOfType(ctx: Ctx, group: TableGroup): number[] {
  return tableEntries(ctx)
    .filter((e) => e.group === group)
    .map((e) => e.row);
}

/**
 * An organization as the alt text and the text answer under a picture name it, short: the acronym in
 * English when there is one (else the name without its bracketed gloss), the Chinese name in Chinese.
 */
export function markName(org: Organization, lang: Lang): string {
  return lang === 'en' ? (org.acronym ?? org.names.en.replace(/\s*\([^)]*\)$/, '').replace(/^The /, '')) : org.names.zh;
}

/** How a place takes part in what the map links it to. */
export type LinkKind = ParticipationKind | 'alliance';
export const LINK_KINDS: readonly LinkKind[] = ['member', 'founding-member', 'attended', 'alliance'];

export interface MapPlace {
  place: Place;
  /** The name it has had since a merger or upgrade after the article (a context note), and the year. */
  becomes?: { name: string; year: number };
}

export interface MapModel {
  /** Places the article names, ordered so that links cross little (by the mean position of their targets). */
  places: MapPlace[];
  orgs: Organization[];
  alliances: DomesticAlliance[];
  links: Array<{ place: string; target: string; kind: LinkKind }>;
  focus?: string | undefined;
}

export function taiwanMapModel(ctx: Ctx, focus?: string): MapModel {
  const { data } = ctx;
  const links: MapModel['links'] = [];
  const orgIds: string[] = [];
  for (const p of data.places)
    for (const m of p.memberships) {
      if (!data.org(m.org)) continue;
      if (!orgIds.includes(m.org)) orgIds.push(m.org);
      if (!links.some((l) => l.place === p.id && l.target === m.org && l.kind === m.kind))
        links.push({ place: p.id, target: m.org, kind: m.kind });
    }
  for (const a of data.alliances) for (const id of a.members) links.push({ place: id, target: a.id, kind: 'alliance' });
  const orgs = orgIds.map((id) => data.org(id)).filter((o): o is Organization => o !== undefined);
  // Targets in a fixed order (organizations by how many places take part, then alliances by date), and the
  // places by the mean position of their targets: one pass of the barycentre heuristic, enough for 14 places.
  orgs.sort((a, b) => count(links, b.id) - count(links, a.id) || a.id.localeCompare(b.id));
  const alliances = [...data.alliances].sort((a, b) => a.established.localeCompare(b.established));
  const position = new Map([...orgs.map((o) => o.id), ...alliances.map((a) => a.id)].map((id, i) => [id, i]));
  const centre = (id: string): number => {
    const at = links.filter((l) => l.place === id).map((l) => position.get(l.target) ?? 0);
    return at.length > 0 ? at.reduce((s, x) => s + x, 0) / at.length : Infinity;
  };
  const places = [...data.places]
    .filter((p) => links.some((l) => l.place === p.id))
    .sort((a, b) => centre(a.id) - centre(b.id) || a.id.localeCompare(b.id))
    .map((place): MapPlace => {
      const note = place.notes.find((n) => n.becomes && n.effective);
      return note?.becomes && note.effective
        ? { place, becomes: { name: pick(note.becomes, ctx.lang), year: Number(note.effective.slice(0, 4)) } }
        : { place };
    });
  return { places, orgs, alliances, links, focus: focus && data.place(focus) ? focus : undefined };
}

const count = (links: MapModel['links'], target: string): number => links.filter((l) => l.target === target).length;

// ---------------------------------------------------------------------------------------------------------
// Codes: in custom_ids, file names and cache keys

/**
 * A picture as a short code: `tl` (every row), `tl.<hex>` (a bit per table row, row 1 the lowest bit),
 * `tw` (the map), `tw.<place id>` (the map with one place's links drawn strong).
 */
export const specField: Field<PictureSpec> = {
  encode(spec) {
    if (spec.kind === 'taiwan-map') return spec.focus ? `tw.${spec.focus}` : 'tw';
    if (!spec.rows) return 'tl';
    let mask = 0n;
    for (const r of spec.rows) mask |= 1n << BigInt(r - 1);
    return `tl.${mask.toString(16)}`;
  },
  decode(s) {
    if (s === 'tl') return { kind: 'timeline' };
    if (s === 'tw') return { kind: 'taiwan-map' };
    const tw = /^tw\.([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(s);
    if (tw) return { kind: 'taiwan-map', focus: tw[1] };
    const tl = /^tl\.([0-9a-f]{1,20})$/.exec(s);
    if (!tl) return INVALID;
    const rows: number[] = [];
    let mask = BigInt(`0x${tl[1]}`);
    for (let r = 1; mask > 0n; r++, mask >>= 1n) if (mask & 1n) rows.push(r);
    return rows.length > 0 ? { kind: 'timeline', rows } : INVALID;
  },
};

/** `pic:<lang>:<spec>`: the picture, as a new hidden reply (the Timeline and Participation map buttons). */
export const PIC = idCodec('pic', 1, { lang: fields.lang, spec: specField });

/** `timeline-tl.1ff-zh-TW.png`: the file name says what was drawn, so Share can draw it again. */
export function pictureName(spec: PictureSpec, lang: Lang): string {
  return `${spec.kind}-${specField.encode(spec)}-${lang}.png`;
}

/** What a picture's file name (or an image URL ending in it) says was drawn; undefined for any other file. */
export function pictureOf(nameOrUrl: string): { spec: PictureSpec; lang: Lang } | undefined {
  const name = nameOrUrl.split(/[?#]/, 1)[0]?.split('/').pop() ?? '';
  const m = /^(timeline|taiwan-map)-([a-z0-9.-]+?)-(zh-TW|en)\.png$/.exec(name);
  if (!m) return undefined;
  const spec = specField.decode(m[2]!);
  if (spec === INVALID || spec.kind !== m[1]) return undefined;
  return { spec, lang: m[3] as Lang };
}

// ---------------------------------------------------------------------------------------------------------
// Messages

/** The citation the pictures' footers give: the article, in-text form, and the part drawn. */
function sourceOf(ctx: Ctx, section: string): string {
  const part = ctx.data.sectionTitle(section);
  return ctx.t('picture:source', {
    who: whoOf(ctx),
    title: pick(ctx.data.article.title, ctx.lang),
    part: part ? pick(part.title, ctx.lang) : section,
    date: dateText(ctx, ctx.data.article.date),
  });
}

/** The authors as an in-text citation names them: 莊麗蘭等人（2006） / Juang et al. (2006). */
const whoOf = (ctx: Ctx): string =>
  ctx.lang === 'en' ? apaEnInText(ctx.data.article)[0] : apaZhInText(ctx.data.article)[0];

/** A city that kept its name when its county merged into it (臺南市 → 臺南市): "merged", not "→ itself". */
const keptName = (name: string, becomes: { name: string }): boolean => foldHan(name) === foldHan(becomes.name);

/** The later names, short, by year: "2010: Taipei County → New Taipei City, Tainan City (merged); 2014: …". */
function altMergers(ctx: Ctx, model: MapModel): string {
  const years = [...new Set(model.places.flatMap((p) => (p.becomes ? [p.becomes.year] : [])))].sort();
  const sep = listSep(ctx);
  return years
    .map((year) => {
      const items = model.places.flatMap(({ place, becomes }) => {
        if (!becomes || becomes.year !== year) return [];
        const name = pick(place.names, ctx.lang);
        return [
          keptName(name, becomes) ? tagged(ctx, name, [ctx.t('picture:map.altMerged')]) : `${name} → ${becomes.name}`,
        ];
      });
      return `${year}${ctx.lang === 'en' ? ': ' : '：'}${items.join(sep)}`;
    })
    .join(ctx.lang === 'en' ? '; ' : '；');
}

export function timelineTexts(
  ctx: Ctx,
  model: TimelineModel,
): { title: string; scope: string; footer: string; filter: string } {
  const scope =
    model.scope.kind === 'all'
      ? ctx.t('picture:timeline.scopeAll', { n: model.total })
      : model.scope.kind === 'type'
        ? ctx.t('picture:timeline.scopeType', { type: ctx.t(`common:types.${model.scope.group}`), n: model.total })
        : ctx.t('picture:timeline.scopeRows', { n: model.total });
  const counts = model.counts
    .map((c) => ctx.t('picture:timeline.count', { type: ctx.t(`common:types.${c.group}`), n: c.n }))
    .join(ctx.lang === 'en' ? ', ' : '、');
  return {
    title: ctx.t('picture:timeline.title'),
    // One type's timeline needs no count per type: its scope says it.
    scope: model.scope.kind === 'type' ? scope : `${scope} · ${counts}`,
    footer: sourceOf(ctx, '附表'),
    filter: scope,
  };
}

const yearOf = (e: TimelineEntry): number => (e.founded.kind === 'year' ? e.founded.year : 0);
const marked = (ctx: Ctx, e: TimelineEntry): string => `${markName(e.org, ctx.lang)}${e.noted ? ' ⚠' : ''}`;
const listSep = (ctx: Ctx): string => (ctx.lang === 'en' ? ', ' : '、');

/** The timeline as text: one line per decade (the text answer, and what the picture stands in for). */
function timelineLines(ctx: Ctx, model: TimelineModel): string[] {
  const decades = new Map<number, TimelineEntry[]>();
  for (const e of model.dated) {
    const d = Math.floor(yearOf(e) / 10) * 10;
    decades.set(d, [...(decades.get(d) ?? []), e]);
  }
  const lines = [...decades].map(
    ([d, es]) =>
      `**${ctx.t('picture:timeline.decade', { decade: d })}** ${es.map((e) => `${yearOf(e)} ${marked(ctx, e)}`).join(' · ')}`,
  );
  if (model.unknown.length > 0)
    lines.push(`**${ctx.t('picture:timeline.unknown')}** ${model.unknown.map((e) => marked(ctx, e)).join(' · ')}`);
  if (model.preparing.length > 0)
    lines.push(`**${ctx.t('picture:timeline.preparing')}** ${model.preparing.map((e) => marked(ctx, e)).join(' · ')}`);
  return lines;
}

function timelineAlt(ctx: Ctx, model: TimelineModel): string {
  const texts = timelineTexts(ctx, model);
  const sep = listSep(ctx);
  const byType = model.counts.map(({ group, n }) =>
    ctx.t('picture:timeline.altType', {
      type: ctx.t(`common:types.${group}`),
      n,
      marks: model.dated
        .filter((e) => e.group === group)
        .map((e) => `${yearOf(e)} ${marked(ctx, e)}`)
        .join(sep),
    }),
  );
  const apart = [
    ...(model.unknown.length > 0
      ? [
          ctx.t('picture:timeline.altApart', {
            what: ctx.t('picture:timeline.altUnknown'),
            marks: model.unknown.map((e) => marked(ctx, e)).join(sep),
          }),
        ]
      : []),
    ...(model.preparing.length > 0
      ? [
          ctx.t('picture:timeline.altApart', {
            what: ctx.t('picture:timeline.altPreparing'),
            marks: model.preparing.map((e) => marked(ctx, e)).join(sep),
          }),
        ]
      : []),
  ];
  const noted = [...model.dated, ...model.unknown, ...model.preparing].some((e) => e.noted);
  return clamp(
    [
      ctx.t('picture:timeline.alt', { title: ctx.t('picture:timeline.altTitle'), scope: texts.filter }),
      ...byType,
      ...apart,
      ...(noted ? [ctx.t('picture:altNoted')] : []),
      ctx.t('picture:altSourceTable', { who: whoOf(ctx) }),
    ].join(' '),
    LIMITS.ATTACHMENT_DESCRIPTION,
  );
}

function pictureEmbed(title: string, description: string, name: string, footer: string): APIEmbed {
  return {
    title,
    description,
    color: COLORS.founded,
    image: { url: `attachment://${name}` },
    footer: { text: footer },
  };
}

/** The timeline as an answer: the picture, with the same years as text under the title. */
export function timelineAnswer(ctx: Ctx, rows?: readonly number[]): PictureAnswer | Payload {
  const model = timelineModel(ctx, rows);
  if (model.total === 0) return notice(ctx.t('picture:timeline.empty'));
  if (model.total > MAX_TIMELINE_ROWS)
    return notice(ctx.t('picture:timeline.tooMany', { n: model.total, max: MAX_TIMELINE_ROWS }));
  const spec: PictureSpec = { kind: 'timeline', ...(model.scope.kind === 'all' ? {} : { rows: rowsOf(model) }) };
  const name = pictureName(spec, ctx.lang);
  const texts = timelineTexts(ctx, model);
  const noted = [...model.dated, ...model.unknown, ...model.preparing].some((e) => e.noted);
  const description = [texts.scope, '', ...timelineLines(ctx, model), ...(noted ? ['', ctx.t('picture:noted')] : [])];
  return {
    payload: { embeds: [pictureEmbed(texts.title, description.join('\n'), name, texts.footer)] },
    picture: { spec, lang: ctx.lang, name, alt: timelineAlt(ctx, model) },
  };
}

const rowsOf = (m: TimelineModel): number[] =>
  [...m.dated, ...m.unknown, ...m.preparing].map((e) => e.row).sort((a, b) => a - b);

export function mapTexts(ctx: Ctx, model: MapModel): { title: string; scope: string; footer: string } {
  const focus = model.focus ? ctx.data.place(model.focus) : undefined;
  return {
    title: ctx.t('picture:map.title'),
    scope: ctx.t(focus ? 'picture:map.scopeFocus' : 'picture:map.scope', {
      places: model.places.length,
      orgs: model.orgs.length,
      alliances: model.alliances.length,
      place: focus ? pick(focus.names, ctx.lang) : '',
    }),
    footer: sourceOf(ctx, '肆'),
  };
}

/**
 * Each organization and alliance with the places linked to it, as words (the map's text answer and, with
 * the later names, its alt text); a place that is not simply a member says how it takes part.
 */
function mapLines(ctx: Ctx, model: MapModel): string[] {
  const sep = listSep(ctx);
  const placeName = (id: string): string => {
    const p = ctx.data.place(id);
    return p ? pick(p.names, ctx.lang) : id;
  };
  const targets: Array<{ id: string; name: string; counted?: number }> = [
    ...model.orgs.map((o) => ({ id: o.id, name: markName(o, ctx.lang) })),
    ...model.alliances.map((a) => ({
      id: a.id,
      name: pick(a.names, ctx.lang),
      ...(a.counted ? { counted: a.counted.count } : {}),
    })),
  ];
  return targets.map((t) => {
    const places = model.links
      .filter((l) => l.target === t.id)
      .map((l) =>
        l.kind === 'member' || l.kind === 'alliance'
          ? placeName(l.place)
          : tagged(ctx, placeName(l.place), [ctx.t(`common:participation.${l.kind}`)]),
      );
    const counted = t.counted ? [ctx.t('picture:map.counted', { count: t.counted })] : [];
    return `**${t.name}**: ${[...places, ...counted].join(sep)}`;
  });
}

/** "→ New Taipei City since 2010", or, for a place that kept its name in a merger, "→ merged in 2010". */
export function mergedText(ctx: Ctx, name: string, becomes: { name: string; year: number }): string {
  return `→ ${
    keptName(name, becomes)
      ? ctx.t('picture:map.mergedSame', { year: becomes.year })
      : ctx.t('picture:map.merged', becomes)
  }`;
}

/** The places renamed or merged after the article, with what they became. */
function mergerLine(ctx: Ctx, model: MapModel): string | undefined {
  const merged = model.places.flatMap(({ place, becomes }) =>
    becomes ? [`${pick(place.names, ctx.lang)} ${mergedText(ctx, pick(place.names, ctx.lang), becomes)}`] : [],
  );
  return merged.length > 0 ? ctx.t('picture:map.mergers', { list: merged.join(listSep(ctx)) }) : undefined;
}

export function taiwanMapAnswer(ctx: Ctx, focus?: string): PictureAnswer {
  const model = taiwanMapModel(ctx, focus);
  const spec: PictureSpec = { kind: 'taiwan-map', ...(model.focus ? { focus: model.focus } : {}) };
  const name = pictureName(spec, ctx.lang);
  const texts = mapTexts(ctx, model);
  const merger = mergerLine(ctx, model);
  const lines = [...mapLines(ctx, model), ...(merger ? [merger] : [])];
  const alt = clamp(
    [
      `${texts.title}${ctx.lang === 'en' ? '.' : '。'}`,
      ...mapLines(ctx, model).map((l) => `${l}${ctx.lang === 'en' ? '.' : '。'}`),
      ...(model.places.some((p) => p.becomes)
        ? [ctx.t('picture:map.altMergers', { list: altMergers(ctx, model) })]
        : []),
      ctx.t('picture:altSource', { who: whoOf(ctx), part: sectionLabel(ctx, '肆') }),
    ]
      .join(' ')
      .replace(/\*\*/g, ''),
    LIMITS.ATTACHMENT_DESCRIPTION,
  );
  return {
    payload: {
      embeds: [pictureEmbed(texts.title, [texts.scope, '', ...lines].join('\n'), name, texts.footer)],
    },
    picture: { spec, lang: ctx.lang, name, alt },
  };
}

/** The answer for a picture code, in a language: what a button click and a shared picture show. */
export function pictureAnswer(ctx: Ctx, spec: PictureSpec): PictureAnswer | Payload {
  return spec.kind === 'timeline' ? timelineAnswer(ctx, spec.rows) : taiwanMapAnswer(ctx, spec.focus);
}

// ---------------------------------------------------------------------------------------------------------
// Buttons

/**
 * The "時間軸 / Timeline" button of a list: its table rows (all, when the list is the whole table). None when
 * the list has no table rows, or too many to draw, or more than a custom_id can carry.
 */
export function timelineButton(ctx: Ctx, rows: readonly number[] | undefined): APIButtonComponent | undefined {
  if (rows && (rows.length === 0 || rows.length > MAX_TIMELINE_ROWS)) return undefined;
  // Counted, not built: this runs on every list answer, and the entries are only needed to draw.
  const total = ctx.data.organizations.reduce((n, o) => n + o.tableRows.length, 0);
  if (total === 0 || (!rows && total > MAX_TIMELINE_ROWS)) return undefined;
  const whole = !rows || new Set(rows).size === total;
  const id = `${PIC.tag}:${fields.lang.encode(ctx.lang)}:${specField.encode({ kind: 'timeline', ...(whole ? {} : { rows }) })}`;
  if (id.length > LIMITS.CUSTOM_ID || PIC.decode(id) === undefined) return undefined;
  return actionButton(id, ctx.t('picture:timeline.button'));
}

/** The table rows a list shows: each organization's rows under the founding value it was listed with (all its rows without one). */
export function rowsListed(entries: ReadonlyArray<{ org: Organization; founded?: Founded | undefined }>): number[] {
  const same = (a: Founded, b: Founded): boolean => JSON.stringify(a) === JSON.stringify(b);
  return [
    ...new Set(
      entries.flatMap((e) => e.org.tableRows.filter((r) => !e.founded || same(r.founded, e.founded)).map((r) => r.row)),
    ),
  ];
}

/** The "參與圖 / Participation map" button, with one place's links drawn strong when given. */
export function mapButton(ctx: Ctx, focus?: string): APIButtonComponent {
  return actionButton(
    PIC.encode({ lang: ctx.lang, spec: { kind: 'taiwan-map', ...(focus ? { focus } : {}) } }),
    ctx.t('picture:map.button'),
  );
}

/** A picture button's label, from its custom_id: 時間軸 / Timeline or 參與圖 / Participation map. */
export function pictureButtonLabel(ctx: Ctx, customId: string): string {
  return ctx.t(PIC.decode(customId)?.spec.kind === 'taiwan-map' ? 'picture:map.button' : 'picture:timeline.button');
}

/** The payload with a picture button added (to its last button row with room). */
export function withPictureButton(payload: Payload, b: APIButtonComponent | undefined): Payload {
  return b ? withButton(payload, b) : payload;
}

/** A click on a picture button: the picture as a new hidden reply, with a Share button to post it. */
export const PICTURE_ROUTES: readonly ComponentRoute[] = [
  onComponent(PIC, ({ lang, spec }, _req, services): ComponentReply | undefined => {
    const ctx = withLang(services, lang);
    const answer = pictureAnswer(ctx, spec);
    if (!('picture' in answer)) return { payload: answer, update: false };
    const payload = withButton(
      { ...answer.payload, flags: MessageFlags.Ephemeral } satisfies Payload,
      shareButton(ctx, undefined),
    );
    return { payload, update: false, picture: answer.picture };
  }),
];

/** Whether a command's result carries a picture. */
export function isPictureAnswer(r: Payload | PictureAnswer): r is PictureAnswer {
  return 'picture' in r && 'payload' in r;
}

/**
 * A shared message with its picture drawn again: Discord sends the clicked message with its image as a CDN
 * URL, which a new message cannot attach; the file name in that URL says what was drawn. Undefined when the
 * message shows no picture of ours.
 */
export function sharedPicture(
  services: Services,
  embeds: readonly APIEmbed[],
): { embeds: APIEmbed[]; picture: PictureRequest } | undefined {
  for (const [i, e] of embeds.entries()) {
    const found = e.image?.url ? pictureOf(e.image.url) : undefined;
    if (!found) continue;
    const answer = pictureAnswer(withLang(services, found.lang), found.spec);
    if (!isPictureAnswer(answer)) return undefined;
    const shown = embeds.map((x, j) => (j === i ? { ...x, image: { url: `attachment://${answer.picture.name}` } } : x));
    return { embeds: shown, picture: answer.picture };
  }
  return undefined;
}
