/**
 * The dataset against its source: every row of the article's table (parsed from the article text itself,
 * tests/fixtures/article-2006-08.txt, a copy of shared/seed), prose facts with exact numbers in both
 * languages, links that resolve both ways, and the notes the article's mistakes require.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import type { Founded, Organization, TableGroup } from '../src/data/schema.js';
import { compact } from '../src/search/normalize.js';

const data = await loadDataset();
const ARTICLE = readFileSync(join(import.meta.dirname, 'fixtures/article-2006-08.txt'), 'utf8');

interface ArticleRow {
  row: number;
  group: TableGroup;
  blank: boolean;
  founded: Founded;
  zhName: string;
  urls: string[];
  line: string;
}

const GROUPS: Record<string, TableGroup> = { 綜合型: 'comprehensive', 主題型: 'thematic', 全國型: 'national' };

/** The table 國際城市聯盟組織一覽表 as printed: tab-separated lines, a blank type cell inheriting the group above. */
function tableFromArticle(): ArticleRow[] {
  const rows: ArticleRow[] = [];
  let group: TableGroup | undefined;
  for (const line of ARTICLE.split('\n')) {
    const m = /^(綜合型|主題型|全國型)?\t(\d{4}|--|籌備中)\t(.+)$/.exec(line.trimEnd());
    if (!m) continue;
    if (m[1]) group = GROUPS[m[1]];
    if (!group) throw new Error(`row before any group: ${line}`);
    const cell = m[3]!;
    const founded: Founded =
      m[2] === '--'
        ? { kind: 'unknown' }
        : m[2] === '籌備中'
          ? { kind: 'preparing' }
          : { kind: 'year', year: Number(m[2]) };
    rows.push({
      row: rows.length + 1,
      group,
      blank: !m[1],
      founded,
      zhName: cell.split(/\s*[(（]|\s+http/)[0]!.trim(),
      urls: (cell.match(/https?:\/\/[^\s;]+/g) ?? []).map((u) => u.replace(/[;,]$/, '')),
      line,
    });
  }
  return rows;
}

const table = tableFromArticle();

function orgWithRow(row: number): Organization | undefined {
  return data.organizations.find((o) => o.tableRows.some((r) => r.row === row));
}

function allText(o: { facts: { text: { zh: string; en: string } }[] }, lang: 'zh' | 'en'): string {
  return o.facts.map((f) => f.text[lang]).join('\n');
}

describe('the article table 國際城市聯盟組織一覽表', () => {
  it('is parsed from the article: 36 rows in three groups', () => {
    expect(table).toHaveLength(36);
    expect(table.filter((r) => r.group === 'comprehensive')).toHaveLength(15);
    expect(table.filter((r) => r.group === 'thematic')).toHaveLength(13);
    expect(table.filter((r) => r.group === 'national')).toHaveLength(8);
  });

  it.each(table.map((r) => [r.row, r.zhName, r] as const))(
    'row %i %s is in the dataset as printed',
    (row, zhName, r) => {
      const org = orgWithRow(row);
      expect(org, `no organization has table row ${row} (${r.line})`).toBeDefined();
      const tableRow = org!.tableRows.find((x) => x.row === row)!;
      expect(tableRow.group).toBe(r.group);
      expect(org!.type).toBe(r.group);
      expect(tableRow.typeCellBlank).toBe(r.blank);
      expect(tableRow.founded).toEqual(r.founded);
      const names = [org!.names.zh, ...org!.aliases, tableRow.printed].map(compact);
      expect(names, `${org!.id} should carry the table's name ${zhName}`).toContain(compact(zhName));
      expect(tableRow.websites.map((w) => w.url).sort()).toEqual([...r.urls].sort());
      expect(tableRow.websites.every((w) => w.asOf === '2006-08')).toBe(true);
      expect(org!.sections).toContain('附表');
    },
  );

  it('has no rows the article does not have', () => {
    const rows = data.organizations.flatMap((o) => o.tableRows.map((r) => r.row)).sort((a, b) => a - b);
    expect(rows).toEqual(table.map((r) => r.row));
  });

  it('keeps ICSC listed twice, with both founding years and a discrepancy note', () => {
    const icsc = data.org('icsc')!;
    expect(icsc.tableRows.map((r) => r.founded)).toEqual([
      { kind: 'year', year: 1957 },
      { kind: 'year', year: 1993 },
    ]);
    expect(icsc.notes.some((n) => n.kind === 'discrepancy' && n.about === 'founded')).toBe(true);
  });

  it('models unknown and in-preparation founding dates without numbers', () => {
    expect(data.org('imcc')!.founded).toEqual({ kind: 'unknown' });
    expect(data.org('nlc')!.founded).toEqual({ kind: 'unknown' });
    expect(data.org('atcm')!.founded).toEqual({ kind: 'unknown' });
    expect(data.org('apcar')!.founded).toEqual({ kind: 'preparing' });
  });
});

describe('prose facts, exact numbers in both languages', () => {
  const cases: Array<[string, string[], string[]]> = [
    [
      'uclg',
      ['191', '127', '1,000', '95', '112', '8', '巴塞隆納', '2004'],
      ['191', '127', '1,000', '95', '112', '8', 'Barcelona', '2004'],
    ],
    ['iclei', ['415', '2.5億', '50', '10', '21世紀議程'], ['415', '250 million', '50', '10', 'Local Agenda 21']],
    ['cities-alliance', ['1999', '華盛頓', '無貧民區城市'], ['1999', 'Washington', 'Cities Without Slums']],
    ['ccre', ['1951', '日內瓦', '10萬', '1995', '阿爾堡'], ['1951', 'Geneva', '100,000', '1995', 'Aalborg']],
    ['wca', ['2003', '蘇黎世', '巴黎', '柏林', '加地夫'], ['2003', 'Zurich', 'Paris', 'Berlin', 'Cardiff']],
    ['iccr', ['2004', '紐倫堡', '6', '2007'], ['2004', 'Nuremberg', '6', '2007']],
    ['fcm', ['1901', '17'], ['1901', '17']],
    ['amgvf', ['1974', '89', '9'], ['1974', '89', '9']],
    ['china-association-of-mayors', ['1988', '54', '瀋陽', '威海'], ['1988', '54', 'Shenyang', 'Weihai']],
    ['eu-town-twinning', ['1989', '8萬', '11,000', '1,400'], ['1989', '80,000', '11,000', '1,400']],
  ];
  it.each(cases)('%s', (id, zh, en) => {
    const org = data.org(id);
    expect(org, id).toBeDefined();
    const zhText = `${org!.summary.zh}\n${allText(org!, 'zh')}`;
    const enText = `${org!.summary.en}\n${allText(org!, 'en')}`;
    for (const s of zh) expect(zhText, `${id} zh should mention ${s}`).toContain(s);
    for (const s of en) expect(enText, `${id} en should mention ${s}`).toContain(s);
  });

  it('the article itself: title, three authors, date, conclusions and recommendations', () => {
    const a = data.article;
    expect(a.title.zh).toBe('城市聯盟與國際城市組織');
    expect(a.title.en).toMatch(/Cities Alliances and International City Organizations/);
    expect(a.authors.map((x) => x.name.zh)).toEqual(['莊麗蘭', '楊睿雲', '曾淑娟']);
    expect(a.date).toBe('2006-08');
    expect(a.conclusions.map((c) => c.section)).toEqual([
      '伍、一、(一)',
      '伍、一、(二)',
      '伍、一、(三)',
      '伍、一、(四)',
    ]);
    expect(a.recommendations.map((c) => c.section)).toEqual(['伍、二、(一)', '伍、二、(二)', '伍、二、(三)']);
  });

  it('Cities Alliance was founded by the World Bank and UN-Habitat; UCLG by the merger of UTO and Metropolis', () => {
    const ca = data.org('cities-alliance')!;
    expect(
      ca.links
        .filter((l) => l.rel === 'founded-by')
        .map((l) => l.id)
        .sort(),
    ).toEqual(['un-habitat', 'world-bank']);
    const uclg = data.org('uclg')!;
    expect(
      uclg.links
        .filter((l) => l.rel === 'formed-by-merger-of')
        .map((l) => l.id)
        .sort(),
    ).toEqual(['metropolis', 'uto']);
  });
});

describe('Taiwan', () => {
  it('the 1961 Taipei–Houston first sister-city tie', () => {
    const taipei = data.place('taipei-city')!;
    const houston = taipei.ties.find((t) => t.kind === 'sister-city' && /Houston/.test(t.partner.en));
    expect(houston?.year).toBe(1961);
    expect(houston?.partner.zh).toMatch(/休士頓/);
  });

  it('sister-city counts: Taipei 45, Kaohsiung 22; Kaohsiung sister ports', () => {
    expect(data.place('taipei-city')!.sisterCityCount?.count).toBe(45);
    expect(data.place('kaohsiung-city')!.sisterCityCount?.count).toBe(22);
    const ports = data
      .place('kaohsiung-city')!
      .ties.filter((t) => t.kind === 'sister-port')
      .map((t) => t.partner.en)
      .join(' ');
    for (const p of ['San Diego', 'Baltimore', 'Dubai']) expect(ports).toContain(p);
  });

  it('the four domestic alliances with their dates and members', () => {
    const a = (id: string) => data.alliance(id)!;
    expect(a('taichung-county-city-alliance').established).toBe('1993');
    expect(a('taichung-county-city-alliance').members.sort()).toEqual(['taichung-city', 'taichung-county']);
    expect(a('kaohsiung-pingtung-alliance').established).toBe('1999-01');
    expect(a('kaohsiung-pingtung-alliance').members.sort()).toEqual([
      'kaohsiung-city',
      'kaohsiung-county',
      'pingtung-county',
    ]);
    expect(a('north-taiwan-alliance').established).toBe('2005-11');
    expect(a('north-taiwan-alliance').members.sort()).toEqual(
      [
        'hsinchu-city',
        'hsinchu-county',
        'keelung-city',
        'miaoli-county',
        'taipei-city',
        'taipei-county',
        'taoyuan-county',
        'yilan-county',
      ].sort(),
    );
    expect(a('taiwan-healthy-cities-alliance').established).toBe('2006-02-24');
    expect(a('taiwan-healthy-cities-alliance').counted?.count).toBe(23);
    expect(a('taiwan-healthy-cities-alliance').org).toBe('taiwan-healthy-cities');
  });

  it('every participation link resolves both ways', () => {
    for (const p of data.places) {
      for (const m of p.memberships) {
        expect(data.org(m.org), `${p.id} → ${m.org}`).toBeDefined();
        expect(data.participantsOf(m.org).map((x) => x.id)).toContain(p.id);
      }
    }
    for (const o of data.organizations) {
      for (const p of data.participantsOf(o.id)) expect(p.memberships.some((m) => m.org === o.id)).toBe(true);
    }
    for (const a of data.alliances) {
      for (const m of a.members) {
        expect(data.place(m), `${a.id} → ${m}`).toBeDefined();
        expect(data.alliancesOf(m).map((x) => x.id)).toContain(a.id);
      }
    }
  });

  it('the article names these memberships', () => {
    const orgsOf = (id: string) =>
      data
        .place(id)!
        .memberships.map((m) => m.org)
        .sort();
    expect(orgsOf('taipei-city')).toEqual(
      expect.arrayContaining(['anmc21', 'apcs', 'gdcn', 'sister-cities-international', 'uclg']),
    );
    expect(orgsOf('tainan-city')).toEqual(expect.arrayContaining(['who-wpro-afhc', 'wta']));
    expect(orgsOf('hsinchu-city')).toContain('wta');
  });

  it('the 2010 and 2014 municipal mergers are marked context notes, not rewritten facts', () => {
    const context = (id: string) => data.place(id)!.notes.filter((n) => n.kind === 'context');
    for (const id of [
      'taipei-county',
      'taichung-county',
      'taichung-city',
      'tainan-city',
      'kaohsiung-county',
      'kaohsiung-city',
    ]) {
      expect(
        context(id).some((n) => n.effective === '2010-12-25'),
        id,
      ).toBe(true);
    }
    expect(context('taoyuan-county').some((n) => n.effective === '2014-12-25')).toBe(true);
    expect(data.place('taipei-county')!.names.zh).toMatch(/台北縣|臺北縣/);
    expect(
      data.place('taipei-county')!.notes.some((n) => /新北市/.test(n.text.zh) && /New Taipei/.test(n.text.en)),
    ).toBe(true);
  });
});

describe('discrepancy notes the article requires', () => {
  const hasNote = (notes: { kind: string; text: { zh: string; en: string } }[], re: RegExp) =>
    notes.some((n) => n.kind === 'discrepancy' && (re.test(n.text.en) || re.test(n.text.zh)));
  it('Taichung revision date 2003 vs 91年 (2002)', () => {
    expect(hasNote(data.alliance('taichung-county-city-alliance')!.notes, /2002/)).toBe(true);
  });
  it('Lisbon placed in Australia', () => {
    expect(hasNote(data.article.notes, /Lisbon|Brisbane/)).toBe(true);
  });
  it('the tsunami dated a year off', () => {
    expect(hasNote(data.article.notes, /2004/)).toBe(true);
  });
  it('CCRE: the article’s English name is not the organization’s own', () => {
    expect(hasNote(data.org('ccre')!.notes, /Council of European Municipalities and Regions/)).toBe(true);
    expect(data.org('ccre')!.aliases).toEqual(
      expect.arrayContaining(['Council of European Municipalities and Regions', 'CEMR']),
    );
  });
});
