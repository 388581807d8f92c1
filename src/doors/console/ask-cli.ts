/**
 * `npm run -s ask -- [--json] [--locale zh-TW|en] [--out DIR] [COMMAND]` (contract in shared/DESIGN.md):
 * answers one command, or one per stdin line when none is given. --json prints exactly one payload per line.
 * Never rate limited; exit 0 when every line was answered ("no match" is an answer). In stdin mode a line
 * may also be a console word, as in the REPL: `n`, `p`, a page or button number, `full`, `cite`, `csv`,
 * `pick N` act on the previous answer, `help` lists them, `exit` / `quit` ends the input. Still one line
 * out per line in; a file a click brings (a CSV) is written under the OS temp folder or DIR, its path
 * printed (with --json, in the payload line's `files: [{name, path}]`). Only LF (or CRLF) ends a line; an
 * empty line is skipped, and every other one, whitespace alone included, is a command with one answer.
 */
import { createServices, type Services } from '../../app/services.js';
import { runCommand } from '../../app/dispatch.js';
import { endQuietlyWhenStdoutCloses } from './closed-pipe.js';
import { inputLines, parseLine } from './parse.js';
import { renderPayload } from './render.js';
import { ConsoleSession } from './session.js';
import { loadDotEnv } from '../shared/dotenv.js';
import { runEntry } from '../shared/startup.js';

const USAGE = `usage: npm run -s ask -- [--json] [--locale zh-TW|en] [--out DIR] [COMMAND]
  COMMAND  a slash command (/org 城市聯盟, /founded when:1990s type:thematic) or a question
           with no COMMAND, reads one command per line from standard input; a line may also act on
           the previous answer: n / p (next / previous page), a page or button number, full, cite,
           csv, pick N; help lists these words, exit ends the input
  --out    where exported files (CSV) are written; by default a new folder under the OS temp folder`;

interface Args {
  json: boolean;
  locale: string | undefined;
  command: string | undefined;
  out: string | undefined;
}

export function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { json: false, locale: undefined, command: undefined, out: undefined };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--locale' || a === '-l') {
      const v = argv[++i];
      if (!v) return '--locale needs a value: zh-TW or en';
      args.locale = v;
    } else if (a.startsWith('--locale=')) args.locale = a.slice('--locale='.length);
    else if (a === '--out' || a === '-o') {
      const v = argv[++i];
      if (!v) return '--out needs a directory';
      args.out = v;
    } else if (a.startsWith('--out=')) args.out = a.slice('--out='.length);
    else if (a === '--help' || a === '-h') return USAGE;
    else if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    } else rest.push(a);
  }
  if (args.locale !== undefined && !/^(zh|en)/i.test(args.locale))
    return `unknown locale "${args.locale}": use zh-TW or en`;
  args.command = rest.length > 0 ? rest.join(' ') : undefined;
  return args;
}

/** One command's answer; one with a picture goes through a session, which draws it and writes the PNG. */
async function answer(services: Services, line: string, args: Args, color: boolean): Promise<string> {
  const { value, picture } = runCommand(services, parseLine(line, args.locale));
  if (picture) return (await new ConsoleSession(services, { ...sessionOptions(args), color }).ask(line)).text;
  return args.json ? JSON.stringify(value) : renderPayload(value, color);
}

function sessionOptions(args: Args): { locale: string | undefined; outDir: string | undefined; json: boolean } {
  return { locale: args.locale, outDir: args.out, json: args.json };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    const isHelp = args === USAGE;
    (isHelp ? process.stdout : process.stderr).write(`${args}\n`);
    return isHelp ? 0 : 2;
  }
  endQuietlyWhenStdoutCloses();
  // DATA_DIR and LOCALES_DIR may come from .env, as for every other entry point.
  loadDotEnv();
  const services = await createServices();
  const color = !args.json && process.stdout.isTTY === true;
  if (args.command !== undefined) {
    process.stdout.write(`${await answer(services, args.command, args, color)}\n`);
    return 0;
  }
  const session = new ConsoleSession(services, {
    ...sessionOptions(args),
    color,
    canClear: color,
  });
  for await (const raw of inputLines(process.stdin)) {
    // An empty line holds no command, and gets no answer (a file's last newline makes none either).
    if (raw === '') continue;
    // A lone CR is whitespace here: echoed into an answer, it would move a terminal's cursor.
    const line = raw.replace(/\r/g, ' ');
    // Any other line is one command, answered: a line of spaces (U+3000 too) gets the empty query's answer.
    const turn = line.trim() === '' ? await session.ask(line) : await session.handle(line);
    if (turn.clear) process.stdout.write('\x1b[2J\x1b[3J\x1b[H');
    else process.stdout.write(`${turn.text}\n${args.json ? '' : '\n'}`);
    // `exit` / `quit` ends the input: its line is answered (goodbye), the rest is not read.
    if (turn.exit) break;
  }
  return 0;
}

runEntry(main);
