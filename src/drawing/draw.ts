/**
 * Drawing helpers shared by the pictures: one palette (Okabe–Ito, safe for the common colour-vision
 * deficiencies, and every type also has its own mark shape), text that is measured, wrapped and recorded
 * (the glyph-coverage test reads every string a picture drew), and the marks.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { TableGroup } from '../answers/pictures.js';
import { FONT_STACK } from './fonts.js';

export const INK = '#111111';
export const MUTED = '#454545';
export const GRID = '#d4d4d4';
export const PAPER = '#ffffff';

/** Okabe & Ito's palette: distinct under protanopia, deuteranopia and tritanopia, and at ≥3:1 on white. */
export const TYPE_COLOURS: Record<TableGroup, string> = {
  comprehensive: '#0072B2',
  thematic: '#D55E00',
  national: '#009E73',
};

export type Weight = 'normal' | 'bold';

/** The margin of every picture. */
export const PAD = 44;
const FOOTER_PX = 21;

export function font(px: number, weight: Weight = 'normal'): string {
  return `${weight === 'bold' ? 'bold ' : ''}${px}px ${FONT_STACK}`;
}

/** A 2D context that remembers every text it drew (for the coverage test) and measures with the same fonts. */
export class Painter {
  readonly drawn = new Set<string>();
  constructor(readonly g: SKRSContext2D) {}

  width(text: string, px: number, weight: Weight = 'normal'): number {
    this.g.font = font(px, weight);
    return this.g.measureText(text).width;
  }

  text(
    text: string,
    x: number,
    y: number,
    px: number,
    opts: { weight?: Weight; colour?: string; align?: 'left' | 'right' | 'center'; halo?: boolean } = {},
  ): void {
    if (text === '') return;
    this.drawn.add(text);
    const g = this.g;
    g.font = font(px, opts.weight);
    g.textAlign = opts.align ?? 'left';
    g.textBaseline = 'middle';
    if (opts.halo) {
      // A white outline keeps a label legible where it crosses a grid line.
      g.strokeStyle = PAPER;
      g.lineWidth = Math.max(4, px / 4);
      g.lineJoin = 'round';
      g.strokeText(text, x, y);
    }
    g.fillStyle = opts.colour ?? INK;
    g.fillText(text, x, y);
  }

  /**
   * Lines of at most `max` pixels: at spaces in English, between any two characters in Chinese (no line
   * starts with closing punctuation). The last line allowed ends in … when the text does not fit.
   */
  wrap(text: string, max: number, px: number, weight: Weight = 'normal', maxLines = Infinity): string[] {
    // Kept whole: a bracketed acronym "(ANMC 21)", a date "2006年8月。"; else one CJK character (with the
    // closing punctuation after it), or a run of other characters.
    const tokens =
      text.match(
        /\([^()\s]*(?:\s[^()\s]+)?\)[,.;:]?\s*|\d+年(?:\d+月)?(?:\d+日)?[）」』，、。：；]*|[\u3000-\u9fff\uff00-\uffef][）」』，、。：；]*|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g,
      ) ?? [];
    const lines: string[] = [];
    let line = '';
    for (const token of tokens) {
      const next = line + token;
      if (line !== '' && this.width(next.trimEnd(), px, weight) > max) {
        lines.push(line.trimEnd());
        line = token.trimStart();
      } else line = next;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = this.fit(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, max, px, weight);
    return kept;
  }

  /** The text, cut with … to fit `max` pixels. */
  fit(text: string, max: number, px: number, weight: Weight = 'normal'): string {
    if (this.width(text, px, weight) <= max) return text;
    const chars = [...text];
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.width(`${chars.slice(0, mid).join('').trimEnd()}…`, px, weight) <= max) lo = mid;
      else hi = mid - 1;
    }
    return `${chars.slice(0, lo).join('').trimEnd()}…`;
  }
}

/** A type's mark: circle (comprehensive), square (thematic), diamond (national), so colour is never alone. */
export function mark(g: SKRSContext2D, group: TableGroup, x: number, y: number, r: number): void {
  g.fillStyle = TYPE_COLOURS[group];
  g.strokeStyle = PAPER;
  g.lineWidth = 2;
  g.beginPath();
  if (group === 'comprehensive') g.arc(x, y, r, 0, Math.PI * 2);
  else if (group === 'thematic') g.rect(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
  else {
    const d = r * 1.2;
    g.moveTo(x, y - d);
    g.lineTo(x + d, y);
    g.lineTo(x, y + d);
    g.lineTo(x - d, y);
    g.closePath();
  }
  g.fill();
  g.stroke();
}

/** A picture's title (bold) and the line under it that says what it shows; returns where the rest starts. */
export function header(p: Painter, title: string, scope: string, width: number): number {
  let y = PAD;
  for (const line of p.wrap(title, width - 2 * PAD, 34, 'bold')) {
    p.text(line, PAD, y + 20, 34, { weight: 'bold' });
    y += 46;
  }
  for (const line of p.wrap(scope, width - 2 * PAD, 22)) {
    p.text(line, PAD, y + 14, 22, { colour: MUTED });
    y += 30;
  }
  return y;
}

/** The footer (the source, the notes' key): a rule, then each line wrapped; returns the picture's height. */
export function footer(p: Painter, lines: readonly string[], y: number, width: number): number {
  const g = p.g;
  g.strokeStyle = GRID;
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(PAD, y + 0.5);
  g.lineTo(width - PAD, y + 0.5);
  g.stroke();
  y += 14;
  for (const text of lines)
    for (const line of p.wrap(text, width - 2 * PAD, FOOTER_PX)) {
      p.text(line, PAD, y + 12, FOOTER_PX, { colour: MUTED });
      y += 28;
    }
  return y + PAD - 14;
}
