/**
 * "引用 / Cite": how to cite the article, or a record's facts from it, in three forms a civil servant pastes
 * into a document: APA 7 in Chinese, a 公文 「資料來源：」 line, and APA 7 in English. Each form sits in its
 * own code block, so a long-press in Discord copies exactly that form and nothing around it.
 *
 * Only what the article itself prints goes into a citation: its authors, its Chinese and English titles and
 * its date. The seed text is the article as printed in some periodical's 本期專題 (special topic), but it
 * never names that periodical, nor a volume, an issue, pages, a DOI or a URL, so none of these are given:
 * APA 7 leaves out an unknown element rather than guess it. data/article.json's `publisher` (行政院研考會) is
 * deliberately not used either: the article prints 行政院研考會 only as the authors' affiliation, and the
 * dataset's own note on that field says it was filled in from the affiliation for want of the periodical.
 * Citing the authors' agency as the publisher would state something the article does not.
 */
import type { ArticleFile, Bilingual, DataNote } from '../data/schema.js';
import { LIMITS } from '../kernel/limits.js';
import type { Lang, Payload } from '../kernel/types.js';
import type { Ctx } from './context.js';
import { EN_MONTHS, pick } from './format.js';

type Author = ArticleFile['authors'][number];

// ── Dates ──────────────────────────────────────────────────────────────────────────────────────────────

/** `2006-08` → year 2006, month 8 (the article's date is YYYY or YYYY-MM; a day is never part of a citation). */
function yearMonth(date: string): { year: number; month: number | undefined } {
  const [y, m] = date.split('-').map(Number);
  return { year: y ?? Number.NaN, month: m };
}

/** APA 7's date element: `2006, August` in English, `2006年8月` in Chinese (AD years in both). */
function apaDate(date: string, lang: Lang): string {
  const { year, month } = yearMonth(date);
  if (month === undefined) return String(year);
  return lang === 'en' ? `${year}, ${EN_MONTHS[month - 1] ?? month}` : `${year}年${month}月`;
}

/** A 公文 date: 民國 years in Arabic numerals (2006-08 → 民國95年8月), as 公文 writing rules ask. */
export function rocDate(date: string): string {
  const { year, month } = yearMonth(date);
  return `民國${year - 1911}年${month !== undefined ? `${month}月` : ''}`;
}

// ── Authors ────────────────────────────────────────────────────────────────────────────────────────────

/** `JUANG` → `Juang`: the article prints family names in capitals, APA writes them in title case. */
function titleCase(word: string): string {
  return word
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
    .join('-');
}

/**
 * A printed given name as APA initials: `Li-Lan` → `L.-L.` (a hyphen is kept between initials),
 * `Paulina J.Y.` → `P. J. Y.`.
 */
function initials(given: string): string {
  return given
    .split(/\s+/)
    .flatMap((token) => token.split('.').filter(Boolean))
    .map((part) =>
      part
        .split('-')
        .map((p) => `${p.charAt(0).toUpperCase()}.`)
        .join('-'),
    )
    .join(' ');
}

/**
 * `JUANG, Li-Lan` (the article's own romanization, family name first) → `Juang, L.-L.`.
 * The second author is printed `YANG, Paulina J.Y.`: an English given name plus the initials J.Y., not a
 * romanization of 睿雲. We follow the print (`Yang, P. J. Y.`) rather than romanize the name ourselves.
 */
export function apaAuthorEn(printed: string): string {
  const comma = printed.indexOf(',');
  if (comma < 0) return printed.trim();
  const family = titleCase(printed.slice(0, comma).trim());
  const given = initials(printed.slice(comma + 1).trim());
  return given ? `${family}, ${given}` : family;
}

/** APA 7's author list: `A, B, & C`; from 21 authors, the first 19, an ellipsis and the last. */
function apaAuthorListEn(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > 20) return `${names.slice(0, 19).join(', ')}, . . . ${names[names.length - 1]}`;
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

/** Family name alone, for in-text citations: `Juang`. */
function familyEn(printed: string): string {
  return titleCase((printed.split(',')[0] ?? printed).trim());
}

// ── Titles ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * APA 7 sets article titles in sentence case: every word lower case but the first (and a first word after
 * a colon) and acronyms. Proper nouns cannot be told from the text; the article's title has none.
 */
export function sentenceCase(title: string): string {
  let capitalNext = true;
  return title
    .split(' ')
    .map((word) => {
      const acronym = /^[A-Z0-9]{2,}\W*$/.test(word);
      const out = acronym
        ? word
        : capitalNext
          ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
          : word.toLowerCase();
      capitalNext = /:$/.test(word);
      return out;
    })
    .join(' ');
}

/** A title ends the element with a period, unless it already ends with its own ? or !. */
function withPeriod(title: string): string {
  return /[.?!]$/.test(title) ? title : `${title}.`;
}

// ── The three forms ────────────────────────────────────────────────────────────────────────────────────

function zhNames(authors: readonly Author[]): string[] {
  return authors.map((a) => a.name.zh);
}

/**
 * APA 7 in Chinese: authors joined by 、, the AD date and full-width punctuation:
 * `莊麗蘭、楊睿雲、曾淑娟（2006年8月）。城市聯盟與國際城市組織。`. The month is given because the English
 * form gives it (2006, August): the two are one citation style and must agree.
 */
export function apaZh(article: ArticleFile): string {
  return `${zhNames(article.authors).join('、')}（${apaDate(article.date, 'zh-TW')}）。${article.title.zh}。`;
}

/** APA 7 in-text forms in Chinese: narrative and parenthetical; 3+ authors are 「第一作者等人」. */
export function apaZhInText(article: ArticleFile): [string, string] {
  const names = zhNames(article.authors);
  const who = names.length >= 3 ? `${names[0]}等人` : names.join('與');
  const { year } = yearMonth(article.date);
  return [`${who}（${year}）`, `（${who}，${year}）`];
}

/**
 * The 公文 source line: authors, 〈篇名〉 (single angle brackets: an article, not a book 《》), and the date
 * in 民國 years with Arabic numerals: `資料來源：莊麗蘭、楊睿雲、曾淑娟，〈城市聯盟與國際城市組織〉，民國95年8月。`
 */
export function gongwenLine(article: ArticleFile): string {
  return `資料來源：${zhNames(article.authors).join('、')}，〈${article.title.zh}〉，${rocDate(article.date)}。`;
}

/**
 * APA 7 in English, with the English title the article prints (its own parallel title, so not a bracketed
 * translation) in sentence case:
 * `Juang, L.-L., Yang, P. J. Y., & Tseng, S.-C. (2006, August). The cities alliances and international city organizations.`
 */
export function apaEn(article: ArticleFile): string {
  const authors = apaAuthorListEn(article.authors.map((a) => apaAuthorEn(a.name.en)));
  return `${authors} (${apaDate(article.date, 'en')}). ${withPeriod(sentenceCase(article.title.en))}`;
}

/** APA 7 in-text forms in English: `Juang et al. (2006)` and `(Juang et al., 2006)`. */
export function apaEnInText(article: ArticleFile): [string, string] {
  const families = article.authors.map((a) => familyEn(a.name.en));
  const { year } = yearMonth(article.date);
  const narrative =
    families.length >= 3
      ? `${families[0]} et al.`
      : families.length === 2
        ? families.join(' and ')
        : (families[0] ?? '');
  const parenthetical = families.length === 2 ? families.join(' & ') : narrative;
  return [`${narrative} (${year})`, `(${parenthetical}, ${year})`];
}

// ── What is cited: a record's sections, table rows and notes ───────────────────────────────────────────

interface Cited {
  name: Bilingual;
  sections: readonly string[];
  /** The record's rows of the article's table (1-based, as the table prints them across its pages). */
  rows: readonly number[];
  notes: readonly DataNote[];
}

/** An organization, a domestic alliance or a place, by id; an alliance in the table cites its org's rows. */
function cited(ctx: Ctx, id: string): Cited | undefined {
  const o = ctx.data.org(id);
  if (o) return { name: o.names, sections: o.sections, rows: o.tableRows.map((r) => r.row), notes: o.notes };
  const a = ctx.data.alliance(id);
  if (a) {
    const rows = a.org !== undefined ? (ctx.data.org(a.org)?.tableRows.map((r) => r.row) ?? []) : [];
    return { name: a.names, sections: a.sections, rows, notes: a.notes };
  }
  const p = ctx.data.place(id);
  if (p) return { name: p.names, sections: p.sections, rows: [], notes: p.notes };
  return undefined;
}

/** 附表第3、8列 / Table rows 3 and 8. */
function tableRowsLabel(t: Ctx['t'], lang: Lang, rows: readonly number[]): string {
  if (rows.length === 1) return t('cite:tableRow', { row: rows[0] ?? 0 });
  const list =
    lang === 'en'
      ? new Intl.ListFormat('en', { type: 'conjunction' }).format(rows.map(String))
      : rows.map(String).join('、');
  return t('cite:tableRows', { rows: list });
}

/**
 * The sections of the cited facts in the block's own language (參、三、(三) beside a Chinese citation,
 * III.3(3) beside the English one), in the article's order, with 附表 narrowed to the record's rows.
 * Chinese ids contain 、 themselves, so they are separated by ；.
 */
export function sectionsList(ctx: Ctx, c: Pick<Cited, 'sections' | 'rows'>, lang: Lang): string {
  const t = ctx.translator.t(lang);
  const order = new Map(ctx.data.article.sections.map((s, i) => [s.id, i]));
  const sorted = [...new Set(c.sections)].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
  const labels = sorted.map((s) => {
    if (s === '附表' && c.rows.length > 0) return tableRowsLabel(t, lang, c.rows);
    return lang === 'en' ? (ctx.data.sectionTitle(s)?.enNumber ?? s) : s;
  });
  return labels.join(lang === 'en' ? ', ' : '；');
}

/**
 * The bases of the record's data notes, as stored (never one made up here), each once. Discrepancy and
 * reading notes correct or interpret the article, context and background notes add to it: a reader who
 * quotes the answer quotes those too, so each note's own basis is given beside the article's sections.
 */
export function noteSources(notes: readonly DataNote[], lang: Lang): string {
  return [...new Set(notes.map((n) => pick(n.source, lang)))].join(lang === 'en' ? '; ' : '；');
}

// ── The reply ──────────────────────────────────────────────────────────────────────────────────────────

function codeBlock(text: string): string {
  return `\`\`\`text\n${text}\n\`\`\``;
}

/** One form: its bold label (answer's language), its code block, then its in-text forms and locators. */
function block(
  ctx: Ctx,
  label: string,
  form: string,
  lang: Lang,
  c: Cited | undefined,
  inText?: [string, string],
): string {
  const lines = [`**${label}**`, codeBlock(form)];
  if (inText) lines.push(ctx.t('cite:inText', { forms: inText.map((f) => `\`${f}\``).join(' / ') }));
  if (c) {
    lines.push(ctx.t('cite:sections', { list: sectionsList(ctx, c, lang) }));
    if (c.notes.length > 0) lines.push(ctx.t('cite:noteSources', { list: noteSources(c.notes, lang) }));
  }
  return lines.join('\n');
}

/** The citation reply for a record (by id) or, with no id, for the article; undefined for an unknown id. */
export function citationPayload(ctx: Ctx, id: string | undefined): Payload | undefined {
  const c = id === undefined ? undefined : cited(ctx, id);
  if (id !== undefined && !c) return undefined;
  const a = ctx.data.article;
  const what = c ? ctx.t('cite:subject', { name: pick(c.name, ctx.lang) }) : ctx.t('cite:whole');
  const heading = ctx.t('cite:heading', { what });
  const body = [
    block(ctx, ctx.t('cite:labels.apaZh'), apaZh(a), 'zh-TW', c, apaZhInText(a)),
    block(ctx, ctx.t('cite:labels.gongwen'), gongwenLine(a), 'zh-TW', c),
    block(ctx, ctx.t('cite:labels.apaEn'), apaEn(a), 'en', c, apaEnInText(a)),
    `-# ${ctx.t('cite:omitted')}`,
  ].join('\n');
  const content = `${heading}\n${body}`;
  // A record with many notes could outgrow a message: the forms then go into an embed (4096 characters).
  if (content.length <= LIMITS.CONTENT) return { content };
  return { content: heading, embeds: [{ description: body }] };
}
