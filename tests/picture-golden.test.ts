/**
 * Golden images: six pictures drawn now and compared, pixel by pixel, with the PNGs in
 * tests/fixtures/pictures/. A picture fails when its size differs, or when more than 0.1% of its pixels
 * differ (pixelmatch with a colour threshold of 0.04 and anti-aliased pixels not counted): a moved
 * or lost label, a changed line or mark colour, a tofu box, or a lost pale fill (the lanes' #f3f3f3 shading,
 * the focus place's #fff2cc highlight, which pixelmatch's default 0.1 counts as white) fails, while a few
 * pixels of anti-aliasing noise (another build of Skia, another CPU) pass. On a failure the rendered PNG and a diff PNG (differing pixels red, anti-aliasing yellow) are
 * written to a fresh temp dir, and the failure message gives their paths.
 *
 * After an intended change of a picture, rewrite the goldens, then look at each changed PNG before it is
 * committed:
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/picture-golden.test.ts
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import pixelmatch from 'pixelmatch';
import { describe, expect, it } from 'vitest';
import { withLang, type Ctx } from '../src/answers/context.js';
import { isPictureAnswer, rowsOfType, taiwanMapAnswer, timelineAnswer } from '../src/answers/pictures.js';
import { renderPicture } from '../src/drawing/render.js';
import type { Lang, Payload, PictureAnswer } from '../src/kernel/types.js';
import { services } from './helpers/services.js';

const GOLDEN_DIR = fileURLToPath(new URL('./fixtures/pictures/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** pixelmatch's per-pixel colour threshold (0 to 1; its default is 0.1): smaller is stricter. */
const THRESHOLD = 0.04;
/** The share of a picture's pixels that may differ from its golden. */
const MAX_DIFFERENT = 0.001;

interface Case {
  file: string;
  lang: Lang;
  answer: (ctx: Ctx) => PictureAnswer | Payload;
}

const CASES: readonly Case[] = [
  { file: 'timeline-all-zh-TW.png', lang: 'zh-TW', answer: (ctx) => timelineAnswer(ctx) },
  { file: 'timeline-all-en.png', lang: 'en', answer: (ctx) => timelineAnswer(ctx) },
  {
    file: 'timeline-thematic-zh-TW.png',
    lang: 'zh-TW',
    answer: (ctx) => timelineAnswer(ctx, rowsOfType(ctx, 'thematic')),
  },
  { file: 'taiwan-map-zh-TW.png', lang: 'zh-TW', answer: (ctx) => taiwanMapAnswer(ctx) },
  { file: 'taiwan-map-en.png', lang: 'en', answer: (ctx) => taiwanMapAnswer(ctx) },
  { file: 'taiwan-map-taipei-city-en.png', lang: 'en', answer: (ctx) => taiwanMapAnswer(ctx, 'taipei-city') },
];

async function render(c: Case): Promise<Uint8Array> {
  const ctx = withLang(services, c.lang);
  const answer = c.answer(ctx);
  if (!isPictureAnswer(answer)) throw new Error(`${c.file}: not a picture: ${JSON.stringify(answer).slice(0, 300)}`);
  return (await renderPicture(ctx, answer.picture)).png;
}

interface Decoded {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row by row. */
  data: Uint8ClampedArray;
}

async function decode(png: Uint8Array): Promise<Decoded> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: g.getImageData(0, 0, image.width, image.height).data };
}

interface Verdict {
  same: boolean;
  /** Why not, in words. */
  summary: string;
  /** The diff image (when the sizes match): differing pixels red over a faded copy. */
  diff?: Decoded;
}

/** Whether `actual` matches `expected` within the tolerance. */
function compareImages(actual: Decoded, expected: Decoded): Verdict {
  const { width, height } = expected;
  if (actual.width !== width || actual.height !== height)
    return { same: false, summary: `size ${actual.width}×${actual.height}, golden ${width}×${height}` };
  const out = new Uint8ClampedArray(width * height * 4);
  const different = pixelmatch(actual.data, expected.data, out, width, height, { threshold: THRESHOLD });
  const allowed = Math.floor(width * height * MAX_DIFFERENT);
  return {
    same: different <= allowed,
    summary: `${different} of ${width * height} pixels differ (${((100 * different) / (width * height)).toFixed(3)}%; at most ${allowed} may)`,
    diff: { width, height, data: out },
  };
}

async function encode(img: Decoded): Promise<Buffer> {
  const canvas = createCanvas(img.width, img.height);
  const g = canvas.getContext('2d');
  const data = g.createImageData(img.width, img.height);
  data.data.set(img.data);
  g.putImageData(data, 0, 0);
  return canvas.encode('png');
}

let outDir: string | undefined;

/** Writes the rendered PNG and the diff for a failed case; returns their paths. */
async function keep(file: string, png: Uint8Array, verdict: Verdict): Promise<string> {
  outDir ??= mkdtempSync(join(tmpdir(), 'picture-golden-'));
  const rendered = join(outDir, file);
  writeFileSync(rendered, png);
  if (!verdict.diff) return `rendered: ${rendered} (no diff image: the sizes differ)`;
  const diff = join(outDir, file.replace(/\.png$/, '.diff.png'));
  writeFileSync(diff, await encode(verdict.diff));
  return `rendered: ${rendered}, diff: ${diff}`;
}

/** A copy of the image with a black square drawn on it. */
function withSquare(img: Decoded, x: number, y: number, size: number): Decoded {
  const data = new Uint8ClampedArray(img.data);
  for (let j = y; j < y + size; j++)
    for (let i = x; i < x + size; i++) data.set([0, 0, 0, 255], (j * img.width + i) * 4);
  return { ...img, data };
}

const decodedGoldens = new Map<string, Promise<Decoded>>();
/** A golden, decoded (once per file). */
function golden(file: string): Promise<Decoded> {
  let d = decodedGoldens.get(file);
  if (!d) decodedGoldens.set(file, (d = decode(readFileSync(join(GOLDEN_DIR, file)))));
  return d;
}

describe('pictures match their golden images', () => {
  for (const c of CASES) {
    it(`${c.file}`, async () => {
      const png = await render(c);
      const path = join(GOLDEN_DIR, c.file);
      if (UPDATE) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(path, png);
        console.log(`golden rewritten: ${path}`);
        return;
      }
      if (!existsSync(path))
        throw new Error(`no golden ${path}: run UPDATE_GOLDEN=1 npx vitest run tests/picture-golden.test.ts`);
      const verdict = compareImages(await decode(png), await golden(c.file));
      if (!verdict.same) {
        const message = `${c.file} differs from its golden: ${verdict.summary}; ${await keep(c.file, png, verdict)}`;
        console.error(message);
        expect.fail(message);
      }
    });
  }
});

describe('the golden comparison', () => {
  it('reports a 60×60 black square on any golden as different', async () => {
    for (const c of CASES) {
      const img = await golden(c.file);
      // The top right corner: inside the top margin and right of the title, so white in every picture.
      const verdict = compareImages(withSquare(img, img.width - 60, 0, 60), img);
      expect(verdict.same, `${c.file}: ${verdict.summary}`).toBe(false);
      expect(verdict.summary).toMatch(/^3600 of /);
    }
  });

  it('reports a lost pale fill (the lanes’ #f3f3f3 shading turned white) as different', async () => {
    const img = await golden('timeline-all-zh-TW.png');
    const data = new Uint8ClampedArray(img.data);
    let turned = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === 0xf3 && data[i + 1] === 0xf3 && data[i + 2] === 0xf3) {
        data.set([255, 255, 255], i);
        turned++;
      }
    expect(turned).toBeGreaterThan(100_000);
    expect(compareImages({ ...img, data }, img).same).toBe(false);
  });

  it('tolerates a single changed pixel, and counts it', async () => {
    const img = await golden('taiwan-map-zh-TW.png');
    const verdict = compareImages(withSquare(img, 500, 10, 1), img);
    expect(verdict.same).toBe(true);
    expect(verdict.summary).toMatch(/^1 of /);
  });

  it('reports a different size as different, without a diff image', async () => {
    const img = await golden('taiwan-map-zh-TW.png');
    const shorter = { ...img, height: img.height - 1, data: img.data.slice(0, img.width * (img.height - 1) * 4) };
    const verdict = compareImages(shorter, img);
    expect(verdict).toEqual({ same: false, summary: `size 1000×${img.height - 1}, golden 1000×${img.height}` });
  });

  it('finds a golden the same as itself', async () => {
    const img = await golden('timeline-thematic-zh-TW.png');
    expect(compareImages(img, img).summary).toMatch(/^0 of /);
  });
});
