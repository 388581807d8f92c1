/**
 * Judges one labelled question (tests/fixtures/question-types.ts) against the answer /ask gives: the
 * records the answer names (from the executed plan, every page), the reply's visible text, the count it
 * states. Returns what is wrong, empty when right. Shared by the question test and the benchmark.
 */
import type { Services } from '../../src/answers/context.js';
import { runCommand } from '../../src/app/dispatch.js';
import type { Payload } from '../../src/kernel/types.js';
import { answerIds, execute, type Outcome } from '../../src/understanding/execute.js';
import { readQuestion } from '../../src/understanding/read.js';
import type { LabelledQuestion } from '../fixtures/question-types.js';

export function visibleText(p: Payload): string {
  const parts: string[] = [p.content ?? ''];
  for (const e of p.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  for (const row of p.components ?? []) {
    for (const c of 'components' in row ? row.components : []) {
      if ('options' in c && Array.isArray(c.options)) for (const o of c.options) parts.push(o.label);
    }
  }
  return parts.join('\n');
}

const norm = (s: string): string => s.normalize('NFKC').toLowerCase();

/** What the judged answer is made of: the names it gives and the reply a user reads. */
export interface Answered {
  ids: readonly string[];
  payload: Payload;
  count?: number | undefined;
  notCovered: boolean;
}

/** The current reader's answer: plan → outcome → reply. */
export function answerNow(services: Services, q: LabelledQuestion): Answered {
  const outcome: Outcome = execute(services.data, readQuestion(q.q, services));
  const payload = runCommand(services, {
    command: 'ask',
    options: { question: q.q, lang: q.lang },
    user: { id: '100000000000000001' },
  }).value;
  const count = 'entries' in outcome ? outcome.orgs.length : undefined;
  const notCovered = outcome.plan.intent === 'not-covered' || ('hits' in outcome && outcome.hits.length === 0);
  return { ids: answerIds(outcome), payload, count, notCovered };
}

export function problemsOf(q: LabelledQuestion, a: Answered): string[] {
  const problems: string[] = [];
  // Text is looked for in the answer, not in what echoes the question: the reading line ("🔎 Read as: …
  // “網中網”") and a quoted question ("本文未涵蓋「…」") would otherwise supply any word the question has.
  const body = norm(visibleText(a.payload))
    .split('\n')
    .filter((line) => !line.startsWith('🔎'))
    .join('\n')
    .split(norm(q.q.trim()))
    .join(' ');
  if (q.shape === 'not-covered') {
    if (!a.notCovered) problems.push('not answered "not covered"');
    if ((a.payload.embeds ?? []).length > 0) problems.push(`presents ${String(a.payload.embeds?.[0]?.title)}`);
  }
  for (const id of q.ids ?? []) if (!a.ids.includes(id)) problems.push(`missing ${id}`);
  for (const id of q.not ?? []) if (a.ids.includes(id)) problems.push(`names ${id}`);
  if (q.only && q.ids) {
    const extra = a.ids.filter((id) => !q.ids!.includes(id));
    if (extra.length > 0) problems.push(`extra ${extra.join(',')}`);
  }
  if (q.first && a.ids[0] !== q.first) problems.push(`leads with ${String(a.ids[0])}, not ${q.first}`);
  for (const t of q.text ?? []) if (!body.includes(norm(t))) problems.push(`no text "${t}"`);
  for (const t of q.notText ?? []) if (body.includes(norm(t))) problems.push(`has text "${t}"`);
  if (q.count !== undefined) {
    // A computed list states its count; any other answer must state the number in its text.
    const stated = a.count ?? (new RegExp(`(?<!\\d)${q.count}(?!\\d)`).test(body) ? q.count : undefined);
    if (stated !== q.count) problems.push(`count ${String(a.count)}, not ${q.count}`);
  }
  return problems;
}

export function judge(services: Services, q: LabelledQuestion): string[] {
  return problemsOf(q, answerNow(services, q));
}
