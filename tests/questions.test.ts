/**
 * The labelled question set (tests/fixtures/questions*.ts): each question read, run and rendered as /ask
 * answers it, checked against what its answer must name and say and what it must not. At least 95 %
 * overall; every not-covered question must get the honest "not covered" with no record presented.
 */
import { describe, expect, it } from 'vitest';
import { withLang } from '../src/answers/context.js';
import { answerPlan } from '../src/answers/question.js';
import { answerIds, execute } from '../src/understanding/execute.js';
import { readQuestion } from '../src/understanding/read.js';
import { QUESTION_SHAPES, type LabelledQuestion } from './fixtures/question-types.js';
import { HELDOUT_QUESTIONS } from './fixtures/questions-heldout.js';
import { QUESTIONS } from './fixtures/questions.js';
import { TOPIC_QUESTIONS } from './fixtures/questions-topics.js';
import { services, text } from './helpers/services.js';
import { judge } from './helpers/judge.js';

const ALL: readonly LabelledQuestion[] = [...QUESTIONS, ...TOPIC_QUESTIONS];

describe('labelled questions', () => {
  // Judged once: reading and rendering 535 questions takes a fraction of a second.
  const results = ALL.map((q) => ({ q, problems: judge(services, q) }));

  it('has at least 400 questions in both languages and every shape', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(400);
    for (const lang of ['zh-TW', 'en'] as const) expect(ALL.filter((q) => q.lang === lang).length).toBeGreaterThan(150);
    for (const shape of QUESTION_SHAPES)
      expect(
        ALL.some((q) => q.shape === shape),
        shape,
      ).toBe(true);
  });

  /**
   * The bar is 95 % (515 of 535 measured when it was set): a change that reads fewer questions
   * right than that fails.
   */
  it('at least 95 % are answered right', () => {
    const failed = results.filter((r) => r.problems.length > 0);
    const table = failed.map(
      (r) => `  [${r.q.shape}] ${JSON.stringify(r.q.q)} (${r.q.lang}): ${r.problems.join('; ')}`,
    );
    const rate = 1 - failed.length / results.length;
    expect(rate, `${failed.length} of ${results.length} wrong:\n${table.join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('every not-covered question says so and presents no record', () => {
    const failed = results.filter((r) => r.q.shape === 'not-covered' && r.problems.length > 0);
    expect(failed.map((r) => `${r.q.q}: ${r.problems.join('; ')}`)).toEqual([]);
  });

  it('a plan is a plain value: it survives JSON unchanged', () => {
    for (const q of ALL.slice(0, 60)) {
      const plan = readQuestion(q.q, services);
      expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    }
  });

  it('the rendered answer is what /ask returns', () => {
    const q = ALL[0]!;
    const ctx = withLang(services, q.lang);
    const payload = answerPlan(ctx, execute(services.data, readQuestion(q.q, services)), q.q);
    expect(text(payload).length).toBeGreaterThan(0);
    expect(answerIds(execute(services.data, readQuestion(q.q, services))).length).toBeGreaterThanOrEqual(0);
  });
});

describe('held-out questions (tests/fixtures/questions-heldout.ts)', () => {
  // Written apart from the reader; no question of it is special-cased: this guards against regressions. Measured
  // at 86.0 % (129 of 150) when the set was added, before any change it prompted.
  const results = HELDOUT_QUESTIONS.map((q) => ({ q, problems: judge(services, q) }));

  it('has 150 questions over every shape, in both languages', () => {
    expect(HELDOUT_QUESTIONS.length).toBe(150);
    for (const shape of QUESTION_SHAPES)
      expect(
        HELDOUT_QUESTIONS.some((q) => q.shape === shape),
        shape,
      ).toBe(true);
    for (const lang of ['zh-TW', 'en'] as const)
      expect(HELDOUT_QUESTIONS.filter((q) => q.lang === lang).length).toBeGreaterThan(60);
  });

  it('at least 85 % are answered right', () => {
    const failed = results.filter((r) => r.problems.length > 0);
    const rate = 1 - failed.length / results.length;
    expect(
      rate,
      failed.map((r) => `  [${r.q.shape}] ${JSON.stringify(r.q.q)}: ${r.problems.join('; ')}`).join('\n'),
    ).toBeGreaterThanOrEqual(0.85);
  });
});
