/**
 * What the pictures show, before any pixel (src/answers/pictures.ts): the timeline's rows and the map's
 * links as the article gives them, the alt text stating the same facts within Discord's limit, the codes
 * the buttons and file names carry, and which answers offer which picture button.
 */
import { describe, expect, it } from 'vitest';
import { runCommand, runComponent } from '../src/app/dispatch.js';
import { withLang } from '../src/answers/context.js';
import {
  PIC,
  isPictureAnswer,
  markName,
  pictureName,
  pictureOf,
  rowsOfType,
  sharedPicture,
  specField,
  taiwanMapAnswer,
  taiwanMapModel,
  timelineAnswer,
  timelineButton,
  timelineModel,
} from '../src/answers/pictures.js';
import { INVALID } from '../src/kernel/custom-id.js';
import { LIMITS } from '../src/kernel/limits.js';
import type { Lang, Payload, PictureSpec } from '../src/kernel/types.js';
import { services } from './helpers/services.js';

const zh = withLang(services, 'zh-TW');
const en = withLang(services, 'en');
const ctxs = { 'zh-TW': zh, en } as const;

const ids = (p: Payload): string[] =>
  ((p.components ?? []) as Array<{ components: Array<{ custom_id?: string }> }>).flatMap((r) =>
    r.components.flatMap((c) => (c.custom_id ? [c.custom_id] : [])),
  );
const run = (command: string, options: Record<string, string> = {}, locale = 'zh-TW') =>
  runCommand(services, { command, options, locale, user: { id: '1' } });

describe('the timeline model: the table as printed', () => {
  const all = timelineModel(zh);

  it('has every one of the 36 table rows once: 32 dated, 3 printed --, 1 籌備中', () => {
    expect(all.total).toBe(36);
    expect([all.dated.length, all.unknown.length, all.preparing.length]).toEqual([32, 3, 1]);
    const rows = [...all.dated, ...all.unknown, ...all.preparing].map((e) => e.row).sort((a, b) => a - b);
    expect(rows).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(all.counts).toEqual([
      { group: 'comprehensive', n: 15 },
      { group: 'thematic', n: 13 },
      { group: 'national', n: 8 },
    ]);
    expect(all.scope).toEqual({ kind: 'all' });
  });

  it('orders the dated rows by year, keeps ICSC under both of its years (1957, 1993), marks noted years', () => {
    const years = all.dated.map((e) => (e.founded.kind === 'year' ? e.founded.year : 0));
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(years[0]).toBe(1901);
    expect(years.at(-1)).toBe(2006);
    const icsc = all.dated.filter((e) => e.org.id === 'icsc');
    expect(icsc.map((e) => (e.founded.kind === 'year' ? e.founded.year : 0))).toEqual([1957, 1993]);
    expect(icsc.every((e) => e.noted)).toBe(true);
    expect(all.dated.find((e) => e.org.id === 'uclg')?.noted).toBe(false);
    expect(all.preparing.map((e) => e.org.id)).toEqual(['apcar']);
    expect(all.unknown.map((e) => e.org.id)).toEqual(['imcc', 'nlc', 'atcm']);
  });

  it('filters: a type is named as the type, other rows as rows of a list', () => {
    const thematic = timelineModel(zh, rowsOfType(zh, 'thematic'));
    expect(thematic.scope).toEqual({ kind: 'type', group: 'thematic' });
    expect(thematic.total).toBe(13);
    expect(timelineModel(zh, [1, 3, 8]).scope).toEqual({ kind: 'rows' });
    expect(timelineModel(zh, [1, 3, 8]).dated.map((e) => e.org.id)).toEqual(['ccre', 'icsc', 'icsc']);
    // Rows the table does not have are ignored, never invented.
    expect(timelineModel(zh, [999]).total).toBe(0);
    expect(timelineAnswer(zh, [999])).toMatchObject({ flags: 64 });
  });
});

describe('the alt text states what the picture shows, within Discord’s 1,024 characters', () => {
  it.each(['zh-TW', 'en'] as const)('%s: every dated row’s year and name, the undated ones, the source', (lang) => {
    const ctx = ctxs[lang];
    const answer = timelineAnswer(ctx);
    if (!isPictureAnswer(answer)) throw new Error('no picture');
    const { alt } = answer.picture;
    expect(alt.length).toBeLessThanOrEqual(LIMITS.ATTACHMENT_DESCRIPTION);
    expect(alt.endsWith('…')).toBe(false);
    const model = timelineModel(ctx);
    for (const e of model.dated) {
      const year = e.founded.kind === 'year' ? e.founded.year : 0;
      expect(alt).toContain(`${year} ${markName(e.org, lang)}`);
    }
    for (const e of [...model.unknown, ...model.preparing]) expect(alt).toContain(markName(e.org, lang));
    expect(alt).toContain(lang === 'en' ? 'Juang et al. (2006)' : '莊麗蘭等人（2006）');
  });

  it.each(['zh-TW', 'en'] as const)('%s: the map’s every link, the counted places and the later names', (lang) => {
    const ctx = ctxs[lang];
    const { picture, payload } = taiwanMapAnswer(ctx);
    expect(picture.alt.length).toBeLessThanOrEqual(LIMITS.ATTACHMENT_DESCRIPTION);
    expect(picture.alt.endsWith('…')).toBe(false);
    const model = taiwanMapModel(ctx);
    for (const p of model.places) expect(picture.alt).toContain(lang === 'en' ? p.place.names.en : p.place.names.zh);
    expect(picture.alt).toContain(lang === 'en' ? 'New Taipei City' : '新北市');
    expect(picture.alt).toContain('23');
    // The text answer says the same, line by line.
    expect(payload.embeds?.[0]?.description).toContain(lang === 'en' ? 'founding member' : '創始會員');
  });
});

describe('the participation map model', () => {
  const model = taiwanMapModel(zh);

  it('links each membership and each named alliance member once, by its kind', () => {
    const memberships = services.data.places.reduce((n, p) => n + p.memberships.length, 0);
    const members = services.data.alliances.reduce((n, a) => n + a.members.length, 0);
    expect(model.links).toHaveLength(memberships + members);
    expect(model.links.filter((l) => l.kind === 'founding-member')).toEqual([
      { place: 'hsinchu-city', target: 'wta', kind: 'founding-member' },
    ]);
    expect(model.links.filter((l) => l.kind === 'attended')).toEqual([
      { place: 'tainan-city', target: 'wta', kind: 'attended' },
    ]);
    expect(model.places).toHaveLength(14);
    expect(model.alliances).toHaveLength(4);
  });

  it('marks the 2010 and 2014 changes from the data notes, and only those', () => {
    const becomes = Object.fromEntries(model.places.flatMap((p) => (p.becomes ? [[p.place.id, p.becomes]] : [])));
    expect(becomes['taipei-county']).toEqual({ name: '新北市', year: 2010 });
    expect(becomes['taoyuan-county']).toEqual({ name: '桃園市', year: 2014 });
    expect(Object.keys(becomes)).toHaveLength(7);
    expect(becomes['hsinchu-city']).toBeUndefined();
  });

  it('a focus must be a place', () => {
    expect(taiwanMapModel(zh, 'taipei-city').focus).toBe('taipei-city');
    expect(taiwanMapModel(zh, 'uclg').focus).toBeUndefined();
  });
});

describe('picture codes: custom_ids, file names', () => {
  const specs: PictureSpec[] = [
    { kind: 'timeline' },
    { kind: 'timeline', rows: [1] },
    { kind: 'timeline', rows: [3, 8, 36] },
    { kind: 'taiwan-map' },
    { kind: 'taiwan-map', focus: 'taipei-county' },
  ];

  it.each(specs)('round-trips %j through the custom_id and the file name', (spec) => {
    const id = PIC.encode({ lang: 'en', spec });
    expect(id.length).toBeLessThanOrEqual(LIMITS.CUSTOM_ID);
    expect(PIC.decode(id)).toEqual({ lang: 'en', spec });
    for (const lang of ['zh-TW', 'en'] as Lang[]) {
      const name = pictureName(spec, lang);
      expect(pictureOf(name)).toEqual({ spec, lang });
      // As Discord's CDN serves it back on a clicked message.
      expect(pictureOf(`https://cdn.discordapp.com/attachments/1/2/${name}?ex=67&is=68&hm=ab`)).toEqual({ spec, lang });
    }
  });

  it('refuses what it did not write', () => {
    for (const bad of ['tl.', 'tl.0', 'tl.xyz', 'tl.1ffffffffffffffffffffff', 'tw.', 'tw.Bad', 'tx', ''])
      expect(specField.decode(bad)).toBe(INVALID);
    for (const bad of [
      'evil.png',
      'timeline-tw-en.png',
      'taiwan-map-tl-en.png',
      'timeline-tl-fr.png',
      'timeline-tl-en.jpg',
    ])
      expect(pictureOf(bad)).toBeUndefined();
    expect(sharedPicture(services, [{ title: 'x', image: { url: 'https://example.com/cat.png' } }])).toBeUndefined();
  });
});

describe('which answers offer a picture', () => {
  it('/timeline shows the picture in its embed, and its years as text; a bad type is a notice', () => {
    const r = run('timeline', { type: 'national' });
    expect(r.picture?.name).toBe(pictureName({ kind: 'timeline', rows: rowsOfType(zh, 'national') }, 'zh-TW'));
    expect(r.value.embeds?.[0]?.image?.url).toBe(`attachment://${r.picture!.name}`);
    expect(r.value.embeds?.[0]?.description).toContain('1901 加拿大市政聯盟');
    const bad = run('timeline', { type: 'nope' });
    expect(bad.picture).toBeUndefined();
    expect(bad.value.flags).toBe(64);
  });

  it('/founded, /list and /ask lists carry a Timeline button of exactly their rows; a list of no rows none', () => {
    const founded = ids(run('founded', { when: '1990s' }).value).find((id) => id.startsWith('pic:'));
    const decoded = PIC.decode(founded!);
    const rows = decoded?.spec.kind === 'timeline' ? decoded.spec.rows : undefined;
    const model = timelineModel(zh, rows);
    expect(
      model.dated.every((e) => e.founded.kind === 'year' && e.founded.year >= 1990 && e.founded.year <= 1999),
    ).toBe(true);
    expect(model.total).toBe(12); // 1990 IAEC … 1999 Cities Alliance, ICSC under 1993
    expect(ids(run('list').value)).toContain('pic:z:tl');
    expect(ids(run('list', { type: 'other' }).value).some((id) => id.startsWith('pic:'))).toBe(false);
    const ask = ids(run('ask', { question: '1950年以前成立的組織' }).value).find((id) => id.startsWith('pic:'));
    const asked = ask ? PIC.decode(ask) : undefined;
    expect(asked?.spec.kind === 'timeline' ? timelineModel(zh, asked.spec.rows).total : 0).toBe(3); // FCM 1901, NUL 1911, USCM 1932
    expect(timelineButton(zh, [])).toBeUndefined();
  });

  it('/taiwan: the overview is the map; a place offers the map with its links drawn strong', () => {
    const overview = run('taiwan');
    expect(overview.picture?.spec).toEqual({ kind: 'taiwan-map' });
    expect(overview.value.embeds?.[0]?.image?.url).toBe('attachment://taiwan-map-tw-zh-TW.png');
    const kaohsiung = run('taiwan', { city: '高雄' }).value;
    expect(ids(kaohsiung)).toContain('pic:z:tw.kaohsiung-city');
    // Opened in full, the answer keeps its map button (with Cite).
    const full = runComponent(services, { customId: 'full:z:kaohsiung-city', user: { id: '1' }, message: kaohsiung });
    expect(ids(full.value.payload)).toEqual(['cite:z:kaohsiung-city', 'pic:z:tw.kaohsiung-city']);
  });
});
