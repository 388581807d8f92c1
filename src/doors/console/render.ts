/** A readable terminal rendering of a Discord payload: what the user would see, as plain text. */
import { styleText } from 'node:util';
import type { Payload } from '../../kernel/types.js';

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
