/**
 * What a shown answer lets the console user do, read from its components: turn its pages (the pager row of
 * src/answers/format.ts: prev / a disabled "page x of y" button whose id ends in `:x` / next, every paging
 * id ending in its 0-based page number), click its other buttons (numbered actions) and pick from its
 * menus. Pure, so the console's behaviour is tested without a terminal.
 */
import type { Payload } from '../../kernel/types.js';
import type { ActionName } from './parse.js';

export interface Pager {
  /** 0-based, as in the custom_id. */
  page: number;
  /** How many pages, when the label says (its largest number). */
  pages: number | undefined;
  /** The "page x of y" label as the answer shows it. */
  label: string;
  hasPrev: boolean;
  hasNext: boolean;
  /** The custom_id that shows a 0-based page. */
  idFor(page: number): string;
}

export interface Action {
  customId: string;
  label: string;
  /** Which of the named actions it is, if any (`full`, `cite`, `csv`, `timeline`, `map`, `share`). */
  name: ActionName | undefined;
}

export interface Menu {
  customId: string;
  placeholder: string;
  options: readonly { label: string; value: string; description?: string | undefined }[];
}

export interface Link {
  label: string;
  url: string;
}

export interface Controls {
  pager: Pager | undefined;
  /** The enabled buttons that are not the pager's, Share aside, in the order shown: numbered from 1. */
  actions: readonly Action[];
  /** The Share button, if any: meaningless offline, so not numbered. */
  share: Action | undefined;
  menus: readonly Menu[];
  links: readonly Link[];
}

interface RawComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  url?: string;
  placeholder?: string;
  options?: { label: string; value: string; description?: string }[];
}

function componentsOf(p: Payload | undefined): RawComponent[][] {
  return (p?.components ?? []).map((row) =>
    'components' in row && Array.isArray(row.components) ? (row.components as RawComponent[]) : [],
  );
}

const lastField = (id: string): string => id.slice(id.lastIndexOf(':') + 1);
const withoutLastField = (id: string): string => id.slice(0, Math.max(0, id.lastIndexOf(':')));

/** The tag of a custom_id (its first `:` field) names the action: `full:`, `cite:`, `share:`, `…csv:`. */
function actionName(id: string, label: string): ActionName | undefined {
  const tag = (id.split(':', 1)[0] ?? '').toLowerCase();
  if (tag === 'full' || tag === 'cite' || tag === 'share') return tag;
  // A picture button (`pic:<lang>:tl…` / `pic:<lang>:tw…`): the timeline or the participation map.
  if (tag === 'pic') return id.split(':')[2]?.startsWith('tw') ? 'map' : 'timeline';
  if (tag.includes('csv') || /\bcsv\b/i.test(label)) return 'csv';
  return undefined;
}

function findPager(rows: RawComponent[][]): { pager: Pager; prefix: string } | undefined {
  for (const row of rows) {
    const current = row.find(
      (c) => c.disabled === true && typeof c.custom_id === 'string' && c.custom_id.endsWith(':x'),
    );
    if (!current?.custom_id) continue;
    const base = current.custom_id.slice(0, -2);
    const page = Number(lastField(base));
    if (!Number.isInteger(page) || page < 0) continue;
    const prefix = withoutLastField(base);
    const isPaging = (c: RawComponent): boolean =>
      typeof c.custom_id === 'string' &&
      c.custom_id !== current.custom_id &&
      withoutLastField(c.custom_id) === prefix &&
      /^\d+$/.test(lastField(c.custom_id));
    const others = row.filter(isPaging);
    const label = current.label ?? '';
    const numbers = [...label.matchAll(/\d+/g)].map((m) => Number(m[0]));
    const pages = numbers.length >= 2 ? Math.max(...numbers) : undefined;
    const hasNext = others.some((c) => !c.disabled && Number(lastField(c.custom_id!)) > page);
    const hasPrev = others.some((c) => !c.disabled && Number(lastField(c.custom_id!)) < page);
    return {
      prefix,
      pager: { page, pages, label, hasPrev, hasNext, idFor: (n) => `${prefix}:${n}` },
    };
  }
  return undefined;
}

export function controlsOf(p: Payload | undefined): Controls {
  const rows = componentsOf(p);
  const found = findPager(rows);
  const isPagerButton = (c: RawComponent): boolean =>
    found !== undefined &&
    typeof c.custom_id === 'string' &&
    (c.custom_id.endsWith(':x')
      ? withoutLastField(c.custom_id.slice(0, -2)) === found.prefix
      : withoutLastField(c.custom_id) === found.prefix && /^\d+$/.test(lastField(c.custom_id)));
  const actions: Action[] = [];
  const menus: Menu[] = [];
  const links: Link[] = [];
  let share: Action | undefined;
  for (const c of rows.flat()) {
    if (Array.isArray(c.options) && typeof c.custom_id === 'string') {
      if (!c.disabled) menus.push({ customId: c.custom_id, placeholder: c.placeholder ?? '', options: c.options });
    } else if (typeof c.url === 'string') {
      links.push({ label: c.label ?? c.url, url: c.url });
    } else if (typeof c.custom_id === 'string' && !c.disabled && !isPagerButton(c)) {
      const label = c.label ?? c.custom_id;
      const action: Action = { customId: c.custom_id, label, name: actionName(c.custom_id, label) };
      if (action.name === 'share') share ??= action;
      else actions.push(action);
    }
  }
  return { pager: found?.pager, actions, share, menus, links };
}

/** Whether a payload offers the console anything to do (pages, actions, a menu). */
export function isInteractive(c: Controls): boolean {
  return c.pager !== undefined || c.actions.length > 0 || c.menus.length > 0;
}
