/** A readable terminal rendering of a Discord payload: what the user would see, as plain text. */
import { styleText } from 'node:util';
import type { Payload } from '../../kernel/types.js';
import type { Controls } from './controls.js';

type Style = Parameters<typeof styleText>[0];

export function renderPayload(p: Payload, color: boolean): string {
  const s = (style: Style, text: string): string => (color ? styleText(style, text) : text);
  const out: string[] = [];
  if (p.flags && (p.flags & 64) !== 0) out.push(s('dim', '(only you can see this)'));
  if (p.content) out.push(p.content);
  for (const e of p.embeds ?? []) {
    out.push('');
    if (e.title) out.push(s('bold', `▌ ${e.title}`));
    if (e.description) out.push(e.description);
    for (const f of e.fields ?? []) {
      out.push(s('cyan', `  ${f.name}`));
      out.push(f.value.replace(/^/gm, '    '));
    }
    if (e.footer) out.push(s('dim', `  — ${e.footer.text}`));
  }
  for (const row of p.components ?? []) {
    if (!('components' in row)) continue;
    const parts = row.components.map((c) => {
      if ('options' in c && Array.isArray(c.options)) {
        return `[${'placeholder' in c && c.placeholder ? c.placeholder : 'menu'}: ${c.options.map((o) => o.label).join(' | ')}]`;
      }
      return 'label' in c && c.label ? `[${c.label}]` : '';
    });
    out.push(s('dim', parts.join(' ')));
  }
  return out.join('\n').replace(/\*\*(.+?)\*\*/g, (_m, t: string) => s('bold', t));
}

/** What a bare number means for an answer: a page when it is paged, else a button, else a menu option. */
export type NumberMeans = 'page' | 'action' | 'pick' | undefined;

export function numberMeans(c: Controls): NumberMeans {
  if (c.pager) return 'page';
  if (c.actions.length > 0) return 'action';
  if (c.menus.length > 0) return 'pick';
  return undefined;
}

/** The console's texts for the controls line (console.json's pagerHint, in the console's language). */
export interface ControlTexts {
  pagerHint(example: string): string;
}

/**
 * An answer as the console shows it: the body, then its controls as what to type. The pager as `p ◀ Page 1
 * of 14 ▶ n`, the buttons numbered (`[1] Cite  [2] Export CSV`; `[#1]` when a bare number turns pages),
 * each menu's options (`[pick 1] …`), link buttons with their address. What is in brackets is what to type;
 * Share is left out (there is no channel offline).
 */
export function renderAnswer(p: Payload, controls: Controls, color: boolean, texts: ControlTexts): string {
  const s = (style: Style, text: string): string => (color ? styleText(style, text) : text);
  const out = [renderPayload({ ...p, components: [] }, color)];
  const means = numberMeans(controls);
  const lines: string[] = [];
  const { pager } = controls;
  if (pager) {
    const example = String(pager.pages !== undefined && pager.page + 2 > pager.pages ? 1 : pager.page + 2);
    const prev = pager.hasPrev ? '[p] ◀ ' : '';
    const next = pager.hasNext ? ' ▶ [n]' : '';
    lines.push(`${prev}${s('bold', pager.label)}${next}   ${s('dim', texts.pagerHint(example))}`);
  }
  if (controls.actions.length > 0) {
    const mark = means === 'action' ? '' : '#';
    lines.push(controls.actions.map((a, i) => `${s('cyan', `[${mark}${i + 1}]`)} ${a.label}`).join('  '));
  }
  // Options are numbered across menus, so `pick N` names one option however many menus there are.
  let option = 0;
  for (const menu of controls.menus) {
    if (menu.placeholder) lines.push(menu.placeholder);
    for (const o of menu.options) {
      option += 1;
      const key = means === 'pick' ? `${option}` : `pick ${option}`;
      const detail = o.description ? s('dim', ` — ${o.description}`) : '';
      lines.push(`  ${s('cyan', `[${key}]`)} ${o.label}${detail}`);
    }
  }
  for (const l of controls.links) lines.push(`${l.label}: ${l.url}`);
  if (lines.length > 0) out.push('', ...lines);
  return out.join('\n');
}
