/**
 * The interactive offline console (`npm start` with no DISCORD_TOKEN): the same handlers as Discord,
 * with history and tab completion of command names, option names and the console's own words. The state
 * (the last answer, what `n`, `cite` or `2` act on) lives in session.ts; this file is only the terminal.
 */
import { createInterface, type Completer } from 'node:readline';
import { COMMAND_NAMES, COMMANDS, isCommandName } from '../../app/registry.js';
import type { Services } from '../../app/services.js';
import { COMMON_OPTIONS } from '../../kernel/options.js';
import { endQuietlyWhenStdoutCloses } from './closed-pipe.js';
import { CONSOLE_WORDS } from './parse.js';
import { ConsoleSession } from './session.js';

export const completer: Completer = (line: string) => {
  const m = /^\/(\S*)$/.exec(line);
  if (m) {
    const hits = COMMAND_NAMES.map((n) => `/${n}`).filter((n) => n.startsWith(line));
    return [hits.length > 0 ? hits.map((h) => `${h} `) : COMMAND_NAMES.map((n) => `/${n} `), line];
  }
  const cmd = /^\/(\S+)\s.*?(\S*)$/.exec(line);
  if (cmd && isCommandName(cmd[1]!)) {
    const word = cmd[2] ?? '';
    const names = [...COMMANDS[cmd[1] as keyof typeof COMMANDS].options, ...COMMON_OPTIONS].map((o) => `${o.name}:`);
    const hits = names.filter((n) => n.startsWith(word));
    return [hits, word];
  }
  // A first word: the console's own words, and the commands when nothing is typed yet.
  if (/^\S*$/.test(line)) {
    const lower = line.toLowerCase();
    const words = CONSOLE_WORDS.filter((w) => w.startsWith(lower)).map((w) => (w.endsWith(' ') ? w : `${w} `));
    return [line === '' ? [...words, ...COMMAND_NAMES.map((n) => `/${n} `)] : words, line];
  }
  return [[], line];
};

export interface ReplOptions {
  /** Where exported files go (`npm start -- --out DIR`); by default under the OS temp folder. */
  outDir?: string | undefined;
}

/** `--out DIR` / `--out=DIR` and `--locale L` among the start command's arguments. */
export function replArgs(argv: readonly string[]): { outDir?: string; locale?: string } {
  const out: { outDir?: string; locale?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === '--out' || a === '-o') && argv[i + 1]) out.outDir = argv[++i]!;
    else if (a.startsWith('--out=')) out.outDir = a.slice('--out='.length);
    else if ((a === '--locale' || a === '-l') && argv[i + 1]) out.locale = argv[++i]!;
    else if (a.startsWith('--locale=')) out.locale = a.slice('--locale='.length);
  }
  return out;
}

export async function runRepl(
  services: Services,
  locale: string | undefined,
  options: ReplOptions = {},
): Promise<void> {
  endQuietlyWhenStdoutCloses();
  const args = replArgs(process.argv.slice(2));
  const session = new ConsoleSession(services, {
    locale: args.locale ?? locale,
    outDir: options.outDir ?? args.outDir,
    color: process.stdout.isTTY === true,
    canClear: process.stdout.isTTY === true,
  });
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    completer,
    historySize: 500,
    terminal: process.stdin.isTTY,
  });
  process.stdout.write(`${session.banner()}\n`);
  rl.setPrompt('> ');
  rl.prompt();
  // While the person types their first question: the description index, so no answer waits for it.
  setImmediate(() => services.search.prepare());
  for await (const line of rl) {
    const turn = await session.handle(line);
    if (turn.clear) {
      // Clear the screen and the scrollback, cursor home; nothing to clear when output is not a terminal.
      if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[3J\x1b[H');
    } else if (turn.text) process.stdout.write(`${turn.text}\n\n`);
    if (turn.exit) {
      rl.close();
      break;
    }
    rl.prompt();
  }
}
