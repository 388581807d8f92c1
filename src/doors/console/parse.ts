/**
 * Turns a console line into a CommandRequest: `/org 城市聯盟`, `/org query:城市聯盟`,
 * `/founded 1990s type:thematic`, or free text (routed like /ask). The first option may be given
 * positionally and may contain spaces. Pure, so the console contract is tested without a process.
 */
import { COMMANDS, isCommandName } from '../../app/registry.js';
import { COMMON_OPTIONS } from '../../kernel/options.js';
import { ApplicationCommandOptionType } from '../../kernel/discord-enums.js';
import { yesNo } from '../../kernel/input.js';
import type { CommandRequest, OptionValue } from '../../kernel/types.js';

export const CONSOLE_USER = { id: 'console' } as const;

export function parseLine(line: string, locale: string | undefined): CommandRequest {
  const text = line.trim();
  const base = { locale, user: CONSOLE_USER };
  if (!text.startsWith('/')) return { ...base, command: 'ask', options: { question: text } };
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  const name = (match?.[1] ?? '').toLowerCase();
  const rest = match?.[2] ?? '';
  if (!isCommandName(name)) return { ...base, command: name, options: {} };
  const specs = [...COMMANDS[name].options, ...COMMON_OPTIONS];
  const names = specs.map((s) => s.name);
  // Every ` name:` of a known option starts that option's value, which runs to the next one.
  const marker = new RegExp(
    `(?:^|\\s)(${names.map((n) => n.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')).join('|')}):`,
    'g',
  );
  const found = [...rest.matchAll(marker)];
  const options: Record<string, OptionValue> = {};
  const positional = (found[0] ? rest.slice(0, found[0].index) : rest).trim();
  const first = specs[0];
  if (positional && first && !['lang', 'hide'].includes(first.name)) options[first.name] = positional;
  found.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = found[i + 1]?.index ?? rest.length;
    const key = m[1]!;
    const value = rest.slice(start, end).trim();
    const spec = specs.find((s) => s.name === key);
    // A boolean that is neither yes nor no stays text, so the answer can say what is wrong with it.
    options[key] = spec?.type === ApplicationCommandOptionType.Boolean ? (yesNo(value) ?? value) : value;
  });
  return { ...base, command: name, options };
}
