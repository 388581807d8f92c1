/** /compare: two or three organizations side by side, and a clear correction for anything it cannot compare. */
import { describe, expect, it } from 'vitest';
import { commandDefinition } from '../src/app/definitions.js';
import { runAutocomplete, runCommand } from '../src/app/dispatch.js';
import { COMMANDS } from '../src/app/registry.js';
import { MessageFlags } from '../src/kernel/discord-enums.js';
import { MAX_TEXT } from '../src/kernel/input.js';
import type { Payload } from '../src/kernel/types.js';
import { run, services, text } from './helpers/services.js';

const compare = (options: Record<string, string | boolean | undefined>, lang: 'en' | 'zh-TW' = 'en') =>
  run('compare', { ...options, lang });
const titles = (p: Payload) => (p.embeds ?? []).map((e) => e.title);
const ephemeral = (p: Payload) => ((p.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

function choices(focused: string, value: string, options: Record<string, string> = {}, locale = 'en-US') {
  return runAutocomplete(services, {
    command: 'compare',
    focused: { name: focused, value },
    options,
    locale,
    user: { id: '1' },
  }).value;
}

describe('/compare: side by side', () => {
  it('two ids from autocomplete: one embed each, in the order given, with the same fields', () => {
    const p = compare({ first: 'uclg', second: 'iclei' });
    expect(titles(p)).toEqual([
      'The World Organization of United Cities and Local Governments (UCLG)',
      'International Council for Local Environmental Initiatives (ICLEI)',
    ]);
    const fieldNames = (p.embeds ?? []).map((e) => (e.fields ?? []).map((f) => f.name));
    expect(fieldNames[0]).toEqual([
      'Type',
      'Founded',
      'Headquarters / secretariat',
      'Membership',
      'Goals',
      'Taiwanese participation',
    ]);
    expect(fieldNames[1]).toEqual(fieldNames[0]);
    expect(p.content).toMatch(/^Side by side: The World Organization .*\(UCLG\), International Council .*\(ICLEI\)/);
    // The one ordering every comparison has: which was founded first (ICLEI 1992, UCLG 2004).
    expect(p.content).toMatch(/\(ICLEI\)\*\* is older: founded 1992, before The World Organization/);
    expect(ephemeral(p)).toBe(false);
    expect(p.allowed_mentions?.parse).toEqual([]);
  });

  it('a third organization is optional and keeps its place', () => {
    const p = compare({ first: 'cities-alliance', second: 'uclg', third: 'iclei' }, 'zh-TW');
    expect(titles(p)).toEqual(['城市聯盟', '世界城市和地方政府聯合組織 (UCLG)', '國際地方環境委員會 (ICLEI)']);
    expect(p.content).toMatch(/^並列比較：城市聯盟、世界城市和地方政府聯合組織 \(UCLG\)、國際地方環境委員會 \(ICLEI\)/);
    expect(text(p)).toContain('型態');
  });

  it('free text with one clear match each is resolved by search, in both languages', () => {
    expect(titles(compare({ first: '城市聯盟', second: 'ICLEI' }, 'zh-TW'))).toEqual([
      '城市聯盟',
      '國際地方環境委員會 (ICLEI)',
    ]);
    expect(titles(compare({ first: 'u.c.l.g.', second: 'Cities Alliance' }))).toEqual([
      'The World Organization of United Cities and Local Governments (UCLG)',
      'Cities Alliance',
    ]);
  });

  it('how the compared records are linked is said (UTO merged into UCLG), in either order', () => {
    const p = compare({ first: 'uclg', second: 'uto' });
    expect(p.content).toContain(
      '• The World Organization of United Cities and Local Governments (UCLG) — Formed by the merger of: ',
    );
    expect(p.content).toContain(' — Merged into: The World Organization of United Cities and Local Governments (UCLG)');
  });
});

describe('/compare: what it cannot compare gets a correction naming the option', () => {
  it('the same organization twice, by id and by name: a localized notice, no comparison', () => {
    const en = compare({ first: 'iclei', second: 'ICLEI' });
    expect(ephemeral(en)).toBe(true);
    expect(en.embeds ?? []).toEqual([]);
    expect(en.content).toBe(
      'Options `first` and `second` both name **International Council for Local Environmental Initiatives (ICLEI)**: choose different organizations to compare.',
    );
    const zh = compare({ first: 'uclg', second: 'iclei', third: '世界城市和地方政府聯合組織' }, 'zh-TW');
    expect(ephemeral(zh)).toBe(true);
    expect(zh.content).toBe(
      '選項 `第一個` 與 `第三個` 都是 **世界城市和地方政府聯合組織 (UCLG)**：請選擇不同的組織來比較。',
    );
  });

  it('an unknown name says which option and what to try, in both languages', () => {
    const en = compare({ first: 'iclei', second: 'pizza' });
    expect(ephemeral(en)).toBe(true);
    expect(en.content).toContain('Option `second`: No organization in the article matches “pizza”.');
    expect(en.content).toContain('Try an acronym (ICLEI, UCLG)');
    const zh = compare({ first: 'pizza', second: 'iclei' }, 'zh-TW');
    expect(zh.content).toContain('選項 `第一個`：本文中沒有與「pizza」相符的組織。');
    expect(zh.content).toContain('請試試縮寫');
  });

  it('an unclear name offers its candidates, each with the id to type', () => {
    const p = compare({ first: 'cities', second: 'uclg' });
    expect(ephemeral(p)).toBe(true);
    expect(p.embeds ?? []).toEqual([]);
    expect(p.content).toMatch(/^Option `first`: “cities” could be several organizations\./);
    for (const id of ['eurocities', 'energie-cites', 'cities-alliance']) expect(p.content).toContain(`\`${id}\``);
    expect(compare({ first: 'cities', second: 'uclg' }, 'zh-TW').content).toMatch(
      /^選項 `第一個`：「cities」可能指好幾個組織/,
    );
  });

  it('a Taiwanese place or domestic alliance is not an organization: it points to /taiwan', () => {
    const p = compare({ first: '高雄', second: 'iclei' }, 'zh-TW');
    expect(p.content).toBe('選項 `第一個`：「高雄」是台灣的高雄市，不是國際組織：請用 `/taiwan 高雄市` 查詢。');
    expect(compare({ first: 'iclei', second: '高高屏' }).content).toContain(
      'Option `second`: “高高屏” is Kao-Kao-Ping Regional City Alliance, in Taiwan',
    );
  });

  it('several names typed into `first` alone (the console’s positional option): compared, in the order typed', () => {
    expect(titles(compare({ first: 'UCLG ICLEI' }))).toEqual([
      'The World Organization of United Cities and Local Governments (UCLG)',
      'International Council for Local Environmental Initiatives (ICLEI)',
    ]);
    // Common words only ("城市聯盟") are found between separators, not as mentions.
    expect(titles(compare({ first: '城市聯盟、世界城市聯盟' }, 'zh-TW'))).toHaveLength(2);
    // A comma inside a name (UNESCO's) does not cut it in two.
    expect(
      titles(compare({ first: 'United Nations Educational, Scientific and Cultural Organization, ICLEI' })),
    ).toEqual([
      'United Nations Educational, Scientific and Cultural Organization (UNESCO)',
      'International Council for Local Environmental Initiatives (ICLEI)',
    ]);
    // Each piece is resolved like an option of its own, with its own correction.
    expect(compare({ first: 'pizza, uclg' }).content).toMatch(/^Option `first`: No organization .*pizza/);
    // One organization is one organization: `second` is still asked for.
    for (const first of ['World Cities Alliance', 'iclei'])
      expect(compare({ first }).content).toMatch(/^Option `second`: Please type something/);
    // More than three names is not read as a list.
    expect(compare({ first: 'ICLEI, UCLG, CCRE, Metropolis' }).embeds ?? []).toEqual([]);
  });

  it('every problem at once: one correction fixes the whole command', () => {
    const p = compare({ first: 'pizza', second: 'uclg', third: 'cities' });
    expect(p.content).toContain('Option `first`: No organization');
    expect(p.content).toContain('Option `third`: “cities” could be several');
    expect(p.content).not.toContain('`second`');
  });

  it('empty, missing, huge or non-text input: the common input notices, naming the option', () => {
    expect(compare({ first: 'iclei', second: '   ' }).content).toBe(
      'Option `second`: Please type something to look up, for example `/compare first:ICLEI second:UCLG`.',
    );
    expect(compare({ first: 'iclei' }).content).toMatch(/^Option `second`: Please type something/);
    expect(compare({ first: 'x'.repeat(5000), second: 'iclei' }).content).toBe(
      `Option \`first\`: That is too long: please keep it under ${MAX_TEXT} characters, for example \`/compare first:ICLEI second:UCLG\`.`,
    );
    expect(compare({ first: true, second: 'iclei' }).content).toMatch(/^Option `first`: That option needs text/);
    expect(compare({ first: 'iclei', second: 'uclg', third: '' }, 'zh-TW').content).toMatch(/^選項 `第三個`：請輸入/);
    for (const p of [compare({}), compare({ first: '', second: '' })]) expect(ephemeral(p)).toBe(true);
  });

  it('user text is echoed escaped: markdown and mentions cannot format or ping', () => {
    const p = compare({ first: '**@everyone**', second: 'iclei' });
    expect(p.content).not.toContain('**@everyone**');
    expect(p.content).toContain('@\u200beveryone');
    expect(p.allowed_mentions?.parse).toEqual([]);
  });

  it('the handler never fails, whatever it gets', () => {
    for (const options of [{}, { first: 'a' }, { first: '\u0000', second: '__proto__' }, { third: 'iclei' }]) {
      expect(runCommand(services, { command: 'compare', options, user: { id: '1' } }).outcome).toBe('ok');
    }
  });
});

describe('/compare: autocomplete and definition', () => {
  it('offers organizations by id, in the user language, each of them one /compare accepts', () => {
    const list = choices('first', 'icl');
    expect(list[0]).toEqual({
      value: 'iclei',
      name: expect.stringMatching(/^International Council .*\(ICLEI\) · 1992/),
    });
    for (const c of list) expect(services.data.org(c.value)).toBeDefined();
    expect(choices('second', 'ICLEI', {}, 'zh-TW')[0]?.name).toMatch(/^國際地方環境委員會/);
    expect(choices('third', '').length).toBeGreaterThan(5);
  });

  it('organizations only (no domestic alliance), and not the ones already chosen in the other options', () => {
    for (const c of choices('first', '高高屏')) expect(services.data.org(c.value)).toBeDefined();
    const all = choices('second', 'ci').map((c) => c.value);
    expect(all).toContain('cities-alliance');
    const rest = choices('second', 'ci', { first: 'cities-alliance', third: 'eurocities' }).map((c) => c.value);
    expect(rest).not.toContain('cities-alliance');
    expect(rest).not.toContain('eurocities');
    expect(choices('first', '', { second: 'uclg' }).map((c) => c.value)).not.toContain('uclg');
  });

  it('a chosen value runs straight to the comparison', () => {
    const [a, b] = [choices('first', 'uclg')[0]!.value, choices('second', '城市聯盟', {}, 'zh-TW')[0]!.value];
    expect([a, b]).toEqual(['uclg', 'cities-alliance']);
    expect(titles(compare({ first: a, second: b }))).toHaveLength(2);
  });

  it('is deployed with two required options and one optional, all autocompleted, with zh-TW names', () => {
    const d = commandDefinition(services.translator, COMMANDS.compare);
    expect(d.name).toBe('compare');
    expect(d.name_localizations?.['zh-TW']).toBe('比較');
    const own = (d.options ?? []).filter((o) => !['lang', 'hide', 'for'].includes(o.name));
    expect(
      own.map((o) => [o.name, o.name_localizations?.['zh-TW'], o.required, 'autocomplete' in o && o.autocomplete]),
    ).toEqual([
      ['first', '第一個', true, true],
      ['second', '第二個', true, true],
      ['third', '第三個', false, true],
    ]);
    for (const o of own) expect('max_length' in o && o.max_length).toBe(100);
  });

  it('/help lists it in both languages', () => {
    expect(text(run('help', { lang: 'en' }))).toContain('/compare first:ICLEI second:UCLG');
    expect(text(run('help', { lang: 'zh-TW' }))).toMatch(/\/compare\n並列比較兩到三個組織/);
  });
});
