/**
 * The founding timeline: one lane per table row in founding order on one axis from 1900 to 2006, so no two
 * labels ever overlap; each label sits beside its mark, on the side with room, year first next to the
 * mark. Rows the table dates `--` or 籌備中 are listed apart, under the axis. Drawn once to measure its
 * height, then for real.
 */
import type { Ctx } from '../answers/context.js';
import { orgTitle } from '../answers/format.js';
import { timelineTexts, type TableGroup, type TimelineEntry, type TimelineModel } from '../answers/pictures.js';
import { GRID, INK, MUTED, PAD, footer, header, mark, type Painter } from './draw.js';

export const TIMELINE_WIDTH = 1000;
const FROM = 1900;
const TO = 2006;
const LANE = 42;
const NAME_PX = 26;
const SMALL_PX = 21;

/** Draws the timeline; returns the height it used. */
export function drawTimeline(p: Painter, ctx: Ctx, model: TimelineModel): number {
  const W = TIMELINE_WIDTH;
  const texts = timelineTexts(ctx, model);
  let y = header(p, texts.title, texts.scope, W);
  y = legend(p, ctx, model, y + 14) + 18;

  // Only undated rows (a `--` list): no axis to draw.
  if (model.dated.length > 0) y = drawAxis(p, ctx, model, y);

  if (model.unknown.length + model.preparing.length > 0) {
    p.text(ctx.t('picture:timeline.apart'), PAD, y + 14, 24, { weight: 'bold' });
    y += 40;
    for (const [key, entries] of [
      ['picture:timeline.unknown', model.unknown],
      ['picture:timeline.preparing', model.preparing],
    ] as const) {
      if (entries.length === 0) continue;
      p.text(ctx.t(key), PAD, y + 12, SMALL_PX, { colour: MUTED });
      y = chips(p, ctx, entries, y + 50) + 12;
    }
  }
  return footer(p, [...(hasNote(model) ? [ctx.t('picture:noted')] : []), texts.footer], y + 6, W);
}

/** The axis 1900–2006 with one lane per dated row; returns where the next part starts. */
function drawAxis(p: Painter, ctx: Ctx, model: TimelineModel, y: number): number {
  const g = p.g;
  const W = TIMELINE_WIDTH;
  const x0 = PAD + 14;
  const x1 = W - PAD - 14;
  const xOf = (year: number): number => x0 + ((year - FROM) / (TO - FROM)) * (x1 - x0);
  const ticks = [1900, 1920, 1940, 1960, 1980, 2000];
  const tickLabels = (at: number): void => {
    for (const t of ticks) p.text(String(t), xOf(t), at, SMALL_PX, { colour: MUTED, align: 'center' });
  };
  tickLabels(y + 10);
  const top = y + 28;
  const lanes = model.dated.map((e) => lane(p, ctx, e, xOf));
  const bottom =
    top +
    Math.max(
      LANE,
      lanes.reduce((sum, l) => sum + l.height, 0),
    );
  // Lanes shaded in alternation so the eye follows a row from its label to its mark.
  g.fillStyle = '#f3f3f3';
  let at = top;
  for (const [i, l] of lanes.entries()) {
    if (i % 2 === 1) g.fillRect(PAD, at, W - 2 * PAD, l.height);
    at += l.height;
  }
  g.strokeStyle = GRID;
  g.lineWidth = 1;
  for (let t = FROM; t <= TO; t += 10) {
    g.beginPath();
    g.moveTo(Math.round(xOf(t)) + 0.5, top);
    g.lineTo(Math.round(xOf(t)) + 0.5, bottom);
    g.stroke();
  }
  g.strokeStyle = INK;
  g.lineWidth = 2;
  for (const edge of [top, bottom]) {
    g.beginPath();
    g.moveTo(x0, edge);
    g.lineTo(x1, edge);
    g.stroke();
  }
  at = top;
  for (const l of lanes) {
    l.draw(at);
    at += l.height;
  }
  tickLabels(bottom + 18);
  return bottom + 44;
}

const hasNote = (m: TimelineModel): boolean => [...m.dated, ...m.unknown, ...m.preparing].some((e) => e.noted);
const label = (ctx: Ctx, e: TimelineEntry): string => `${orgTitle(e.org, ctx.lang)}${e.noted ? ' ⚠' : ''}`;

/**
 * One row's lane: its mark, and its label on the side with more room, year next to the mark. A name too
 * long for one line takes two (the lane grows); only a name too long for two is cut (the alt text has it).
 */
function lane(
  p: Painter,
  ctx: Ctx,
  e: TimelineEntry,
  xOf: (year: number) => number,
): { height: number; draw: (top: number) => void } {
  const year = e.founded.kind === 'year' ? e.founded.year : FROM;
  const x = xOf(year);
  const right = TIMELINE_WIDTH - PAD - x > x - PAD;
  const room = (right ? TIMELINE_WIDTH - PAD - x : x - PAD) - 18;
  const yearText = String(year);
  const gap = p.width(`${yearText}  `, NAME_PX);
  const lines = p.wrap(label(ctx, e), room - gap, NAME_PX, 'normal', 3);
  const height = LANE + (lines.length - 1) * 30;
  return {
    height,
    draw(top) {
      const cy = top + LANE / 2;
      mark(p.g, e.group, x, cy, 10);
      const tx = right ? x + 18 : x - 18;
      const align = right ? 'left' : 'right';
      p.text(yearText, tx, cy, NAME_PX, { align, halo: true, weight: 'bold' });
      lines.forEach((line, i) =>
        p.text(line, right ? tx + gap : tx - gap, cy + i * 30, NAME_PX, { align, halo: true }),
      );
    },
  };
}

/** The type legend (only the types drawn), and the ⚠ key when a noted value is drawn. */
function legend(p: Painter, ctx: Ctx, model: TimelineModel, y: number): number {
  let x = PAD;
  const items: Array<{ group?: TableGroup; text: string }> = model.counts.map((c) => ({
    group: c.group,
    text: ctx.t(`common:types.${c.group}`),
  }));
  for (const item of items) {
    const w = 30 + p.width(item.text, 22) + 28;
    if (x + w > TIMELINE_WIDTH - PAD) {
      x = PAD;
      y += 34;
    }
    if (item.group) mark(p.g, item.group, x + 10, y, 10);
    p.text(item.text, x + 28, y, 22);
    x += w;
  }
  return y + 16;
}

/** Undated rows as a wrapped run of mark + name; a name longer than a line takes two lines of its own. */
function chips(p: Painter, ctx: Ctx, entries: readonly TimelineEntry[], y: number): number {
  let x = PAD;
  const max = TIMELINE_WIDTH - 2 * PAD - 30;
  for (const e of entries) {
    const lines = p.wrap(label(ctx, e), max, NAME_PX, 'normal', 2);
    const w = 26 + Math.max(...lines.map((l) => p.width(l, NAME_PX))) + 30;
    if (x > PAD && (x + w > TIMELINE_WIDTH - PAD || lines.length > 1)) {
      x = PAD;
      y += LANE;
    }
    mark(p.g, e.group, x + 10, y, 10);
    lines.forEach((line, i) => p.text(line, x + 26, y + i * 30, NAME_PX));
    if (lines.length > 1) {
      y += (lines.length - 1) * 30;
      x = TIMELINE_WIDTH; // the next chip starts a line of its own
    } else x += w;
  }
  return y + LANE / 2;
}
