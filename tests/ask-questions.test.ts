/**
 * /ask over the whole labelled query set, each query put inside the questions people actually type
 * ("When was X founded?", "X總部在哪裡", …). The record the query names must come first, whatever the
 * phrasing around it; nonsense finds nothing, and words common to many names never a confident answer.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../src/kernel/types.js';
import { orgTitle, pick } from '../src/answers/format.js';
import { QUERIES } from './fixtures/queries.js';
import { run, services } from './helpers/services.js';

const QUESTIONS: ReadonlyArray<[Lang, (q: string) => string]> = [
  ['zh-TW', (q) => q],
  ['zh-TW', (q) => `${q}是什麼？`],
  ['zh-TW', (q) => `${q}總部在哪裡`],
  ['zh-TW', (q) => `${q}有多少會員`],
  ['en', (q) => `What is ${q}?`],
  ['en', (q) => `When was ${q} founded?`],
  ['en', (q) => `Where is ${q} based?`],
];

/** The embed title each record gets in each language. */
function titleOf(id: string, lang: Lang): string | undefined {
  const { data } = services;
  const o = data.org(id);
  if (o) return orgTitle(o, lang);
  const named = data.place(id) ?? data.alliance(id);
  return named ? pick(named.names, lang) : undefined;
}

const cases = QUERIES.flatMap((q) =>
  QUESTIONS.map(([lang, ask]) => ({ question: ask(q.q), lang, expect: q.expect, kind: q.kind })),
);

describe('/ask finds what the labelled query names, however the question is phrased', () => {
  it('has at least 1,500 question cases', () => expect(cases.length).toBeGreaterThanOrEqual(1500));

  const named = cases.filter((c) => c.expect !== null && c.expect !== 'generic');
  it.each(named.map((c) => [c.question, c.lang, c.expect] as const))('%s (%s) → %s', (question, lang, id) => {
    const want = titleOf(id!, lang);
    expect(want, `no record ${id}`).toBeDefined();
    expect(run('ask', { question, lang }).embeds?.[0]?.title).toBe(want);
  });

  const nonsense = cases.filter((c) => c.expect === null);
  it.each(nonsense.map((c) => [c.question, c.lang] as const))('%s (%s) → nothing', (question, lang) => {
    expect(run('ask', { question, lang }).embeds ?? []).toHaveLength(0);
  });

  // Common words alone never pick a winner: nothing, or candidates offered in a "did you mean" menu.
  const generic = cases.filter((c) => c.expect === 'generic');
  it.each(generic.map((c) => [c.question, c.lang] as const))('%s (%s) → no confident answer', (question, lang) => {
    const p = run('ask', { question, lang });
    if ((p.embeds ?? []).length === 0) return;
    expect(JSON.stringify(p.components ?? [])).toMatch(/"custom_id":"[a-z]+:[^"]*:pick"/);
  });
});
