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

/**
 * Every case is checked in one test per group; a failure lists every failing case at once, as a table,
 * which is as strict as a test per case and costs a fraction of vitest's per-test overhead.
 */
function expectNoFailures(
  failures: ReadonlyArray<readonly [question: string, lang: Lang, wanted: string, got: string]>,
) {
  const table = failures.map(([q, lang, want, got]) => `  ${JSON.stringify(q)} (${lang}): wanted ${want}, got ${got}`);
  expect(failures.length, `${failures.length} failing question(s):\n${table.join('\n')}`).toBe(0);
}

describe('/ask finds what the labelled query names, however the question is phrased', () => {
  it('has at least 1,500 question cases', () => expect(cases.length).toBeGreaterThanOrEqual(1500));

  const named = cases.filter((c) => c.expect !== null && c.expect !== 'generic');
  it(`${named.length} questions naming a record: that record's card comes first`, () => {
    expect(named.length).toBeGreaterThan(1000);
    const failures = named.flatMap((c) => {
      const want = titleOf(c.expect!, c.lang);
      const got = run('ask', { question: c.question, lang: c.lang }).embeds?.[0]?.title;
      return want !== undefined && got === want
        ? []
        : [[c.question, c.lang, want ?? `a record ${c.expect}`, String(got)] as const];
    });
    expectNoFailures(failures);
  });

  const nonsense = cases.filter((c) => c.expect === null);
  it(`${nonsense.length} nonsense questions: nothing is presented`, () => {
    expect(nonsense.length).toBeGreaterThan(50);
    const failures = nonsense.flatMap((c) => {
      const embeds = run('ask', { question: c.question, lang: c.lang }).embeds ?? [];
      return embeds.length === 0 ? [] : [[c.question, c.lang, 'no embed', String(embeds[0]?.title)] as const];
    });
    expectNoFailures(failures);
  });

  // Common words alone never pick a winner: nothing, or candidates offered in a "did you mean" menu.
  const generic = cases.filter((c) => c.expect === 'generic');
  it(`${generic.length} questions of common words only: no confident answer`, () => {
    expect(generic.length).toBeGreaterThan(20);
    const failures = generic.flatMap((c) => {
      const p = run('ask', { question: c.question, lang: c.lang });
      if ((p.embeds ?? []).length === 0) return [];
      return /"custom_id":"[a-z]+:[^"]*:pick"/.test(JSON.stringify(p.components ?? []))
        ? []
        : [[c.question, c.lang, 'nothing, or a "did you mean" menu', String(p.embeds?.[0]?.title)] as const];
    });
    expectNoFailures(failures);
  });
});
