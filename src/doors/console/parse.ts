/**
 * Turns a console line into a CommandRequest: `/org 城市聯盟`, `/org query:城市聯盟`,
 * `/founded 1990s type:thematic`, or free text (routed like /ask). The first option may be given
 * positionally and may contain spaces. Pure, so the console contract is tested without a process.
 */
import { StringDecoder } from 'node:string_decoder';
import { COMMANDS, isCommandName } from '../../app/registry.js';
import { COMMON_OPTIONS } from '../../kernel/options.js';
import { ApplicationCommandOptionType } from '../../kernel/discord-enums.js';
import { escapeRegExp } from '../../kernel/builtins.js';
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
  const marker = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join('|')}):`, 'g');
  const found = [...rest.matchAll(marker)];
  const options: Record<string, OptionValue> = {};
  const positional = (found[0] ? rest.slice(0, found[0].index) : rest).trim();
  const first = specs[0];
  if (positional && first && !COMMON_OPTIONS.some((c) => c.name === first.name)) options[first.name] = positional;
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

/**
 * The console's own words, which act on the console or on the last answer instead of asking the bot:
 * `help`, `exit`/`quit`, `clear`; `n`/`next`, `p`/`prev`, `page N` (pages); a bare number (a page of a
 * paged answer, otherwise an action), `#N` (action N), `full`, `cite`, `csv`, `share` (the action
 * buttons by name) and `pick N` (option N of the answer's menu). Anything else is a command or a question.
 */
export type ConsoleWord =
  | { kind: 'help' }
  | { kind: 'exit' }
  | { kind: 'clear' }
  | { kind: 'next' }
  | { kind: 'prev' }
  | { kind: 'page'; page: number | undefined }
  | { kind: 'number'; n: number }
  | { kind: 'action'; n: number }
  | { kind: 'named'; name: ActionName }
  | { kind: 'pick'; n: number | undefined };

export const ACTION_NAMES = ['full', 'cite', 'csv', 'timeline', 'map', 'share'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** The words offered by tab completion (and listed by `help`). */
export const CONSOLE_WORDS = [
  'help',
  'exit',
  'quit',
  'clear',
  'next',
  'prev',
  'page ',
  'pick ',
  ...ACTION_NAMES,
] as const;

const WORDS: Readonly<Record<string, ConsoleWord>> = {
  help: { kind: 'help' },
  '?': { kind: 'help' },
  exit: { kind: 'exit' },
  quit: { kind: 'exit' },
  clear: { kind: 'clear' },
  cls: { kind: 'clear' },
  n: { kind: 'next' },
  next: { kind: 'next' },
  p: { kind: 'prev' },
  prev: { kind: 'prev' },
  previous: { kind: 'prev' },
  page: { kind: 'page', page: undefined },
  pick: { kind: 'pick', n: undefined },
  ...Object.fromEntries(ACTION_NAMES.map((name) => [name, { kind: 'named', name }])),
};

/** A number as typed, in ASCII or full-width digits (a Chinese input method often gives the latter). */
function count(s: string): number | undefined {
  const ascii = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return /^\d{1,6}$/.test(ascii) ? Number(ascii) : undefined;
}

/** The console word a line is, if it is one (case and surrounding spaces aside). Pure. */
export function parseConsoleWord(line: string): ConsoleWord | undefined {
  const text = line.trim().toLowerCase();
  if (Object.hasOwn(WORDS, text)) return WORDS[text];
  const bare = count(text);
  if (bare !== undefined) return { kind: 'number', n: bare };
  const m = /^(page|pick|#)\s*(\S+)$/.exec(text);
  const n = m ? count(m[2]!) : undefined;
  if (!m || n === undefined) return undefined;
  if (m[1] === 'page') return { kind: 'page', page: n };
  if (m[1] === 'pick') return { kind: 'pick', n };
  return { kind: 'action', n };
}

/**
 * The lines of the input, split on LF only (the CR of a CRLF dropped). node:readline also ends a line at a
 * lone CR, which turned one command into two answers; "one line in, one payload out" needs LF alone.
 * Text after the last LF is a line too. Leaving the loop early closes the input.
 */
export async function* inputLines(
  input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      yield pending.slice(start, end > start && pending[end - 1] === '\r' ? end - 1 : end);
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}
