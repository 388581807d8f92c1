/** The "引用 / Cite" reply: the three citation forms, exactly, their locators, and nothing the article lacks. */
import { describe, expect, it } from 'vitest';
import {
  apaAuthorEn,
  apaEn,
  apaEnInText,
  apaZh,
  apaZhInText,
  citationPayload,
  gongwenLine,
  rocDate,
  sentenceCase,
} from '../src/answers/citation.js';
import { withLang } from '../src/answers/context.js';
import { limitViolations } from '../src/kernel/limits.js';
import type { Lang, Payload } from '../src/kernel/types.js';
import { services, text } from './helpers/services.js';

const zh = withLang(services, 'zh-TW');
const en = withLang(services, 'en');
const article = services.data.article;

const APA_ZH = '莊麗蘭、楊睿雲、曾淑娟（2006年8月）。城市聯盟與國際城市組織。';
const GONGWEN = '資料來源：莊麗蘭、楊睿雲、曾淑娟，〈城市聯盟與國際城市組織〉，民國95年8月。';
const APA_EN =
  'Juang, L.-L., Yang, P. J. Y., & Tseng, S.-C. (2006, August). The cities alliances and international city organizations.';

function cite(lang: Lang, id: string | undefined): Payload {
  const p = citationPayload(lang === 'en' ? en : zh, id);
  if (!p) throw new Error(`no citation for ${id ?? '(article)'}`);
  return p;
}

/** The texts of the reply's ```text blocks, in order: what a long-press copies. */
function blocks(p: Payload): string[] {
  return [...text(p).matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
}

/** The lines right after each code block (in-text forms, sections, note bases), per block. */
function after(p: Payload): string[][] {
  return text(p)
    .split(/```text\n[\s\S]*?\n```\n?/)
    .slice(1)
    .map((chunk) => chunk.split('\n').filter((l) => l && !l.startsWith('**') && !l.startsWith('-# ')));
}

const ALL_IDS = [
  ...services.data.organizations.map((o) => o.id),
  ...services.data.alliances.map((a) => a.id),
  ...services.data.places.map((p) => p.id),
];

describe('the three forms', () => {
  it('are exactly these for the article', () => {
    expect(apaZh(article)).toBe(APA_ZH);
    expect(gongwenLine(article)).toBe(GONGWEN);
    expect(apaEn(article)).toBe(APA_EN);
    expect(apaZhInText(article)).toEqual(['莊麗蘭等人（2006）', '（莊麗蘭等人，2006）']);
    expect(apaEnInText(article)).toEqual(['Juang et al. (2006)', '(Juang et al., 2006)']);
  });

  it('follow the article’s printed romanizations and title', () => {
    expect(apaAuthorEn('JUANG, Li-Lan')).toBe('Juang, L.-L.');
    expect(apaAuthorEn('YANG, Paulina J.Y.')).toBe('Yang, P. J. Y.');
    expect(apaAuthorEn('TSENG, Shu-Chuan')).toBe('Tseng, S.-C.');
    expect(sentenceCase('The Cities Alliances and International City Organizations')).toBe(
      'The cities alliances and international city organizations',
    );
    expect(sentenceCase('Cities and ICLEI: A Study')).toBe('Cities and ICLEI: A study');
  });

  it('date the 公文 line in 民國 years with Arabic numerals', () => {
    expect(rocDate('2006-08')).toBe('民國95年8月');
    expect(rocDate('2006')).toBe('民國95年');
  });

  it('are the same three blocks, in order, in every reply and both languages', () => {
    for (const lang of ['zh-TW', 'en'] as const)
      for (const id of [undefined, 'iclei', 'kaohsiung-city', 'north-taiwan-alliance'])
        expect(blocks(cite(lang, id)), `${lang} ${id}`).toEqual([APA_ZH, GONGWEN, APA_EN]);
  });

  it('give nothing the article does not print: no periodical, volume, issue, pages, DOI, URL or publisher', () => {
    for (const id of [undefined, ...ALL_IDS])
      for (const b of blocks(cite('zh-TW', id))) {
        expect(b).not.toMatch(/卷|期|頁|vol\.|pp\.|doi|https?:|www\./i);
        expect(b).not.toMatch(/研考會|研究發展考核|Research, Development|RDEC/);
      }
  });
});

describe('the reply for the article as a whole', () => {
  it('in Chinese', () => {
    expect(cite('zh-TW', undefined)).toEqual({
      content: [
        '**引用這則回答**：本文全文',
        '**APA 第7版（中文）**',
        '```text',
        APA_ZH,
        '```',
        '文內引用：`莊麗蘭等人（2006）` / `（莊麗蘭等人，2006）`',
        '**公文「資料來源」**',
        '```text',
        GONGWEN,
        '```',
        '**APA 第7版（英文）**',
        '```text',
        APA_EN,
        '```',
        '文內引用：`Juang et al. (2006)` / `(Juang et al., 2006)`',
        '-# 本文未印出所刊載的刊物名稱，故引用格式止於篇名（APA 第7版對未知項目即予省略）。',
      ].join('\n'),
    });
  });

  it('in English', () => {
    expect(cite('en', undefined)).toEqual({
      content: [
        '**Cite this answer**: the article as a whole',
        '**APA 7th edition, in Chinese**',
        '```text',
        APA_ZH,
        '```',
        'In-text: `莊麗蘭等人（2006）` / `（莊麗蘭等人，2006）`',
        '**Official document (公文) source line**',
        '```text',
        GONGWEN,
        '```',
        '**APA 7th edition, in English**',
        '```text',
        APA_EN,
        '```',
        'In-text: `Juang et al. (2006)` / `(Juang et al., 2006)`',
        '-# The article does not print the periodical it appeared in, so the citations end with its title: APA 7 leaves out what is unknown.',
      ].join('\n'),
    });
  });
});

describe('a record’s locators: sections in each block’s language, table rows, note bases', () => {
  it('an organization in the table with correcting notes (China Association of Mayors, row 32)', () => {
    const zhSections = '壹；參、三、(三)；伍、二、(一)；附表第32列；參考資料';
    const zhNotes =
      '本文附表第32列、參、三、(三)；公開紀錄：《光明日報》2001年6月25日報導「中國市長協會自1991年8月成立」；' +
      '本文附表資料來源欄（作者整理，2006年8月）及參、三、(三)；本文壹、參、三、(三)、伍、二、(一)、附表第32列及參考資料';
    const enSections = 'I, III.3(3), V.2(1), Table row 32, References';
    const enNotes =
      'The article, table row 32 and section III.3(3); public record: Guangming Daily, 25 June 2001 ' +
      '("中國市長協會自1991年8月成立", founded in August 1991); The table\'s source line (compiled by the authors, ' +
      'August 2006) and section III.3(3); The article, sections I, III.3(3), V.2(1), table row 32 and the references';
    const p = cite('zh-TW', 'china-association-of-mayors');
    expect(text(p).split('\n')[0]).toBe('**引用這則回答**：本文關於「中國市長協會」的內容');
    expect(after(p)).toEqual([
      ['文內引用：`莊麗蘭等人（2006）` / `（莊麗蘭等人，2006）`', `章節：${zhSections}`, `資料註記依據：${zhNotes}`],
      [`章節：${zhSections}`, `資料註記依據：${zhNotes}`],
      ['文內引用：`Juang et al. (2006)` / `(Juang et al., 2006)`', `章節：${enSections}`, `資料註記依據：${enNotes}`],
    ]);
    const q = cite('en', 'china-association-of-mayors');
    expect(text(q).split('\n')[0]).toBe("**Cite this answer**: the article's facts on China Association of Mayors");
    expect(after(q)[2]).toEqual([
      'In-text: `Juang et al. (2006)` / `(Juang et al., 2006)`',
      `Sections: ${enSections}`,
      `Basis of the data notes: ${enNotes}`,
    ]);
    expect(after(q)[0]?.[1]).toBe(`Sections: ${zhSections}`);
  });

  it('a place with a reading note and no table row (Kaohsiung City)', () => {
    const p = cite('zh-TW', 'kaohsiung-city');
    expect(text(p).split('\n')[0]).toBe('**引用這則回答**：本文關於「高雄市」的內容');
    expect(after(p)[1]).toEqual([
      '章節：肆；肆、一、(二)；肆、二、(五)',
      '資料註記依據：地方制度法；內政部，縣市改制直轄市（2010年12月25日、2014年12月25日）；本文肆、二、(五)；台灣通行譯名',
    ]);
    expect(after(cite('en', 'kaohsiung-city'))[2]).toEqual([
      'In-text: `Juang et al. (2006)` / `(Juang et al., 2006)`',
      'Sections: IV, IV.1(2), IV.2(5)',
      'Basis of the data notes: Local Government Act; Ministry of the Interior: county/city upgrades to special ' +
        'municipalities (25 Dec 2010, 25 Dec 2014); The article, section IV.2(5); usual Taiwanese renderings of place names',
    ]);
  });

  it('an organization on two table rows, and an alliance citing its organization’s row', () => {
    expect(after(cite('zh-TW', 'icsc'))[1]?.[0]).toBe('章節：附表第3、8列');
    expect(after(cite('en', 'icsc'))[2]?.[1]).toBe('Sections: Table rows 3 and 8');
    expect(after(cite('zh-TW', 'taiwan-healthy-cities-alliance'))).toEqual([
      ['文內引用：`莊麗蘭等人（2006）` / `（莊麗蘭等人，2006）`', '章節：肆、一、(四)；伍、二、(一)；附表第34列'],
      ['章節：肆、一、(四)；伍、二、(一)；附表第34列'],
      ['文內引用：`Juang et al. (2006)` / `(Juang et al., 2006)`', '章節：IV.1(4), V.2(1), Table row 34'],
    ]);
  });

  it('cites every note’s stored basis, and none for a record without notes', () => {
    for (const id of ALL_IDS) {
      const r = services.data.org(id) ?? services.data.alliance(id) ?? services.data.place(id);
      const shown = text(cite('en', id));
      for (const n of r?.notes ?? []) {
        expect(shown, id).toContain(n.source.zh);
        expect(shown, id).toContain(n.source.en);
      }
      if ((r?.notes ?? []).length === 0) expect(shown, id).not.toContain('Basis of the data notes');
    }
  });
});

describe('the reply', () => {
  it('labels its blocks in the answer’s language', () => {
    const z = text(cite('zh-TW', 'iclei'));
    for (const l of ['**APA 第7版（中文）**', '**公文「資料來源」**', '**APA 第7版（英文）**', '文內引用：', '章節：'])
      expect(z).toContain(l);
    expect(z).not.toMatch(/In-text|Sections|APA 7th/);
    const e = text(cite('en', 'iclei'));
    for (const l of [
      '**APA 7th edition, in Chinese**',
      '**Official document (公文) source line**',
      '**APA 7th edition, in English**',
      'In-text: ',
      'Sections: ',
    ])
      expect(e).toContain(l);
    expect(e).not.toMatch(/文內引用|章節：|資料註記依據/);
  });

  it('moves the forms into an embed when a record’s notes would outgrow a message', () => {
    const iclei = services.data.org('iclei');
    if (!iclei) throw new Error('iclei missing');
    const notes = Array.from({ length: 8 }, (_, i) => ({
      kind: 'discrepancy' as const,
      text: { zh: '測試', en: 'test' },
      source: { zh: `測試依據${i}：${'甲'.repeat(70)}`, en: `Test basis ${i}: ${'a'.repeat(70)}` },
    }));
    const big = { ...iclei, notes };
    const ctx = { ...en, data: { ...en.data, org: (id: string) => (id === 'iclei' ? big : en.data.org(id)) } };
    const p = citationPayload(ctx, 'iclei');
    expect(p?.content).toBe(
      "**Cite this answer**: the article's facts on International Council for Local Environmental Initiatives",
    );
    expect(p?.embeds?.[0]?.description?.length ?? 0).toBeGreaterThan(2000);
    expect(limitViolations({ ...p, allowed_mentions: { parse: [] } })).toEqual([]);
    expect(blocks(p ?? {})).toEqual([APA_ZH, GONGWEN, APA_EN]);
  });

  it('is undefined for an unknown id', () => {
    expect(citationPayload(zh, 'no-such-record')).toBeUndefined();
    expect(citationPayload(en, '')).toBeUndefined();
  });

  it('fits Discord’s limits for the article and every organization, alliance and place', () => {
    for (const lang of ['zh-TW', 'en'] as const)
      for (const id of [undefined, ...ALL_IDS]) {
        // The dispatcher's fitPayload adds allowed_mentions; without it limitViolations reports its absence.
        const p = { ...cite(lang, id), allowed_mentions: { parse: [] } };
        expect(limitViolations(p), `${lang} ${id}`).toEqual([]);
        // Fits without being cut: every block is closed and whole.
        expect(blocks(p), `${lang} ${id}`).toHaveLength(3);
      }
  });
});
