/**
 * How long the answers are, per command, over the whole dataset and the labelled questions: the median and
 * the largest number of characters a reader gets in the first message (content + embed text), in both
 * languages. `npm run bench:lengths` prints the table; `--json` prints one object. Issue 12 measured these
 * before and after "short answers first".
 */
import { createServices } from '../src/app/services.js';
import { runCommand } from '../src/app/dispatch.js';
import type { CommandRequest, Payload } from '../src/kernel/types.js';
import { QUESTIONS } from '../tests/fixtures/questions.js';
import { HELDOUT_QUESTIONS } from '../tests/fixtures/questions-heldout.js';

const USER = { id: 'bench' };

export function answerLength(p: Payload): number {
  let n = p.content?.length ?? 0;
  for (const e of p.embeds ?? []) {
    n += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export interface LengthRow {
  command: string;
  answers: number;
  median: number;
  p90: number;
  max: number;
}

export async function answerLengths(): Promise<LengthRow[]> {
  const services = await createServices();
  const { data } = services;
  const requests = new Map<string, Array<Omit<CommandRequest, 'user' | 'command'>>>();
  const add = (command: string, options: CommandRequest['options']): void => {
    for (const locale of ['zh-TW', 'en-US']) {
      const list = requests.get(command) ?? [];
      list.push({ options, locale });
      requests.set(command, list);
    }
  };
  for (const o of data.organizations) add('org', { query: o.id });
  for (const a of data.alliances) add('org', { query: a.id });
  for (const p of data.places) add('taiwan', { city: p.id });
  add('taiwan', {});
  for (const w of ['1950s', '1960s', '1970s', '1980s', '1990s', '2000s', 'before 1950', '1990-2006', 'unknown'])
    add('founded', { when: w });
  for (const type of [undefined, 'comprehensive', 'thematic', 'national']) add('list', type ? { type } : {});
  const ids = data.organizations.map((o) => o.id);
  for (let i = 0; i + 1 < ids.length; i += 3) add('compare', { first: ids[i]!, second: ids[i + 1]! });
  for (const q of [...QUESTIONS, ...HELDOUT_QUESTIONS]) add('ask', { question: q.q });
  add('about', {});
  add('help', {});
  const rows: LengthRow[] = [];
  for (const [command, list] of requests) {
    const lengths = list
      .map((r) => answerLength(runCommand(services, { command, ...r, user: USER }).value))
      .sort((a, b) => a - b);
    rows.push({
      command,
      answers: lengths.length,
      median: quantile(lengths, 0.5),
      p90: quantile(lengths, 0.9),
      max: lengths[lengths.length - 1] ?? 0,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await answerLengths();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ lengths: rows })}\n`);
  else {
    process.stdout.write('command   answers  median   p90    max  (characters in the first message)\n');
    for (const r of rows)
      process.stdout.write(
        `${`/${r.command}`.padEnd(10)}${String(r.answers).padStart(7)}${String(r.median).padStart(8)}${String(r.p90).padStart(6)}${String(r.max).padStart(7)}\n`,
      );
  }
}
