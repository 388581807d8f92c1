/** /org answers Taiwan's domestic city alliances too, without changing any organization's answer. */
import { describe, expect, it } from 'vitest';
import { runAutocomplete, runComponent } from '../src/app/dispatch.js';
import { ORG_PICK } from '../src/answers/organization.js';
import type { Payload } from '../src/kernel/types.js';
import { run, services, text } from './helpers/services.js';

const org = (query: string, lang: 'en' | 'zh-TW' = 'en') => run('org', { query, lang });
const titles = (p: Payload) => (p.embeds ?? []).map((e) => e.title);
const field = (p: Payload, name: string) => p.embeds?.[0]?.fields?.find((f) => f.name === name)?.value;

function choices(value: string, locale = 'zh-TW') {
  return runAutocomplete(services, {
    command: 'org',
    focused: { name: 'query', value },
    options: {},
    locale,
    user: { id: '1' },
  }).value;
}

describe('/org: domestic alliances', () => {
  it('/org 高高屏 answers the Kao-Kao-Ping alliance card, in both languages', () => {
    const zh = org('高高屏', 'zh-TW');
    expect(titles(zh)).toEqual(['高高屏區域城市聯盟']);
    expect(field(zh, '成立')).toBe('1999年1月');
    expect(field(zh, '成員')).toBe('高雄市、高雄縣、屏東縣');
    expect(zh.content ?? '').toBe('');
    const en = org('高高屏');
    expect(titles(en)).toEqual(['Kao-Kao-Ping Regional City Alliance']);
    expect(field(en, 'Members')).toBe('Kaohsiung City, Kaohsiung County, Pingtung County');
    expect(text(en)).toContain('IV.1(2)');
  });

  it('/org Northern Taiwan, and its other names, answer the Northern Taiwan alliance', () => {
    for (const q of ['Northern Taiwan', 'North Taiwan Alliance', '北臺', '北台區域合作發展聯盟']) {
      expect(titles(org(q)), q).toEqual(['Northern Taiwan Regional Cooperation and Development Alliance']);
    }
    expect(field(org('Northern Taiwan'), 'Established')).toBe('November 2005');
  });

  it('an alliance id (an autocomplete value) is answered directly', () => {
    expect(titles(org('taichung-county-city-alliance', 'zh-TW'))).toEqual(['台中縣市聯盟']);
    expect(titles(org('kaohsiung-pingtung-alliance'))).toEqual(['Kao-Kao-Ping Regional City Alliance']);
    // The alliance that is also a table organization is answered by the organization's card.
    expect(titles(org('taiwan-healthy-cities-alliance', 'zh-TW'))).toEqual(
      titles(org('taiwan-healthy-cities', 'zh-TW')),
    );
  });

  it('alliance ids cannot be mistaken for organization ids: the dataset keeps one namespace', () => {
    for (const a of services.data.alliances) expect(services.data.org(a.id), a.id).toBeUndefined();
  });

  it('autocomplete offers alliances by id, marked as domestic, and each value is answered by /org', () => {
    const list = choices('高高屏');
    expect(list[0]).toEqual({
      value: 'kaohsiung-pingtung-alliance',
      name: '高高屏區域城市聯盟 · 台灣國內聯盟，1999年1月',
    });
    expect(choices('Northern Taiwan', 'en-US')[0]).toEqual({
      value: 'north-taiwan-alliance',
      name: "Northern Taiwan Regional Cooperation and Development Alliance · Taiwan's domestic alliance, Nov 2005",
    });
    const offered = new Set<string>();
    for (const q of ['北', 'Tai', 'cities', '聯盟']) {
      for (const c of choices(q)) {
        offered.add(c.value);
        expect(services.data.org(c.value) ?? services.data.alliance(c.value), `${q}: ${c.value}`).toBeDefined();
        expect(titles(org(c.value)).length, c.value).toBe(1);
      }
    }
    // Both kinds are offered side by side.
    expect([...offered]).toEqual(expect.arrayContaining(['north-taiwan-alliance', 'cities-alliance']));
  });

  it('a "did you mean" menu value that is an alliance opens the alliance in place', () => {
    const customId = ORG_PICK.encode({ lang: 'en', action: 'pick' });
    const r = runComponent(services, { customId, values: ['north-taiwan-alliance'], user: { id: '1' } });
    expect(r.outcome).toBe('ok');
    expect(r.value.update).toBe(true);
    expect(titles(r.value.payload)).toEqual(['Northern Taiwan Regional Cooperation and Development Alliance']);
    expect(
      runComponent(services, { customId, values: ['iclei'], user: { id: '1' } }).value.payload.embeds?.[0]?.title,
    ).toBe('International Council for Local Environmental Initiatives (ICLEI)');
  });

  it('an unclear alliance name says so, with the closest alliance', () => {
    const p = org('縣市聯盟', 'zh-TW');
    expect(p.content).toBe('找不到與「縣市聯盟」完全相符的組織。最接近的是 **台中縣市聯盟**，其他候選如下。');
    expect(titles(p)[0]).toBe('台中縣市聯盟');
  });
});

describe('/org: organizations and places answer as before', () => {
  it('organization names still answer their organization', () => {
    expect(titles(org('ICLEI'))).toEqual(['International Council for Local Environmental Initiatives (ICLEI)']);
    expect(titles(org('城市聯盟', 'zh-TW'))[0]).toBe('城市聯盟');
    expect(titles(org('regional'))[0]).toBe('Greater Baltimore regional alliance');
  });

  it('a city named in an alliance description is not the alliance: /org 高雄 still points to /taiwan', () => {
    for (const [q, city] of [
      ['高雄', 'Kaohsiung City'],
      ['Kaohsiung', 'Kaohsiung City'],
      ['台中', 'Taichung City'],
    ] as const) {
      const p = org(q);
      expect(p.embeds ?? [], q).toEqual([]);
      expect(p.content, q).toContain(`No organization in the article matches “${q}”.`);
      expect(p.content, q).toContain(`try \`/taiwan ${city}\``);
    }
  });

  it('nonsense still matches nothing', () => {
    expect(org('pizza').content).toMatch(/^No organization in the article matches “pizza”\./);
  });
});
