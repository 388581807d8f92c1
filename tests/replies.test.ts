/** What the commands answer: right records, both languages, candidates and misses, and Discord's rules. */
import { describe, expect, it } from 'vitest';
import { runComponent } from '../src/app/dispatch.js';
import type { Payload } from '../src/kernel/types.js';
import { run, services, text, full } from './helpers/services.js';

function firstTitle(p: Payload): string | undefined {
  return p.embeds?.[0]?.title;
}

describe('/org', () => {
  it('titles the best match with its name in the answer language and its acronym', () => {
    expect(firstTitle(run('org', { query: 'ICLEI', lang: 'zh-TW' }))).toBe('國際地方環境委員會 (ICLEI)');
    expect(firstTitle(run('org', { query: '國際地方環境委員會', lang: 'en' }))).toBe(
      'International Council for Local Environmental Initiatives (ICLEI)',
    );
  });

  it('answers 城市聯盟 with the Cities Alliance, confidently', () => {
    const p = run('org', { query: '城市聯盟' });
    expect(firstTitle(p)).toMatch(/^城市聯盟/);
    expect(p.content ?? '').toBe('');
  });

  it('gives facts with exact numbers, Taiwanese participants, 2006 websites and the source', () => {
    const zh = text(full(run('org', { query: 'UCLG', lang: 'zh-TW' })));
    for (const s of ['191', '127', '1,000', '112', '巴塞隆納', '2006', '參、一、(二)']) expect(zh).toContain(s);
    expect(zh).toMatch(/臺北市|台北市/);
    const en = text(full(run('org', { query: 'UCLG', lang: 'en' })));
    for (const s of [
      '191',
      '127',
      '1,000',
      '112',
      'Barcelona',
      'Taipei City',
      'cities-localgovernments.org',
      'III.1(2)',
    ]) {
      expect(en).toContain(s);
    }
  });

  it('shows a discrepancy note and both table years for ICSC', () => {
    const en = text(full(run('org', { query: 'ICSC', lang: 'en' })));
    expect(en).toContain('1957');
    expect(en).toContain('1993');
    expect(en).toMatch(/⚠ Data note/);
  });

  it('offers candidates and a "did you mean" menu when the match is unclear', () => {
    const p = run('org', { query: '城市', lang: 'en' });
    expect(p.content).toMatch(/No exact match/);
    expect(p.embeds?.length).toBeGreaterThanOrEqual(1);
    const menu = p.components?.[0];
    expect(menu && 'components' in menu ? menu.components[0]?.type : undefined).toBe(3);
  });

  it('says so on a miss, with suggestions, and shows no organization at all', () => {
    for (const q of ['pizza', '核電廠', 'asdfghjkl']) {
      const p = run('org', { query: q, lang: 'en' });
      expect(p.embeds ?? []).toHaveLength(0);
      expect(p.content).toMatch(/No organization in the article matches/);
      expect(p.content).toMatch(/Try an acronym/);
    }
  });

  it('suggests /taiwan when the query is a Taiwanese place', () => {
    expect(run('org', { query: 'Kaohsiung', lang: 'en' }).content).toMatch(/\/taiwan Kaohsiung City/);
  });

  it('accepts the stable id that autocomplete sends', () => {
    expect(firstTitle(run('org', { query: 'cities-alliance', lang: 'en' }))).toBe('Cities Alliance');
  });
});

describe('/taiwan', () => {
  it('a city: organizations linked, sister cities, domestic alliances, merger note', () => {
    const p = run('taiwan', { city: 'Kaohsiung', lang: 'en' });
    const t = text(full(p));
    expect(firstTitle(p)).toBe('Kaohsiung City');
    for (const s of ['22 sister cities', 'San Diego', 'Kao-Kao-Ping', '25 December 2010']) expect(t).toContain(s);
  });

  it('Taipei: its organizations with a menu that opens each', () => {
    const p = run('taiwan', { city: '台北', lang: 'zh-TW' });
    const t = text(full(p));
    for (const s of ['45', '休士頓', '1961', 'UCLG']) expect(t).toContain(s);
    const row = p.components?.[0];
    const menu = row && 'components' in row ? row.components[0] : undefined;
    expect(menu && 'options' in menu ? menu.options.map((o) => o.value) : []).toContain('uclg');
    const click = runComponent(services, {
      customId: menu && 'custom_id' in menu ? menu.custom_id : '',
      values: ['uclg'],
      user: { id: '1' },
    });
    expect(click.outcome).toBe('ok');
    expect(click.value.update).toBe(true);
    expect(firstTitle(click.value.payload)).toMatch(/UCLG/);
  });

  it('no city: an overview of alliances and participation', () => {
    const t = text(full(run('taiwan', { lang: 'zh-TW' })));
    for (const s of ['台中縣市聯盟', '高高屏', '北臺', '台灣健康城市聯盟', '1961']) expect(t).toContain(s);
  });

  it('a county that later merged carries the context note', () => {
    const t = text(full(run('taiwan', { city: '台北縣', lang: 'zh-TW' })));
    expect(t).toContain('新北市');
    expect(t).toContain('ℹ');
  });

  it('an unknown place says so and lists the places covered', () => {
    const p = run('taiwan', { city: 'Tokyo', lang: 'en' });
    expect(p.embeds ?? []).toHaveLength(0);
    expect(p.content).toMatch(/No Taiwanese city/);
  });
});

describe('/founded', () => {
  it('a year lists its organizations in order with the year', () => {
    const t = text(run('founded', { when: '1998', lang: 'en' }));
    for (const s of ['World Technology Association', 'Character Cities', 'Human Rights', 'Israel'])
      expect(t).toContain(s);
  });

  it('decades in both notations and ranges agree', () => {
    const a = text(run('founded', { when: '1990s', lang: 'en' }));
    expect(text(run('founded', { when: '1990年代', lang: 'en' }))).toBe(a);
    expect(text(run('founded', { when: '1990-1999', lang: 'en' }))).toBe(a);
    expect(a).toContain('ICLEI');
  });

  it('unknown and in-preparation are shown as such, never as 0', () => {
    const u = text(run('founded', { when: 'unknown', lang: 'zh-TW' }));
    expect(u).toContain('IMCC');
    expect(u).toContain('不詳');
    expect(u).not.toMatch(/\*\*0\*\*/);
    expect(text(run('founded', { when: '籌備中', lang: 'zh-TW' }))).toContain('籌備中');
  });

  it('filters by type', () => {
    const t = text(run('founded', { when: '1990s', type: 'national', lang: 'en' }));
    expect(t).toContain('Israel');
    expect(t).not.toContain('ICLEI');
  });

  it('an empty year suggests the nearest ones; a bad value explains the forms', () => {
    expect(run('founded', { when: '1850', lang: 'en' }).content).toMatch(/Nearest years/);
    expect(run('founded', { when: '2020', lang: 'en' }).content).toMatch(/August 2006/);
    expect(run('founded', { when: 'yesterday', lang: 'en' }).content).toMatch(/1990-1999/);
  });

  it('pages with stateless buttons', () => {
    const p = run('founded', { when: 'all', lang: 'en' });
    const row = p.components?.[0];
    const next = row && 'components' in row ? row.components[2] : undefined;
    const id = next && 'custom_id' in next ? next.custom_id : '';
    expect(id).toMatch(/^fd:e:all:-:1$/);
    const page2 = runComponent(services, { customId: id, user: { id: '2' } });
    expect(page2.value.update).toBe(true);
    expect(firstTitle(page2.value.payload)).toBe(firstTitle(p));
    expect(text(page2.value.payload)).not.toBe(text(p));
  });
});

describe('/list, /about, /help', () => {
  it('/list thematic is paged in table order', () => {
    const t = text(run('list', { type: 'thematic', lang: 'en' }));
    expect(t).toMatch(/Thematic organizations \(13\)/);
    expect(t).toMatch(/16\. \*\*National Urban League/);
  });

  it('/about cites the article, authors, date and notes', () => {
    const t = text(run('about', { lang: 'zh-TW' }));
    for (const s of ['城市聯盟與國際城市組織', '莊麗蘭', '2006年8月']) expect(t).toContain(s);
  });

  it('/help lists every command with an example', () => {
    const t = text(run('help', { lang: 'en' }));
    for (const c of ['/org', '/taiwan', '/founded', '/list', '/ask', '/about', '/help']) expect(t).toContain(c);
  });
});

describe('/ask routing', () => {
  const cases: Array<[string, string, RegExp, RegExp]> = [
    ['高雄參加了哪些國際組織?', 'zh-TW', /\*\*高雄市\*\*/, /高雄市/],
    ['台北參加了哪些國際組織?', 'zh-TW', /UCLG/, /臺北市|台北市/],
    ['When was ICLEI founded?', 'en', /founded in: \*\*1992\*\*/, /ICLEI/],
    ['哪些組織是1998年成立的', 'zh-TW', /讀作：1998成立的組織，共 4 個/, /1998/],
    ['台北有幾個姐妹市', 'zh-TW', /\*\*45\*\*/, /臺北市|台北市/],
    ['UCLG 總部在哪裡?', 'zh-TW', /巴塞隆納/, /UCLG/],
    ['How many members does UCLG have?', 'en', /1,000/, /UCLG/],
    [
      'What is the Cities Alliance?',
      'en',
      /^🔎 Read as: what the article says about Cities Alliance/,
      /Cities Alliance/,
    ],
    ['Which Taiwanese cities are in UCLG?', 'en', /Taipei City/, /UCLG/],
    ['哪個組織總部在巴塞隆納', 'zh-TW', /巴塞隆納/, /UCLG/],
    ['哪個組織在紐倫堡', 'zh-TW', /紐倫堡/, /ICCR/],
    ['Which organization is based in Barcelona?', 'en', /Barcelona/, /UCLG/],
    ['哪個組織推動地方21世紀議程', 'zh-TW', /地方21世紀議程/, /ICLEI/],
    // A Latin name running straight into Chinese is still a name; the focus ignores words inside it.
    ['Sister Cities International總部在哪裡', 'zh-TW', /總部所在地/, /SCI/],
    ['Tainan是什麼？', 'en', /^🔎 Read as: /, /Tainan City/],
    // A misspelt name inside a question: the focus words are stripped before the fuzzy search.
    ['When was Intenational Downtown Asociation founded?', 'en', /founded in/, /IDA/],
  ];
  it.each(cases)('%s', (question, lang, lead, title) => {
    const p = run('ask', { question, lang });
    expect(p.content ?? '').toMatch(lead);
    expect(firstTitle(p) ?? '').toMatch(title);
  });

  it('a question about nothing in the article says so', () => {
    const p = run('ask', { question: 'What is the best pizza in Taipei?'.replace('Taipei', 'Rome'), lang: 'en' });
    expect(p.embeds ?? []).toHaveLength(0);
    expect(p.content).toMatch(/does not cover/);
  });
});

describe('input, language and flags', () => {
  it('empty, too long and control-character input get a clear ephemeral message', () => {
    for (const query of ['', '   ', '\u0000\u0007\u200b', 'x'.repeat(6000)]) {
      const p = run('org', { query, lang: 'en' });
      expect(p.flags).toBe(64);
      expect(p.content).toMatch(/Please type something|too long/);
    }
    expect(run('org', { query: true, lang: 'en' }).content).toMatch(/needs text/);
  });

  it("a lang or hide value no command accepts gets a clear message in the user's language, not a silent guess", () => {
    const fr = run('org', { query: 'ICLEI', lang: 'fr' }, { locale: 'en-US' });
    expect(fr.flags).toBe(64);
    expect(fr.embeds).toBeUndefined();
    expect(fr.content).toMatch(/only in zh-TW or en, not “fr”/);
    expect(run('taiwan', { lang: 'français' }, { locale: 'zh-TW' }).content).toMatch(/無法使用「français」/);
    const maybe = run('org', { query: 'ICLEI', hide: 'maybe' }, { locale: 'en-US' });
    expect(maybe.content).toMatch(/`hide` takes true or false, not “maybe”/);
    // Every accepted spelling still works.
    for (const lang of ['en', 'en-GB', 'English', 'zh', 'zh-TW', '中文'])
      expect(run('org', { query: 'ICLEI', lang }).embeds).toHaveLength(1);
    for (const hide of [true, false, 'yes', 'no', '是', '否', 1, 0])
      expect(run('org', { query: 'ICLEI', hide }).embeds).toHaveLength(1);
  });

  it('language: lang option > user locale > guild locale > zh-TW', () => {
    expect(firstTitle(run('org', { query: 'ICLEI' }))).toMatch(/國際地方環境委員會/);
    expect(firstTitle(run('org', { query: 'ICLEI' }, { guildLocale: 'en-US' }))).toMatch(/International Council/);
    expect(firstTitle(run('org', { query: 'ICLEI' }, { locale: 'zh-TW', guildLocale: 'en-US' }))).toMatch(/國際地方/);
    expect(firstTitle(run('org', { query: 'ICLEI', lang: 'en' }, { locale: 'zh-TW' }))).toMatch(
      /International Council/,
    );
    expect(firstTitle(run('org', { query: 'ICLEI' }, { locale: 'ja' }))).toMatch(/國際地方/);
  });

  it('hide makes the answer ephemeral; every answer pings nobody', () => {
    expect(run('org', { query: 'ICLEI', hide: true }).flags).toBe(64);
    expect(run('org', { query: 'ICLEI' }).flags).toBeUndefined();
    const p = run('org', { query: '@everyone ICLEI' });
    expect(p.allowed_mentions).toEqual({ parse: [] });
  });

  it('echoed user text is escaped', () => {
    const p = run('org', { query: '**bold** `code` @everyone <@&123>', lang: 'en' });
    expect(p.content).not.toContain('**bold**');
    expect(p.content).not.toContain('@everyone');
    expect(p.content).not.toContain('<@&123>');
  });

  it('unknown commands and stale components are answered politely', () => {
    expect(run('nope', {}, { locale: 'en-US' }).content).toMatch(/don't know the command/);
    const stale = runComponent(services, { customId: 'fd:e:9999-1:-:x', user: { id: '1' }, locale: 'en-US' });
    expect(stale.outcome).toBe('stale');
    expect(stale.value.payload.content).toMatch(/expired/);
    expect(stale.value.payload.flags).toBe(64);
  });
});
