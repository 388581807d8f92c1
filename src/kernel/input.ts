/**
 * Option values arrive from Discord, the HTTP door or a terminal: any of them may be empty, huge, of the
 * wrong type or full of invisible characters. These helpers turn them into clean text or a reason.
 */
import type { OptionValue } from './types.js';

/** Longest free text any command accepts; Discord's own option limit is set lower (100) in the definitions. */
export const MAX_TEXT = 200;

// C0/C1 controls, zero-width and bidirectional-format characters, BOM: invisible, and able to
// reorder or hide what the user sees of the echoed query.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export type TextResult = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' | 'wrong-type' };

export function cleanText(value: OptionValue | undefined, max: number = MAX_TEXT): TextResult {
  if (value === undefined) return { ok: false, reason: 'empty' };
  if (typeof value === 'boolean') return { ok: false, reason: 'wrong-type' };
  const raw = typeof value === 'number' ? String(value) : value;
  // Checked before cleaning so that 6,000 characters are refused without scanning them all.
  if (raw.length > max * 4) return { ok: false, reason: 'too-long' };
  const text = raw.toWellFormed().replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  if (text.length > max) return { ok: false, reason: 'too-long' };
  return { ok: true, text };
}

/** A refused value as it may be echoed back: visible characters only, short, never empty ("…"). */
export function shownText(value: OptionValue, max = 32): string {
  const text = String(value)
    .slice(0, max * 4)
    .toWellFormed()
    .replace(INVISIBLE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length === 0 ? '…' : [...text].slice(0, max).join('');
}

/** The one yes/no vocabulary, for `hide:` typed in a terminal or sent by a forged request. */
const YES = new Set(['true', 'yes', 'y', '1', 'on', '是']);
const NO = new Set(['false', 'no', 'n', '0', 'off', '否']);

/** true or false for a word of the vocabulary (any case, surrounding spaces ignored); otherwise undefined. */
export function yesNo(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  return YES.has(word) ? true : NO.has(word) ? false : undefined;
}

/** Booleans arrive as booleans from Discord and as "true"/"yes"/"1" from a terminal. */
export function optionBool(value: OptionValue | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return yesNo(value) === true;
  return false;
}
