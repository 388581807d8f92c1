/**
 * Every command over the whole dataset, in both languages, with every page of every paged answer:
 * no reply exceeds a Discord limit, and every reply pings nobody.
 */
import { describe, expect, it } from 'vitest';
import { runComponent } from '../src/app/dispatch.js';
import type { Payload } from '../src/kernel/types.js';
import { LIMITS, clamp, fitPayload, limitViolations } from '../src/kernel/limits.js';
import { run, services } from './helpers/services.js';

const LANGS = ['zh-TW', 'en'] as const;

/** Follows every enabled button of a paged answer, collecting each page. */
function allPages(first: Payload): Payload[] {
  const pages = [first];
  const seen = new Set<string>();
  const queue = [first];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const row of p.components ?? []) {
      if (!('components' in row)) continue;
      for (const c of row.components) {
        if (c.type !== 2 || !('custom_id' in c) || c.disabled || seen.has(c.custom_id)) continue;
        seen.add(c.custom_id);
        const next = runComponent(services, { customId: c.custom_id, user: { id: '1' } });
        expect(next.outcome, c.custom_id).toBe('ok');
        pages.push(next.value.payload);
        queue.push(next.value.payload);
      }
    }
  }
  return pages;
}

function check(label: string, p: Payload): void {
  expect(limitViolations(p), label).toEqual([]);
  expect(p.allowed_mentions, label).toEqual({ parse: [] });
}

describe('Discord limits over the whole dataset', () => {
  for (const lang of LANGS) {
    it(`/org for every organization, by id and by each name (${lang})`, () => {
      for (const o of services.data.organizations) {
        for (const query of [o.id, o.names.zh, o.names.en, ...o.aliases]) {
          check(`/org ${query}`, run('org', { query, lang }));
        }
      }
    });

    it(`/taiwan for every place and alliance, and the overview (${lang})`, () => {
      check('/taiwan', run('taiwan', { lang }));
      for (const r of [...services.data.places, ...services.data.alliances]) {
        for (const city of [r.id, r.names.zh, r.names.en, ...r.aliases])
          check(`/taiwan ${city}`, run('taiwan', { city, lang }));
      }
    });

    it(`/founded for every year 1890–2010, decades, ranges, unknown, preparing, all, every type and page (${lang})`, () => {
      const whens = [
        ...Array.from({ length: 121 }, (_, i) => String(1890 + i)),
        ...['1900s', '1950年代', '1990年代', '2000s', '90年代', '1800-2006', 'unknown', '籌備中', 'all'],
      ];
      for (const when of whens) {
        for (const type of [undefined, 'comprehensive', 'thematic', 'national']) {
          for (const page of allPages(run('founded', { when, type, lang }))) check(`/founded ${when} ${type}`, page);
        }
      }
    });

    it(`/list every type and page, /about every page, /help (${lang})`, () => {
      for (const type of [undefined, 'comprehensive', 'thematic', 'national', 'other']) {
        for (const page of allPages(run('list', { type, lang }))) check(`/list ${type}`, page);
      }
      for (const page of allPages(run('about', { lang }))) check('/about', page);
      check('/help', run('help', { lang }));
    });

    it(`/ask about every organization and place (${lang})`, () => {
      for (const o of services.data.organizations) {
        for (const q of [
          `When was ${o.names.en} founded?`,
          `${o.names.zh}總部在哪裡?`,
          `${o.acronym ?? o.names.zh} 有多少會員`,
        ]) {
          check(`/ask ${q}`, run('ask', { question: q, lang }));
        }
      }
      for (const p of services.data.places) {
        check(`/ask ${p.names.zh}`, run('ask', { question: `${p.names.zh}參加了哪些國際組織?`, lang }));
        check(`/ask ${p.names.en}`, run('ask', { question: `How many sister cities does ${p.names.en} have?`, lang }));
      }
    });
  }
});

describe('the clamp helper', () => {
  it('cuts to the limit with an ellipsis and never splits a surrogate pair', () => {
    expect(clamp('abcdef', 4)).toBe('abc…');
    expect(clamp('ab😀cd', 3)).toBe('ab…');
    expect(clamp('short', 10)).toBe('short');
  });

  it('fits an oversized payload into every limit', () => {
    const huge = 'x'.repeat(10_000);
    const p = fitPayload({
      content: huge,
      embeds: Array.from({ length: 12 }, () => ({
        title: huge,
        description: huge,
        footer: { text: huge },
        fields: Array.from({ length: 30 }, () => ({ name: huge, value: huge })),
      })),
    });
    expect(limitViolations(p)).toEqual([]);
    expect(p.content?.length).toBe(LIMITS.CONTENT);
  });
});

describe('no real answer is cut', () => {
  it('every organization and place embed fits whole, so no fact or data note is ever dropped by the clamp', async () => {
    const { withLang } = await import('../src/answers/context.js');
    const { orgEmbed } = await import('../src/answers/organization.js');
    const { placeEmbed, allianceEmbed } = await import('../src/answers/place.js');
    for (const lang of LANGS) {
      const ctx = withLang(services, lang);
      const embeds = [
        ...services.data.organizations.map((o) => orgEmbed(ctx, o)),
        ...services.data.places.map((p) => placeEmbed(ctx, p)),
        ...services.data.alliances.map((a) => allianceEmbed(ctx, a)),
      ];
      for (const e of embeds) {
        const total =
          (e.title?.length ?? 0) +
          (e.description?.length ?? 0) +
          (e.footer?.text.length ?? 0) +
          (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
        expect(total, `${e.title} (${lang})`).toBeLessThanOrEqual(LIMITS.EMBEDS_TOTAL_CHARS);
        expect((e.fields ?? []).length, `${e.title}`).toBeLessThanOrEqual(LIMITS.EMBED_FIELDS);
        for (const f of e.fields ?? [])
          expect(f.value.length, `${e.title} / ${f.name}`).toBeLessThanOrEqual(LIMITS.FIELD_VALUE);
      }
    }
  });
});
