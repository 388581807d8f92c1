/**
 * No tofu: every character a picture can draw has a glyph in the fonts the renderer registers (the union of
 * the four .otf files of src/drawing/fonts.ts). Checked twice over: (a) every string the renderer reports it
 * drew, for every kind of picture in both languages, and (b) every name the data could put in a picture and
 * every text of the pictures' locale files, so that a new name or translation with an uncovered character
 * fails here even before some picture happens to draw it. Whitespace and control characters need no glyph.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSync, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { withLang, type Ctx } from '../src/answers/context.js';
import { orgTitle, pick } from '../src/answers/format.js';
import {
  isPictureAnswer,
  markName,
  rowsOfType,
  taiwanMapAnswer,
  timelineAnswer,
  timelineModel,
} from '../src/answers/pictures.js';
import { TABLE_GROUPS } from '../src/data/enums.js';
import { fontFiles } from '../src/drawing/fonts.js';
import { renderPicture } from '../src/drawing/render.js';
import { LOCALES_DIR } from '../src/kernel/paths.js';
import type { Lang, Payload, PictureAnswer } from '../src/kernel/types.js';
import { services } from './helpers/services.js';

const LANGS: readonly Lang[] = ['zh-TW', 'en'];

const fonts: Font[] = fontFiles().flatMap((file) => {
  const f = openSync(file);
  return 'fonts' in f ? f.fonts : [f];
});

/** Characters that draw nothing, so need no glyph. */
const NEEDS_NO_GLYPH = /^[\s\p{Cc}]$/u;

const covered = (cp: number): boolean => fonts.some((f) => f.hasGlyphForCodePoint(cp));

/** Every character of the texts and where it came from: `label: "text"` per text it occurs in. */
class Chars {
  readonly from = new Map<string, Set<string>>();
  add(label: string, text: string): void {
    for (const ch of text) {
      if (NEEDS_NO_GLYPH.test(ch)) continue;
      let where = this.from.get(ch);
      if (!where) this.from.set(ch, (where = new Set()));
      where.add(`${label}: ${JSON.stringify(text)}`);
    }
  }
  /** The characters no font covers, one line each with its code point and (some of) its sources. */
  missing(): string[] {
    return [...this.from]
      .filter(([ch]) => !covered(ch.codePointAt(0) ?? 0))
      .map(([ch, where]) => {
        const cp = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
        const some = [...where].slice(0, 5);
        const more = where.size > some.length ? ` … and ${where.size - some.length} more` : '';
        return `${JSON.stringify(ch)} ${cp} in ${some.join('; ')}${more}`;
      });
  }
}

function expectCovered(chars: Chars): void {
  const missing = chars.missing();
  expect(missing, `characters without a glyph in ${fontFiles().join(', ')}:\n${missing.join('\n')}`).toEqual([]);
}

function picture(answer: PictureAnswer | Payload): PictureAnswer {
  if (!isPictureAnswer(answer)) throw new Error(`not a picture: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}

/** Every picture variant worth drawing in one language, by a label for failure messages. */
function variants(ctx: Ctx): Array<[string, PictureAnswer]> {
  const all = timelineModel(ctx);
  const undated = [...all.unknown, ...all.preparing].map((e) => e.row);
  return [
    ['timeline, all rows', picture(timelineAnswer(ctx))],
    ...TABLE_GROUPS.map((g): [string, PictureAnswer] => [
      `timeline, ${g} rows`,
      picture(timelineAnswer(ctx, rowsOfType(ctx, g))),
    ]),
    ['timeline, rows 1 3 8', picture(timelineAnswer(ctx, [1, 3, 8]))],
    [`timeline, undated rows ${undated.join(' ')}`, picture(timelineAnswer(ctx, undated))],
    ['taiwan map', picture(taiwanMapAnswer(ctx))],
    ...ctx.data.places.map((p): [string, PictureAnswer] => [
      `taiwan map, focus ${p.id}`,
      picture(taiwanMapAnswer(ctx, p.id)),
    ]),
  ];
}

/** Every string value of a nested locale object, with its key. */
function localeTexts(value: unknown, key = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[key, value]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => localeTexts(v, key ? `${key}.${k}` : k));
  return [];
}

describe('the fonts', () => {
  it('are four font files, each with the Latin, Han and symbol glyphs the pictures rely on', () => {
    expect(fonts).toHaveLength(4);
    for (const f of fonts)
      for (const ch of 'A9國台⚠→…') expect(f.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)).toBe(true);
  });

  it('report a character they lack as missing (the check can fail)', () => {
    const chars = new Chars();
    chars.add('probe', 'A \u{1F600}\uE000');
    expect(chars.missing()).toEqual(['"😀" U+1F600 in probe: "A 😀\uE000"', '"\uE000" U+E000 in probe: "A 😀\uE000"']);
  });
});

describe('every character a picture draws has a glyph', () => {
  for (const lang of LANGS) {
    it(`in every picture variant in ${lang}`, async () => {
      const ctx = withLang(services, lang);
      const list = variants(ctx);
      // Drawing is synchronous; the PNG encodings run in parallel on libuv's pool.
      const rendered = await Promise.all(list.map(([, a]) => renderPicture(ctx, a.picture)));
      const chars = new Chars();
      for (const [i, r] of rendered.entries()) {
        expect(r.drawn.size).toBeGreaterThan(10);
        for (const text of r.drawn) chars.add(`${lang} ${list[i]?.[0]}`, text);
      }
      expectCovered(chars);

      // Not vacuous: the texts checked span Han, Latin, digits and the pictures' symbols.
      const checked = [...chars.from.keys()].join('');
      expect(checked.match(/\p{Script=Han}/gu)?.length ?? 0).toBeGreaterThan(lang === 'zh-TW' ? 150 : 2);
      expect(checked).toMatch(/[A-Za-z]/);
      expect(checked).toMatch(/[0-9]/);
      for (const ch of ['⚠', '→']) expect(checked).toContain(ch);
    });
  }
});

describe('every character the data and the locale files could put in a picture has a glyph', () => {
  it("in the names of organizations, places, alliances and the places' later names", () => {
    const chars = new Chars();
    const { organizations, places, alliances } = services.data;
    for (const lang of LANGS) {
      for (const o of organizations) {
        chars.add(`orgTitle ${o.id} ${lang}`, orgTitle(o, lang));
        chars.add(`markName ${o.id} ${lang}`, markName(o, lang));
      }
      for (const p of places) {
        chars.add(`place ${p.id} ${lang}`, pick(p.names, lang));
        for (const n of p.notes) {
          if (n.becomes) chars.add(`place ${p.id} becomes ${lang}`, pick(n.becomes, lang));
          chars.add(`place ${p.id} note source ${lang}`, pick(n.source, lang));
        }
      }
      for (const a of alliances) chars.add(`alliance ${a.id} ${lang}`, pick(a.names, lang));
    }
    expectCovered(chars);
    expect(chars.from.size).toBeGreaterThan(150);
    const checked = [...chars.from.keys()].join('');
    for (const re of [/\p{Script=Han}/u, /[A-Za-z]/, /[0-9]/]) expect(checked).toMatch(re);
  });

  it('in every text of both picture.json locale files (placeholders removed)', () => {
    const chars = new Chars();
    let n = 0;
    for (const lang of LANGS) {
      const json: unknown = JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'picture.json'), 'utf8'));
      for (const [key, value] of localeTexts(json)) {
        chars.add(`${lang} picture:${key}`, value.replace(/\{\{[^}]*\}\}/g, ''));
        n++;
      }
    }
    expect(n).toBeGreaterThan(40);
    expectCovered(chars);
    const checked = [...chars.from.keys()].join('');
    expect(checked).not.toMatch(/[{}]/);
    for (const ch of ['⚠', '→', '國', 'A', '0']) expect(checked).toContain(ch);
  });
});
