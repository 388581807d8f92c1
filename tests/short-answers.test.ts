/**
 * Short answers first (issue 12, item 1) and follow-ups (item 5), without Discord: an answer leads with
 * the lines that answer the question, each with its section, or a short card, and the Full record button
 * shows the whole record in place; a follow-up borrows the replied-to answer's subject only when it names none.
 */
import { describe, expect, it } from 'vitest';
import { FULL, customIds } from '../src/answers/actions.js';
import { full, run, services, text } from './helpers/services.js';

const lengthOf = (p: ReturnType<typeof run>): number => text(p).length;

describe('short answers first', () => {
  it('/org with no focus: a short card (type, founding, headquarters, Taiwan, notes flagged) and Full record', () => {
    for (const lang of ['zh-TW', 'en'] as const) {
      const p = run('org', { query: 'UCLG', lang });
      const fields = p.embeds?.[0]?.fields?.map((f) => f.name) ?? [];
      const t = services.translator.t(lang);
      expect(fields.slice(0, 4)).toEqual([
        t('common:fields.type'),
        t('common:fields.founded'),
        t('org:fields.headquarters'),
        t('org:fields.taiwan'),
      ]);
      expect(fields.slice(4)).toEqual(fields.length > 4 ? [t('common:fields.notes')] : []);
      expect(customIds(p.components).some((id) => FULL.decode(id)?.id === 'uclg')).toBe(true);
      const whole = full(p);
      expect(lengthOf(whole)).toBeGreaterThan(2 * lengthOf(p));
      expect(text(whole)).toContain(lang === 'en' ? 'Barcelona' : '巴塞隆納');
    }
    const iclei = text(run('org', { query: 'ICLEI', lang: 'en' }));
    expect(iclei).toMatch(/2 data notes .*open the full record/);
    expect(iclei).not.toMatch(/September 1990/); // the note's text waits in the full record
    expect(text(full(run('org', { query: 'ICLEI', lang: 'en' })))).toMatch(/September 1990/);
  });

  it('a focused question leads with its answer and its section, before the short card', () => {
    const p = run('ask', { question: 'ICLEI 總部在哪', lang: 'zh-TW' });
    const lines = (p.content ?? '').split('\n');
    expect(lines[0]).toMatch(/^🔎 讀作：/);
    expect(lines[1]).toMatch(/德國.*\[參、二、\(一\)\]/);
    expect(lines).toHaveLength(2);
  });

  it('words the focus does not name still find the record’s fact that answers them', () => {
    const cases: Array<[string, 'zh-TW' | 'en', RegExp]> = [
      ['What did the CCRE adopt in 2004?', 'en', /Aalborg/],
      ['加拿大市政聯盟的政策多久會重新檢視一次？', 'zh-TW', /每季.*\[/],
      ['UCLG 當初成立是為了解決什麼問題', 'zh-TW', /全球化/],
      ['世界城市聯盟接下來打算在哪些區域擴增會員？', 'zh-TW', /南美洲/],
    ];
    for (const [question, lang, want] of cases) {
      const content = run('ask', { question, lang }).content ?? '';
      expect(content, question).toMatch(want);
      expect(content.split('\n').length, question).toBeLessThanOrEqual(6);
    }
  });

  it('answers are shorter than the records they come from, every organization in both languages', () => {
    for (const lang of ['zh-TW', 'en'] as const) {
      for (const o of services.data.organizations) {
        const p = run('org', { query: o.id, lang });
        expect(lengthOf(p), o.id).toBeLessThanOrEqual(1000);
        expect(lengthOf(full(p)), o.id).toBeGreaterThanOrEqual(lengthOf(p) - 200);
      }
    }
  });
});

describe('follow-ups by subject', () => {
  const follow = (question: string, subject: string, lang: 'zh-TW' | 'en') =>
    run('ask', { question, lang }, { subject }).content ?? '';

  it('a question naming nothing is about the replied-to answer’s record', () => {
    expect(follow('那它的總部在哪？', 'iclei', 'zh-TW')).toMatch(/ICLEI.*德國/);
    expect(follow('and when was it founded?', 'uclg', 'en')).toMatch(/UCLG.*2004/);
    expect(follow('它有幾個姊妹市？', 'taipei-city', 'zh-TW')).toMatch(/45/);
  });

  it('a question naming its own record is answered about that record', () => {
    expect(follow('那台南呢？', 'kaohsiung-city', 'zh-TW')).toMatch(/臺南|台南/);
    expect(follow('UCLG 的總部在哪？', 'iclei', 'zh-TW')).toMatch(/巴塞隆納/);
  });

  it('an unknown subject is ignored', () => {
    expect(follow('那它的總部在哪？', 'no-such-record', 'zh-TW')).not.toMatch(/德國/);
  });
});
