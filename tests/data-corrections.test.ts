/**
 * The corrections of the December 2026 audit (../shared/notes/data-audit-2026-12.md), each checked where
 * a reader meets it: in the data and in the answer. Each of these failed on the data before the audit's fixes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataNote } from '../src/data/schema.js';
import { run, services, text, full } from './helpers/services.js';

const data = services.data;
/** The article as printed, whitespace folded (its lines break inside names). */
const ARTICLE = readFileSync(join(import.meta.dirname, 'fixtures/article-2006-08.txt'), 'utf8').replace(/\s+/g, ' ');
const printed = (s: string): boolean => ARTICLE.includes(s.replace(/\s+/g, ' '));

const org = (id: string) => {
  const o = data.org(id);
  if (!o) throw new Error(`no organization ${id}`);
  return o;
};
const notesOf = (id: string): readonly DataNote[] => (data.org(id) ?? data.place(id) ?? data.alliance(id))?.notes ?? [];
const ask = (question: string, lang: 'zh-TW' | 'en'): string => text(run('ask', { question, lang }));

describe('facts that said more than the article', () => {
  it('China Association of Mayors: 1988 is the proposal, not a founding month, and the 1991 founding is noted', () => {
    const cam = org('china-association-of-mayors');
    expect(cam.founded).toEqual({ kind: 'year', year: 1988 });
    expect(cam.summary.en).toMatch(/proposed/);
    expect(cam.summary.en).not.toMatch(/founded/);
    expect(cam.facts.find((f) => f.topic === 'founding')?.text.en).toMatch(/proposed/);
    const note = cam.notes.find((n) => n.about === 'founded');
    expect(note?.kind).toBe('discrepancy');
    expect(note?.text.en).toMatch(/August 1991/);
    expect(note?.text.zh).toMatch(/1991年8月/);
    for (const lang of ['en', 'zh-TW'] as const) {
      const t = text(full(run('org', { query: '中國市長協會', lang })));
      expect(t).not.toMatch(/August 1988 \(|1988年8月 ⚠|Founded\n\s*August 1988/);
      expect(t).toMatch(lang === 'en' ? /1991/ : /1991年8月/);
    }
  });

  it('the Alliance for Healthy Cities is not made part of the WHO, and a note says what it is', () => {
    const structural = (id: string) => org(id).links.filter((l) => l.rel === 'part-of' || l.rel === 'has-part');
    expect(structural('who-wpro-afhc')).toEqual([]);
    expect(structural('who').filter((l) => l.id === 'who-wpro-afhc')).toEqual([]);
    expect(printed(org('who-wpro-afhc').names.zh)).toBe(true);
    const note = org('who-wpro-afhc').notes.find((n) => n.about === 'links');
    expect(note?.text.en).toMatch(/independent .*2003.*not a WHO body/s);
    expect(
      text(full(run('org', { query: 'WHO Western Pacific Alliance for Healthy Cities', lang: 'en' }))),
    ).not.toMatch(/Part of: World Health Organization/);
  });

  it('Tainan only attended the World Technopolis conference; Hsinchu is the founding member', () => {
    const kinds = (place: string) =>
      data
        .place(place)
        ?.memberships.filter((m) => m.org === 'wta')
        .map((m) => m.kind);
    expect(kinds('tainan-city')).toEqual(['attended']);
    expect(kinds('hsinchu-city')).toEqual(['founding-member']);
    const en = ask('Which Taiwanese cities are in the World Technopolis Association?', 'en');
    const membersLine = en.split('\n').find((l) => l.startsWith('Taiwanese members of'));
    expect(membersLine).toMatch(/Hsinchu City/);
    expect(membersLine).not.toMatch(/Tainan City \(|Tainan City,|, Tainan City/);
    expect(en).toMatch(/Tainan City only took part in a conference/);
    const zh = ask('哪些台灣城市參加世界科技城市聯盟', 'zh-TW');
    expect(zh).toMatch(/會員的台灣縣市：新竹市（創始會員）。/);
    expect(zh).toMatch(/臺南市僅參與其舉辦的會議/);
    // The organization's card tags Tainan the same way.
    expect(text(full(run('org', { query: 'WTA', lang: 'en' })))).toMatch(
      /Tainan City \(attended its conference only; not a member\)/,
    );
  });

  it('the 23 counties and cities are shown with what the article says they did, never as "23 members"', () => {
    const a = data.alliance('taiwan-healthy-cities-alliance');
    expect(a?.counted?.count).toBe(23);
    for (const lang of ['en', 'zh-TW'] as const) {
      const shown = [
        text(full(run('taiwan', { lang }))),
        text(full(run('taiwan', { city: '台灣健康城市聯盟', lang }))),
        ask('台灣健康城市聯盟有哪些成員', lang),
      ].join('\n');
      expect(shown).not.toMatch(/23 members|23 個成員/);
      expect(shown).toMatch(lang === 'en' ? /23 counties and cities/ : /23縣市/);
    }
  });

  it('identifications the article does not make are marked as the dataset’s reading', () => {
    const reading = (id: string, about: string) => notesOf(id).find((n) => n.kind === 'reading' && n.about === about);
    expect(reading('tainan-city', 'events')?.text.en).toMatch(/Urban Environmental Accords/);
    expect(reading('kaohsiung-city', 'ties')?.text.en).toMatch(/Santiago/);
    expect(reading('taichung-county-city-alliance', 'established')?.text.en).toMatch(/2003 revision/);
    expect(reading('north-taiwan-alliance', 'facts')?.text.en).toMatch(/reference 5 dates the charter "2006"/);
    expect(text(full(run('taiwan', { city: 'Kaohsiung', lang: 'en' })))).toMatch(/The dataset's reading: .*San Diego/);
    expect(text(full(run('taiwan', { city: '高雄市', lang: 'zh-TW' })))).toMatch(/本資料的解讀：/);
  });
});

describe('what the article says that the data lacked', () => {
  it('Note 1 (Citistate) and the 1993 City State conclusion are article-level facts, in /ask and /about', () => {
    const ids = data.article.facts.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['citistate', 'citistate-examples', 'city-state-conclusion']));
    expect(ask('什麼是Citistate', 'zh-TW')).toMatch(/Neal Peirce 和 Curtis Johnson/);
    expect(ask('What is a citistate?', 'en')).toMatch(/New York, Tokyo, Paris, Hong Kong and Los Angeles/);
    expect(ask('Where was the 1993 Asia-Pacific cities conference held?', 'en')).toMatch(
      /City State, not the Nation State/,
    );
  });

  it('all 11 references and the 15 websites are stored as printed, and /ask lists them', () => {
    const refs = data.article.references;
    expect(refs.filter((r) => r.kind === 'print').map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(refs.filter((r) => r.kind === 'web')).toHaveLength(15);
    // Printed entries exactly as the article has them (the article wraps web addresses in <>).
    for (const r of refs) expect(printed(`${r.n}.${r.printed}`), r.printed).toBe(true);
    expect(refs.find((r) => r.n === 11 && r.kind === 'print')?.en).toMatch(/misprint/);
    const zh = ask('這篇文章的參考資料有哪些', 'zh-TW');
    expect(zh).toMatch(/10\. 劉宜君/);
    expect(zh).toMatch(/15\. 歐洲市鎮與地區委員會/);
    expect(ask('What references does the article cite?', 'en')).toMatch(/Journal of Policy Research/);
  });

  it('the typology of 壹 is an article-level fact, answered in the article’s words', () => {
    const typology = data.article.facts.find((f) => f.id === 'typology');
    expect(typology?.text.zh).toMatch(/綜合型.*主題型.*全球性.*大區域性.*地區性.*全國性.*市長/);
    expect(ask('這篇文章把城市組織分成哪幾類', 'zh-TW')).toMatch(/依主要任務性質可區分為綜合型/);
  });
});

describe('discrepancies now flagged', () => {
  const noteAbout = (id: string, about: string, re: RegExp) =>
    expect(
      notesOf(id).some((n) => n.about === about && re.test(n.text.en)),
      `${id} ${about}`,
    ).toBe(true);

  it('each with its basis', () => {
    noteAbout('eurocities', 'founded', /1986/);
    noteAbout('iclei', 'names.en', /Local Governments for Sustainability.*2003/);
    noteAbout('owhc', 'names.zh', /independent .*not a UNESCO body/);
    noteAbout('lhc', 'founded', /1994/);
    noteAbout('lhc', 'tableRows.websites', /Montpellier/);
    for (const id of ['uclg', 'eu-town-twinning', 'ecchr', 'apcar', 'owhc']) noteAbout(id, 'tableRows.websites', /./);
    noteAbout('world-big-cities-mayors-conference', 'facts', /Sixth Summit Conference of Major Cities/);
    noteAbout('cities-alliance', 'facts', /Brussels/);
    expect(data.article.notes.find((n) => n.about === '壹')?.text.en).toMatch(/Brisbane/);
    for (const n of data.organizations.flatMap((o) => o.notes)) expect(n.source.en.length).toBeGreaterThan(5);
  });
});

describe('consistency', () => {
  it('names are shown as the article prints them; the body’s own name is an alias with a note', () => {
    for (const o of data.organizations) {
      expect(printed(o.names.zh), `${o.id} names.zh`).toBe(true);
      if (o.englishName === 'printed') expect(printed(o.names.en), `${o.id} names.en`).toBe(true);
      if (o.acronym) expect(printed(o.acronym), `${o.id} acronym`).toBe(true);
      if (o.originalName) expect(printed(o.originalName), `${o.id} originalName`).toBe(true);
      for (const r of o.tableRows) expect(printed(r.printed), `${o.id} row ${r.row}`).toBe(true);
    }
    expect(org('wta').names.en).toBe('World Technology Association');
    expect(org('wta').aliases).toContain('World Technopolis Association');
    expect(org('apcs').acronym).toBe('APICS');
    expect(org('iccr').acronym).toBe('ICCR');
    for (const s of data.article.sections.filter((x) => x.id === '參、一、(三)' || x.id === '參、二、(三)'))
      expect(printed(s.title.en), s.id).toBe(true);
    for (const a of data.article.authors) expect(printed(a.post.en)).toBe(true);
    // An English name the article does not print says so in an English answer.
    expect(text(full(run('org', { query: 'amgvf', lang: 'en' })))).toMatch(/this dataset's translation/);
  });

  it('/list shows every table row as printed: ICSC on rows 3 and 8 with each row’s year', () => {
    const first = text(run('list', { lang: 'en' }));
    expect(first).toMatch(/^3\. \*\*International Centre for Sustainable Cities \(ICSC\)\*\* — 1957$/m);
    expect(first).toMatch(/^8\. \*\*International Centre for Sustainable Cities \(ICSC\)\*\* — 1993$/m);
    expect(first).not.toMatch(/1988-8|1988年8月/);
  });

  it('/founded says which dates come from the prose rather than the table', () => {
    const t = text(run('founded', { when: '2004', lang: 'en' }));
    expect(t).toMatch(/Pan-Pearl River Delta.*from the article's text \(not in its table\)/);
    expect(t).not.toMatch(/Founding values exactly as the article's table gives them/);
    expect(text(run('founded', { when: '1998', lang: 'en' }))).toMatch(/exactly as the article's table gives them/);
  });

  it('every note’s kind fits its date, and later context is only what came after August 2006', () => {
    const all = [
      ...data.article.notes,
      ...data.taiwanNotes,
      ...data.organizations.flatMap((o) => o.notes),
      ...data.places.flatMap((p) => p.notes),
      ...data.alliances.flatMap((a) => a.notes),
    ];
    for (const n of all) {
      if (n.kind === 'context' && n.effective) expect(n.effective > '2006-08', n.text.en).toBe(true);
      if (n.kind === 'background' && n.effective) expect(n.effective.slice(0, 7) <= '2006-08', n.text.en).toBe(true);
    }
    // The audit's six pre-2006 notes are background now.
    for (const id of [
      'imcc',
      'world-bank',
      'un-habitat',
      'baltimore-regional-alliance',
      'world-big-cities-mayors-conference',
    ])
      expect(org(id).notes[0]?.kind, id).toBe('background');
    expect(data.article.notes[0]?.kind).toBe('background');
  });

  it('dates read as dates in each language, with 民國 beside AD where the article gives 民國', () => {
    const en = text(full(run('org', { query: 'WCA', lang: 'en' })));
    expect(en).toMatch(/June 2003/);
    expect(en).not.toMatch(/2003-6\b/);
    expect(text(full(run('taiwan', { city: '台中縣市聯盟', lang: 'zh-TW' })))).toMatch(
      /2002年6月7日（民國91年6月7日）/,
    );
    expect(text(full(run('taiwan', { city: 'Taichung County-City alliance', lang: 'en' })))).toMatch(/7 June 2002/);
  });
});
