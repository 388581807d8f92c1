/** Dates in answers: the month-only fast path (no Intl, so no ICU start-up) says what Intl says. */
import { describe, expect, it } from 'vitest';
import { withLang } from '../src/answers/context.js';
import { dateText } from '../src/answers/format.js';
import { services } from './helpers/services.js';

describe('dateText', () => {
  it.each(['zh-TW', 'en'] as const)('%s: every month of a month-only date reads as Intl formats it', (lang) => {
    const ctx = withLang(services, lang);
    const intl = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-TW', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
    });
    for (let m = 1; m <= 12; m++) {
      const date = `2006-${String(m).padStart(2, '0')}`;
      expect(dateText(ctx, date)).toBe(intl.format(new Date(Date.UTC(2006, m - 1, 1))));
    }
  });

  it('keeps Intl for days and short months, and the year alone for a year', () => {
    const en = withLang(services, 'en');
    expect(dateText(en, '2006-02-24')).toBe('24 February 2006');
    expect(dateText(en, '2006')).toBe('2006');
    expect(dateText(withLang(services, 'zh-TW'), '2006-02-24')).toBe('2006年2月24日');
  });
});
