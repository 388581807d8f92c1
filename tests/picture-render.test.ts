/**
 * What the renderer draws, read from its output: the PNG itself (signature, header, size, determinism) and
 * the texts it reports drawing (`drawn`: every string a picture drew, one per line drawn, each once). The
 * pixels themselves are checked against golden images in tests/picture-golden.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { withLang, type Ctx } from '../src/answers/context.js';
import { orgTitle, pick } from '../src/answers/format.js';
import {
  isPictureAnswer,
  mapTexts,
  rowsOfType,
  taiwanMapAnswer,
  taiwanMapModel,
  timelineAnswer,
  timelineModel,
  type MapPlace,
} from '../src/answers/pictures.js';
import { TABLE_GROUPS } from '../src/data/enums.js';
import type { Organization } from '../src/data/schema.js';
import { renderPicture, type Rendered } from '../src/drawing/render.js';
import type { Lang, Payload, PictureAnswer } from '../src/kernel/types.js';
import { foldHan } from '../src/search/normalize.js';
import { services } from './helpers/services.js';

const LANGS: readonly Lang[] = ['zh-TW', 'en'];
const ctxOf = (lang: Lang): Ctx => withLang(services, lang);

function picture(answer: PictureAnswer | Payload): PictureAnswer {
  if (!isPictureAnswer(answer)) throw new Error(`not a picture: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}

const draw = (ctx: Ctx, answer: PictureAnswer | Payload): Promise<Rendered> =>
  renderPicture(ctx, picture(answer).picture);

/** Each picture drawn once per file (by language and spec), for the assertions that only read it. */
const cache = new Map<string, Promise<Rendered>>();
function drawn(lang: Lang, what: 'timeline' | 'map', arg?: readonly number[] | string): Promise<Rendered> {
  const key = `${lang} ${what} ${JSON.stringify(arg)}`;
  let r = cache.get(key);
  if (!r) {
    const ctx = ctxOf(lang);
    const answer =
      what === 'timeline'
        ? timelineAnswer(ctx, arg as readonly number[] | undefined)
        : taiwanMapAnswer(ctx, arg as string | undefined);
    cache.set(key, (r = draw(ctx, answer)));
  }
  return r;
}

/**
 * Whether the text was drawn as at most `max` consecutive lines of a wrap, each a drawn string; with `cut`,
 * the last line may be cut short with … (as Painter.wrap cuts a text too long for its lines).
 */
function drawnInLines(text: string, strings: ReadonlySet<string>, max: number, cut = false): boolean {
  if (strings.has(text)) return true;
  if (cut && [...strings].some((s) => s.length > 1 && s.endsWith('…') && text.startsWith(s.slice(0, -1).trimEnd())))
    return true;
  if (max <= 1) return false;
  for (let i = 1; i < text.length; i++) {
    const head = text.slice(0, i).trimEnd();
    const tail = text.slice(i).trimStart();
    if (head && tail && strings.has(head) && drawnInLines(tail, strings, max - 1, cut)) return true;
  }
  return false;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('the PNG', () => {
  const variants: Array<[string, 'timeline' | 'map', (readonly number[] | string)?]> = [
    ['timeline, all rows', 'timeline'],
    ['timeline, thematic rows', 'timeline', 'thematic'],
    ['timeline, rows 1 3 8', 'timeline', [1, 3, 8]],
    ['taiwan map', 'map'],
    ['taiwan map, focus taipei-city', 'map', 'taipei-city'],
  ];
  for (const lang of LANGS)
    for (const [label, what, arg] of variants)
      it(`is a PNG 1000 px wide, of a sane height, as its header says: ${label}, ${lang}`, async () => {
        const rows = arg === 'thematic' ? rowsOfType(ctxOf(lang), 'thematic') : arg;
        const r = await drawn(lang, what, rows);
        expect([...r.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        const header = Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength);
        expect(header.toString('latin1', 12, 16)).toBe('IHDR');
        expect({ width: header.readUInt32BE(16), height: header.readUInt32BE(20) }).toEqual({
          width: r.width,
          height: r.height,
        });
        expect(r.width).toBe(1000);
        expect(r.height).toBeGreaterThanOrEqual(400);
        expect(r.height).toBeLessThanOrEqual(4000);
        expect(r.png.byteLength).toBeGreaterThan(50_000);
      });

  it('is byte-identical when the same request is drawn again', async () => {
    for (const lang of LANGS) {
      const ctx = ctxOf(lang);
      for (const [what, arg] of [['timeline'], ['map', 'taipei-city']] as const) {
        const first = await drawn(lang, what, arg);
        const again = await draw(ctx, what === 'timeline' ? timelineAnswer(ctx) : taiwanMapAnswer(ctx, arg));
        expect(Buffer.compare(first.png, again.png), `${lang} ${what}`).toBe(0);
        expect([...again.drawn]).toEqual([...first.drawn]);
      }
    }
  });
});

/** The organizations with a table row of the type, and those with table rows of other types only. */
function byType(group: string): { mine: Organization[]; others: Organization[] } {
  const inTable = services.data.organizations.filter((o) => o.tableRows.length > 0);
  return {
    mine: inTable.filter((o) => o.tableRows.some((r) => r.group === group)),
    others: inTable.filter((o) => o.tableRows.every((r) => r.group !== group)),
  };
}

describe('the timeline', () => {
  for (const group of TABLE_GROUPS)
    it(`of the ${group} rows draws their organizations and none of the other types'`, async () => {
      const { mine, others } = byType(group);
      expect(mine.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);

      // In Chinese every label fits one line: the organization's title, ⚠ after it when its year is noted.
      const zh = (await drawn('zh-TW', 'timeline', rowsOfType(ctxOf('zh-TW'), group))).drawn;
      const isLabel =
        (strings: ReadonlySet<string>) =>
        (o: Organization): boolean =>
          strings.has(orgTitle(o, 'zh-TW')) || strings.has(`${orgTitle(o, 'zh-TW')} ⚠`);
      expect(mine.filter((o) => !isLabel(zh)(o)).map((o) => o.id)).toEqual([]);
      expect(others.filter(isLabel(zh)).map((o) => o.id)).toEqual([]);
      // (The same check finds those others in the timeline of every row, so it can fail.)
      const all = (await drawn('zh-TW', 'timeline')).drawn;
      expect(others.filter((o) => !isLabel(all)(o)).map((o) => o.id)).toEqual([]);

      // In English a label takes up to two lines, the second cut with … when even two are too few.
      const ctx = ctxOf('en');
      const rows = rowsOfType(ctx, group);
      const en = (await drawn('en', 'timeline', rows)).drawn;
      const model = timelineModel(ctx, rows);
      const labels = [...model.dated, ...model.unknown, ...model.preparing].map(
        (e) => `${orgTitle(e.org, 'en')}${e.noted ? ' ⚠' : ''}`,
      );
      expect(labels.filter((l) => !drawnInLines(l, en, 3, true))).toEqual([]);
      expect(others.filter((o) => drawnInLines(orgTitle(o, 'en'), en, 2)).map((o) => o.id)).toEqual([]);
      // Nor, anywhere in its lines joined, another type's acronym.
      const joined = [...en].join(' ');
      const mineAcronyms = mine.flatMap((o) => o.acronym ?? []);
      const otherAcronyms = others.flatMap((o) => o.acronym ?? []).filter((a) => !mineAcronyms.includes(a));
      expect(otherAcronyms.length).toBeGreaterThan(3);
      expect(otherAcronyms.filter((a) => joined.includes(`(${a})`))).toEqual([]);

      // Its legend names its own type only.
      for (const lang of LANGS) {
        const ctx = ctxOf(lang);
        const strings = (await drawn(lang, 'timeline', rowsOfType(ctx, group))).drawn;
        for (const g of TABLE_GROUPS) expect(strings.has(ctx.t(`common:types.${g}`)), `${lang} ${g}`).toBe(g === group);
      }
    });

  it("draws every dated row's year as a string of its own, and the axis ticks", async () => {
    for (const lang of LANGS) {
      const ctx = ctxOf(lang);
      for (const rows of [undefined, ...TABLE_GROUPS.map((g) => rowsOfType(ctx, g)), [1, 3, 8]]) {
        const model = timelineModel(ctx, rows);
        const strings = (await drawn(lang, 'timeline', rows)).drawn;
        const years = model.dated.map((e) => (e.founded.kind === 'year' ? String(e.founded.year) : '?'));
        expect(years.length).toBeGreaterThan(0);
        expect(
          years.filter((y) => !strings.has(y)),
          `${lang} rows ${rows?.join(' ') ?? 'all'}`,
        ).toEqual([]);
        for (const tick of ['1900', '1920', '1940', '1960', '1980', '2000']) expect(strings.has(tick)).toBe(true);
      }
    }
  });

  it('draws the undated rows apart, under their headings', async () => {
    const ctx = ctxOf('zh-TW');
    const model = timelineModel(ctx);
    const strings = (await drawn('zh-TW', 'timeline')).drawn;
    expect(model.unknown.length).toBeGreaterThan(0);
    expect(model.preparing.length).toBeGreaterThan(0);
    for (const key of ['picture:timeline.apart', 'picture:timeline.unknown', 'picture:timeline.preparing'] as const)
      expect(strings.has(ctx.t(key)), key).toBe(true);
    for (const e of [...model.unknown, ...model.preparing]) {
      const title = orgTitle(e.org, 'zh-TW');
      expect(strings.has(title) || strings.has(`${title} ⚠`), title).toBe(true);
    }
  });
});

/** What a merged place's line under its name says: "→ New Taipei City since 2010" or "→ merged in 2010". */
function mergedLine(ctx: Ctx, p: MapPlace): string | undefined {
  if (!p.becomes) return undefined;
  const name = pick(p.place.names, ctx.lang);
  return `→ ${
    foldHan(name) === foldHan(p.becomes.name)
      ? ctx.t('picture:map.mergedSame', { year: p.becomes.year })
      : ctx.t('picture:map.merged', p.becomes)
  }`;
}

describe('the Taiwan map', () => {
  it('draws every place name whole, in both languages', async () => {
    for (const lang of LANGS) {
      const ctx = ctxOf(lang);
      const strings = (await drawn(lang, 'map')).drawn;
      const names = taiwanMapModel(ctx).places.map((p) => pick(p.place.names, lang));
      expect(names.length).toBe(14);
      expect(
        names.filter((n) => !strings.has(n)),
        lang,
      ).toEqual([]);
    }
  });

  it('draws every organization and alliance it links, in at most three lines', async () => {
    for (const lang of LANGS) {
      const ctx = ctxOf(lang);
      const model = taiwanMapModel(ctx);
      const strings = (await drawn(lang, 'map')).drawn;
      const names = [...model.orgs.map((o) => orgTitle(o, lang)), ...model.alliances.map((a) => pick(a.names, lang))];
      expect(names.length).toBeGreaterThan(8);
      expect(
        names.filter((n) => !drawnInLines(n, strings, 3)),
        lang,
      ).toEqual([]);
    }
  });

  it("draws each merged place's later name (→ …) and the merger legend, whole, in zh-TW", async () => {
    const ctx = ctxOf('zh-TW');
    const strings = (await drawn('zh-TW', 'map')).drawn;
    const lines = taiwanMapModel(ctx).places.flatMap((p) => mergedLine(ctx, p) ?? []);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.filter((l) => !strings.has(l))).toEqual([]);
    expect([...strings].some((s) => s.startsWith(ctx.t('picture:map.mergedLegend')))).toBe(true);
  });

  it("draws each merged place's later name (→ …) in en, cut with … at the most", async () => {
    const ctx = ctxOf('en');
    const strings = [...(await drawn('en', 'map')).drawn];
    const lines = taiwanMapModel(ctx).places.flatMap((p) => mergedLine(ctx, p) ?? []);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const shown = (l: string): boolean =>
      strings.some((s) => s === l || (s.endsWith('…') && s.length > 3 && l.startsWith(s.slice(0, -1))));
    expect(lines.filter((l) => !shown(l))).toEqual([]);
    expect(strings.some((s) => s.startsWith(ctx.t('picture:map.mergedLegend')))).toBe(true);
  });

  // "→ New Taipei City since 2010" did not fit the left column and was cut, losing the year.
  it("draws each merged place's later name whole in English too", async () => {
    const ctx = ctxOf('en');
    const strings = (await drawn('en', 'map')).drawn;
    const lines = taiwanMapModel(ctx).places.flatMap((p) => mergedLine(ctx, p) ?? []);
    expect(lines.filter((l) => !strings.has(l))).toEqual([]);
  });

  it('with a focus, names the place in its scope line and draws the same places', async () => {
    for (const lang of LANGS) {
      const ctx = ctxOf(lang);
      const place = ctx.data.place('taipei-city');
      if (!place) throw new Error('no taipei-city');
      const [plain, focused] = [await drawn(lang, 'map'), await drawn(lang, 'map', 'taipei-city')];
      const { scope } = mapTexts(ctx, taiwanMapModel(ctx, 'taipei-city'));
      expect(scope).toContain(pick(place.names, lang));
      expect(drawnInLines(scope, focused.drawn, 3), lang).toBe(true);
      expect(drawnInLines(scope, plain.drawn, 3), lang).toBe(false);
      for (const p of taiwanMapModel(ctx).places) expect(focused.drawn.has(pick(p.place.names, lang))).toBe(true);
      expect(Buffer.compare(plain.png, focused.png)).not.toBe(0);
    }
  });
});

describe('the two languages', () => {
  for (const [label, what] of [
    ['timeline', 'timeline'],
    ['Taiwan map', 'map'],
  ] as const)
    it(`draw different ${label}s, sharing only numbers`, async () => {
      const [zh, en] = [await drawn('zh-TW', what), await drawn('en', what)];
      expect(Buffer.compare(zh.png, en.png)).not.toBe(0);
      const title = what === 'timeline' ? 'picture:timeline.title' : 'picture:map.title';
      expect(zh.drawn.has(ctxOf('zh-TW').t(title))).toBe(true);
      expect(drawnInLines(ctxOf('en').t(title), en.drawn, 2)).toBe(true);
      const shared = [...zh.drawn].filter((s) => en.drawn.has(s));
      expect(shared.filter((s) => !/^\d+$/.test(s))).toEqual([]);
      // Chinese in the English picture only where the locale text quotes the article (籌備中).
      expect([...en.drawn].filter((s) => /\p{Script=Han}/u.test(s) && !s.includes('籌備中'))).toEqual([]);
    });
});
