/**
 * The interactive offline console (`npm start` with no DISCORD_TOKEN): the same handlers as Discord,
 * with history and tab completion of command and option names.
 */
import { createInterface, type Completer } from 'node:readline';
import { COMMAND_NAMES, COMMANDS, isCommandName } from '../../app/registry.js';
import type { Services } from '../../app/services.js';
import { COMMON_OPTIONS } from '../../kernel/options.js';
import { runCommand } from '../../app/dispatch.js';
import { endQuietlyWhenStdoutCloses } from './closed-pipe.js';
import { parseLine } from './parse.js';
import { renderPayload } from './render.js';

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
  return [[], line];
};

export async function runRepl(services: Services, locale: string | undefined): Promise<void> {
  endQuietlyWhenStdoutCloses();
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    completer,
    historySize: 500,
    terminal: process.stdin.isTTY,
  });
  const color = process.stdout.isTTY === true;
  const banner = locale?.startsWith('en')
    ? 'City alliances bot, offline console. Type /help, a command such as /org ICLEI, or a question. Ctrl+D to quit.'
    : '城市聯盟機器人（離線主控台）。請輸入 /help、指令（如 /org 城市聯盟）或問題。按 Ctrl+D 離開。';
  process.stdout.write(`${banner}\n`);
  rl.setPrompt('> ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() !== '') {
      const { value } = runCommand(services, parseLine(line, locale));
      process.stdout.write(`${renderPayload(value, color)}\n\n`);
    }
    rl.prompt();
  }
}
