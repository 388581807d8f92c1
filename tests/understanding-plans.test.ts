/**
 * Plans for question shapes the labelled set scores only through their answers: each asserts the reading
 * itself, so a change that keeps the answer by luck but reads the question differently fails here.
 */
import { describe, expect, it } from 'vitest';
import { answerIds, execute } from '../src/understanding/execute.js';
import { readQuestion } from '../src/understanding/read.js';
import { run, services, text } from './helpers/services.js';

const plan = (q: string) => readQuestion(q, services);
const ids = (q: string) => answerIds(execute(services.data, plan(q)));

describe('reading questions', () => {
  it('a place asked for by what it did: the places, by their events (not organizations of cities)', () => {
    for (const q of [
      '哪個城市簽署了城市環境議定書？',
      'Which Taiwanese city signed the Urban Environmental Accords?',
    ]) {
      expect(plan(q)).toMatchObject({ intent: 'reverse', places: true });
      expect(ids(q)).toEqual(['tainan-city']);
    }
    const zh = text(run('ask', { question: '哪個城市簽署了城市環境議定書？', lang: 'zh-TW' }));
    expect(zh).toContain('的台灣縣市');
    expect(zh).toContain('2005');
    // "哪些城市組織" asks for organizations; "哪些城市參加" for memberships.
    expect(plan('亞洲有哪些城市組織？')).toMatchObject({ intent: 'list', filters: { area: 'asia-pacific' } });
    expect(plan('Which Taiwanese cities belong to an international organization?')).not.toMatchObject({
      places: true,
    });
  });

  it('a year with its month dates an event, unless founding is asked', () => {
    expect(plan('2006年9月和威海市合辦市長論壇的是哪個組織')).toMatchObject({ intent: 'reverse' });
    expect(ids('2006年9月和威海市合辦市長論壇的是哪個組織')).toContain('china-association-of-mayors');
    expect(plan('1988年8月成立的組織')).toMatchObject({
      intent: 'list',
      filters: { founded: { kind: 'years', from: 1988, to: 1988 } },
    });
    expect(plan('organizations founded in 1998')).toMatchObject({ intent: 'list' });
  });

  it('"is there…" asks for the list, and an untagged topic says so', () => {
    expect(plan('Is there a UK organization?')).toEqual({ intent: 'list', filters: { area: 'uk' }, count: false });
    expect(plan('有沒有推動和平的城市組織？')).toMatchObject({ intent: 'list', filters: { topic: 'peace' } });
    expect(text(run('ask', { question: '有沒有推動和平的城市組織？', lang: 'zh-TW' }))).toContain(
      '沒有標記為與「和平」相關的組織',
    );
  });

  it('the table by its title counts the table’s rows, not every record', () => {
    expect(plan('how many orgs are in the list of international city alliance organizations')).toMatchObject({
      intent: 'list',
      filters: { table: true },
      count: true,
    });
  });

  it('"belong to" and 屬於 ask what a place takes part in', () => {
    for (const q of ['基隆市屬於哪個區域聯盟', 'Which alliance does Keelung City belong to?'])
      expect(plan(q)).toEqual({ intent: 'lookup', record: { kind: 'place', id: 'keelung-city' }, focus: 'orgs' });
  });

  it('superlatives and filtered lists are read without the fuzzy name search', () => {
    expect(plan('latest national organization')).toMatchObject({ intent: 'superlative', order: 'newest' });
    expect(plan('national orgs founded before 1980')).toMatchObject({
      intent: 'list',
      filters: { founded: { kind: 'years', to: 1979 }, type: 'national' },
    });
    // A misspelt name still gets its did-you-mean.
    expect(plan('when was the Asia Pacific Citys Summit founded')).toMatchObject({
      intent: 'suggest',
      candidates: [{ kind: 'org', id: 'apcs' }],
    });
  });
});

describe('the article’s own words', () => {
  it('"network of networks" / 網中網: the sentence of the finding that holds it, and its section', () => {
    for (const [q, lang, words] of [
      ['「網中網」是什麼意思', 'zh-TW', '網中網'],
      ['What is a "network of networks" in the article?', 'en', 'network of networks'],
    ] as const) {
      expect(plan(q)).toEqual({ intent: 'article', part: 'term', term: 'network of networks' });
      const p = run('ask', { question: q, lang });
      const body = p.embeds?.[0]?.description ?? '';
      expect(body).toContain(words);
      // The sentence, not the whole paragraph.
      expect(body.length).toBeLessThan(400);
      expect(p.embeds?.[0]?.footer?.text).toMatch(/伍、一、\(三\)|V\.1\(3\)/);
    }
  });

  it('a type inside a question that is one of the article’s paragraphs reads as that paragraph', () => {
    expect(plan('what issues do thematic city alliances reflect')).toEqual({
      intent: 'article',
      part: 'passage',
      section: '伍、一、(二)',
    });
    expect(plan('主題型的城市聯盟有哪些？')).toMatchObject({ intent: 'list', filters: { type: 'thematic' } });
  });
});

describe('comparisons', () => {
  it('name the organizations in the order the question does', () => {
    expect(plan('Is UCLG older than ICLEI?')).toEqual({ intent: 'compare', ids: ['uclg', 'iclei'], ask: 'older' });
    expect(plan('ICLEI 跟 UCLG 差在哪')).toMatchObject({ ids: ['iclei', 'uclg'] });
  });

  it('Taiwan’s domestic alliances side by side, with which was set up first', () => {
    const q = '台中縣市聯盟和高高屏區域城市聯盟哪個比較早成立';
    expect(plan(q)).toEqual({
      intent: 'compare',
      ids: ['taichung-county-city-alliance', 'kaohsiung-pingtung-alliance'],
      ask: 'older',
      of: 'alliances',
    });
    const p = run('ask', { question: q, lang: 'zh-TW' });
    expect(p.content).toContain('**台中縣市聯盟** 較早成立：1993');
    expect(p.embeds?.map((e) => e.title)).toEqual(['台中縣市聯盟', '高高屏區域城市聯盟']);
    const en = run('ask', {
      question: 'compare the Northern Taiwan alliance and the Kao-Kao-Ping alliance',
      lang: 'en',
    });
    expect(en.embeds).toHaveLength(2);
  });
});

describe('what places did together', () => {
  it('is in the record of the one domestic alliance they form, led by its events', () => {
    for (const [q, lang] of [
      ['What did Taichung County and Taichung City sign in November 2005?', 'en'],
      ['台中縣和台中市2005年11月簽署了什麼', 'zh-TW'],
    ] as const) {
      expect(plan(q)).toEqual({
        intent: 'lookup',
        record: { kind: 'alliance', id: 'taichung-county-city-alliance' },
        focus: 'events',
      });
      expect(run('ask', { question: q, lang }).content).toMatch(/(November 2005|2005年11月): .*10/);
    }
    // Without an event asked, two places still get what they share.
    expect(plan('台北市和新竹市都參加了哪個聯盟？')).toMatchObject({ intent: 'taiwan', ask: 'shared' });
  });
});

describe('an organization asked for by a place’s role in it', () => {
  it('is the one membership whose words the question gives, shown with how each place takes part', () => {
    for (const [q, lang] of [
      ['Which organization is Taipei City an Executive Bureau member of?', 'en'],
      ['台北市是哪個組織的亞太分會執行局委員？', 'zh-TW'],
    ] as const) {
      expect(plan(q)).toEqual({ intent: 'lookup', record: { kind: 'org', id: 'uclg' }, focus: 'taiwan' });
      expect(run('ask', { question: q, lang }).content).toMatch(/Executive Bureau|執行局委員/);
    }
    // No role named: the place's own record.
    expect(plan('台北市參加了哪些組織？')).toMatchObject({ record: { kind: 'place', id: 'taipei-city' } });
  });
});

describe('a list whose topic or area words happen to make a name', () => {
  it('lists when the question asks for several, and looks the name up otherwise', () => {
    expect(plan('1990年以前成立的歐洲城市組織有哪些？')).toEqual({
      intent: 'list',
      filters: { founded: { kind: 'years', to: 1989 }, area: 'europe' },
      count: false,
    });
    expect(plan('Which organizations deal with sister cities or town twinning?')).toMatchObject({
      intent: 'list',
      filters: { topic: 'sister-cities' },
    });
    for (const [q, id] of [
      ['歐洲城市組織有哪些會員', 'eurocities'],
      ['歐洲城市組織是什麼', 'eurocities'],
      ['What is the Town Twinning programme?', 'eu-town-twinning'],
    ] as const)
      expect(plan(q)).toMatchObject({ intent: 'lookup', record: { kind: 'org', id } });
  });
});

describe('members of a domestic alliance that are also in an international organization', () => {
  it('lists only those members, in both languages', () => {
    for (const q of [
      'Which Taiwanese cities are in both the Northern Taiwan alliance and an international organization?',
      '北臺區域合作發展聯盟的成員中，哪些也參加了國際組織？',
    ]) {
      expect(plan(q)).toEqual({ intent: 'taiwan', ask: 'any', within: 'north-taiwan-alliance' });
      const places = ids(q).filter((id) => services.data.place(id));
      expect(places.sort()).toEqual(['hsinchu-city', 'taipei-city']);
    }
    expect(plan('北臺區域合作發展聯盟有哪些成員？')).toMatchObject({ intent: 'lookup', focus: 'members-of' });
  });
});

describe('founding members', () => {
  it('are the places the article calls founding members, not every participant', () => {
    for (const q of [
      '哪個台灣城市是世界科技城市聯盟的創始會員？',
      'Which Taiwanese city is a founding member of the WTA?',
    ]) {
      expect(plan(q)).toEqual({ intent: 'taiwan', ask: 'participants', org: 'wta', founding: true });
      expect(ids(q).filter((id) => services.data.place(id))).toEqual(['hsinchu-city']);
    }
    expect(plan('新竹市是哪個組織的創始會員？')).toEqual({
      intent: 'lookup',
      record: { kind: 'org', id: 'wta' },
      focus: 'taiwan',
    });
    // An organization no Taiwanese place founded says so.
    expect(text(run('ask', { question: '哪個台灣城市是UCLG的創始會員？', lang: 'zh-TW' }))).toContain(
      '本文未稱任何台灣縣市為',
    );
  });
});
