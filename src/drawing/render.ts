/**
 * Draws a picture request as a PNG. This module, @napi-rs/canvas and the fonts load on the first picture
 * only (src/app/pictures.ts imports it dynamically), so a start that draws nothing pays nothing for them.
 * Each picture is drawn twice: on a one-pixel-high canvas to measure its height, then for real; the PNG is
 * encoded off the main thread (libuv's pool), so a door keeps answering while it compresses.
 */
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import type { Ctx } from '../answers/context.js';
import { taiwanMapModel, timelineModel } from '../answers/pictures.js';
import type { PictureRequest } from '../kernel/types.js';
import { PAPER, Painter } from './draw.js';
import { registerFonts } from './fonts.js';
import { MAP_WIDTH, drawTaiwanMap } from './taiwan-map.js';
import { TIMELINE_WIDTH, drawTimeline } from './timeline.js';

export interface Rendered {
  png: Uint8Array;
  width: number;
  height: number;
  /** Every text the picture drew (the glyph-coverage test checks each against the fonts). */
  drawn: ReadonlySet<string>;
}

/** Draws on `g` and returns the height used. */
type Draw = (p: Painter) => number;

function drawing(ctx: Ctx, req: PictureRequest): { width: number; draw: Draw } {
  const { spec } = req;
  if (spec.kind === 'timeline') {
    const model = timelineModel(ctx, spec.rows);
    return { width: TIMELINE_WIDTH, draw: (p) => drawTimeline(p, ctx, model) };
  }
  const model = taiwanMapModel(ctx, spec.focus);
  return { width: MAP_WIDTH, draw: (p) => drawTaiwanMap(p, ctx, model) };
}

export async function renderPicture(ctx: Ctx, req: PictureRequest): Promise<Rendered> {
  registerFonts(GlobalFonts);
  const { width, draw } = drawing(ctx, req);
  const height = Math.ceil(draw(new Painter(createCanvas(width, 1).getContext('2d'))));
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = PAPER;
  g.fillRect(0, 0, width, height);
  const painter = new Painter(g);
  draw(painter);
  const png = await canvas.encode('png');
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width, height, drawn: painter.drawn };
}
