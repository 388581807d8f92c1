/**
 * The dataset's shape. Every text a user can see exists in both languages (`Bilingual`), every fact
 * names the article section it comes from, and every departure from the article (a discrepancy it
 * contains, or context added after 2006) is a `DataNote` with its own source line.
 */
import { z } from 'zod';
import { ORG_TYPES, TABLE_GROUPS } from './enums.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A text in both first-class languages. Both are required and must be non-empty. */
export const Bilingual = z.strictObject({ zh: nonEmpty, en: nonEmpty });
export type Bilingual = z.infer<typeof Bilingual>;

/** Section ids as the article writes them: 壹, 貳、一, 參、一、(一), 附表, 註1, 參考資料. */
export const SectionId = nonEmpty;

/** Stable record id: lower-case ASCII words joined by hyphens (`iclei`, `kaohsiung-city`). */
export const RecordId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');

import { MAX_ARTICLE_YEAR, MAX_CONTEXT_YEAR, MIN_YEAR } from './limits.js';
export { MAX_ARTICLE_YEAR, MAX_CONTEXT_YEAR, MIN_YEAR };

const year = z.number().int().min(MIN_YEAR).max(MAX_ARTICLE_YEAR);

/** A founding value exactly as the article gives it: a year, `--` (unknown) or 籌備中 (in preparation). */
export const Founded = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('year'), year, month: z.number().int().min(1).max(12).optional() }),
  /** The table prints `--`. */
  z.strictObject({ kind: z.literal('unknown') }),
  /** The table prints 籌備中. */
  z.strictObject({ kind: z.literal('preparing') }),
  /** The article names the organization but never dates it. */
  z.strictObject({ kind: z.literal('not-stated') }),
]);
export type Founded = z.infer<typeof Founded>;

/** Partial dates as the article gives them: `2006`, `2005-11`, `2006-02-24`. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const y = Number(s.slice(0, 4));
    return y >= MIN_YEAR && y <= MAX_CONTEXT_YEAR;
  }, `year must be between ${MIN_YEAR} and ${MAX_CONTEXT_YEAR}`);

export const NoteKind = z.enum([
  /** The article contradicts itself or a well-known fact; its value is kept, this says what is off. */
  'discrepancy',
  /** Something that changed after August 2006 that a reader today must know (its `effective` date, if given, is later). */
  'context',
  /** Something true by August 2006 that the article does not say (a term of office, a rename, where a name came from). */
  'background',
  /** Where the article leaves a reading open (an identification, which of two dates): the dataset's choice, marked. */
  'reading',
]);

export const DataNote = z.strictObject({
  kind: NoteKind,
  /** Which field or fact the note is about, e.g. `founded`, `names.en`. */
  about: nonEmpty.optional(),
  text: Bilingual,
  /** Where the note's own claim comes from (another section, a law, a well-known record). */
  source: Bilingual,
  /** When the note's fact took effect, for context notes (e.g. 2010-12-25). */
  effective: PartialDate.optional(),
  /**
   * For a place renamed or merged after the article: the name it has had since `effective`, quoted from the
   * note's own text in each language (checked at load), so a picture can mark the merger without rewording it.
   */
  becomes: Bilingual.optional(),
});
export type DataNote = z.infer<typeof DataNote>;

export const Website = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Every address in the article is from its compilation date; it may be dead today. */
  asOf: z.literal('2006-08'),
});

export const OrgType = z.enum(ORG_TYPES);
export type OrgType = z.infer<typeof OrgType>;
export const TableGroup = z.enum(TABLE_GROUPS);
export type TableGroup = z.infer<typeof TableGroup>;

/** One row of the article's table 國際城市聯盟組織一覽表, as printed. */
export const TableRow = z.strictObject({
  /** 1-based position in the table, across its three printed pages. */
  row: z.number().int().min(1),
  /** The group the row sits in (a blank type cell belongs to the group above it). */
  group: TableGroup,
  /** Whether the type cell was printed or blank. */
  typeCellBlank: z.boolean(),
  founded: Founded,
  /** The name cell exactly as printed, without the websites. */
  printed: nonEmpty,
  websites: z.array(Website),
});
export type TableRow = z.infer<typeof TableRow>;

export const FactTopic = z.enum([
  'founding',
  'founders',
  'headquarters',
  'membership',
  'structure',
  'goals',
  'activities',
  'event',
  'history',
  'other',
]);
export type FactTopic = z.infer<typeof FactTopic>;

export const Fact = z.strictObject({
  topic: FactTopic,
  text: Bilingual,
  section: SectionId,
  /** When the fact happened, if the article dates it. */
  date: PartialDate.optional(),
  /** The article gives that date in 民國 years (91年6月7日, 88.01.31): zh-TW answers show it beside the AD date. */
  roc: z.literal(true).optional(),
});
export type Fact = z.infer<typeof Fact>;

export const LinkRel = z.enum([
  'founded-by',
  'founded',
  'merged-into',
  'formed-by-merger-of',
  'part-of',
  'has-part',
  'same-as',
  'related',
]);
export type LinkRel = z.infer<typeof LinkRel>;

export const OrgLink = z.strictObject({ rel: LinkRel, id: RecordId });

/** Tags carry the words of the record's own texts that support them (checked at load to be verbatim parts). */
export const TopicTag = z.strictObject({ topic: RecordId, basis: Bilingual });
export const AreaTag = z.strictObject({ area: RecordId, basis: Bilingual });

export const Organization = z.strictObject({
  id: RecordId,
  /**
   * Names as the article prints them (the Chinese always; the English where `englishName` is "printed"),
   * even where the body's own name differs: that is then an alias, and a discrepancy note says so.
   */
  names: Bilingual,
  /** Where the English name comes from: the article's print, the body's own name, or this dataset's translation. */
  englishName: z.enum(['printed', 'own', 'translation']),
  /** The name in the organization's own language when neither Chinese nor English (French, …). */
  originalName: nonEmpty.optional(),
  /** The acronym as the article prints it. */
  acronym: nonEmpty.optional(),
  type: OrgType,
  /** What the article gives as the founding; for a table organization this matches its rows. */
  founded: Founded,
  /** Rows of the article's table; empty for organizations only the prose names. */
  tableRows: z.array(TableRow),
  /** One or two sentences: what it is. */
  summary: Bilingual,
  facts: z.array(Fact),
  links: z.array(OrgLink),
  /** Search aliases: other names in both languages, Simplified forms, acronym spellings. */
  aliases: z.array(nonEmpty),
  /** What it works on (data/vocabulary.json topics), each with its basis in the record's texts. */
  topics: z.array(TopicTag),
  /** Where it is or works (data/vocabulary.json areas), each with its basis. */
  areas: z.array(AreaTag),
  /** Every section where the article speaks of it. */
  sections: z.array(SectionId).min(1),
  notes: z.array(DataNote),
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationsFile = z.strictObject({
  $schemaVersion: z.literal(1),
  organizations: z.array(Organization).min(1),
});
export type OrganizationsFile = z.infer<typeof OrganizationsFile>;

/**
 * How a place takes part in an organization, as the article says it: a member, a founding member, or only
 * at a conference the organization held (which makes it no member: answers must say which).
 */
export const ParticipationKind = z.enum(['member', 'founding-member', 'attended']);
export type ParticipationKind = z.infer<typeof ParticipationKind>;

export const MembershipRole = z.strictObject({
  org: RecordId,
  kind: ParticipationKind,
  /** How the place takes part, as the article says it (member, founding member, executive bureau…). */
  text: Bilingual,
  section: SectionId,
  date: PartialDate.optional(),
});

export const Tie = z.strictObject({
  kind: z.enum(['sister-city', 'sister-port', 'partner-city']),
  partner: Bilingual,
  year: z.number().int().min(MIN_YEAR).max(MAX_ARTICLE_YEAR).optional(),
  section: SectionId,
});

export const PlaceEvent = z.strictObject({
  date: PartialDate,
  text: Bilingual,
  section: SectionId,
});

export const Place = z.strictObject({
  id: RecordId,
  names: Bilingual,
  kind: z.enum(['city', 'county']),
  aliases: z.array(nonEmpty),
  /** International organizations the place belongs to, linked by organization id. */
  memberships: z.array(MembershipRole),
  /** Sister-city count as the article gives it, if it does. */
  sisterCityCount: z.strictObject({ count: z.number().int().min(0), asOf: PartialDate, section: SectionId }).optional(),
  ties: z.array(Tie),
  events: z.array(PlaceEvent),
  facts: z.array(Fact),
  sections: z.array(SectionId).min(1),
  notes: z.array(DataNote),
});
export type Place = z.infer<typeof Place>;

export const DomesticAlliance = z.strictObject({
  id: RecordId,
  names: Bilingual,
  aliases: z.array(nonEmpty),
  established: PartialDate,
  /** Member places by id, as the article names them. */
  members: z.array(RecordId),
  /**
   * Places the article counts without naming, and what it says they did (全台23縣市 convened the summit and
   * signed the protocol): the count is shown with these words, never as "members".
   */
  counted: z.strictObject({ count: z.number().int().min(1), text: Bilingual, section: SectionId }).optional(),
  /** The organization record when the alliance also appears in the table. */
  org: RecordId.optional(),
  summary: Bilingual,
  facts: z.array(Fact),
  sections: z.array(SectionId).min(1),
  notes: z.array(DataNote),
});
export type DomesticAlliance = z.infer<typeof DomesticAlliance>;

export const TaiwanFile = z.strictObject({
  $schemaVersion: z.literal(1),
  /** What section 肆 says of Taiwan as a whole. */
  overview: z.array(Fact).min(1),
  places: z.array(Place).min(1),
  alliances: z.array(DomesticAlliance).min(1),
  notes: z.array(DataNote),
});
export type TaiwanFile = z.infer<typeof TaiwanFile>;

export const Section = z.strictObject({
  id: SectionId,
  /** The heading, e.g. {zh: '城市聯盟', en: 'Cities Alliance'}. */
  title: Bilingual,
  /** The numbering rendered for English readers, e.g. `III.1(1)`. */
  enNumber: nonEmpty,
});

export const Author = z.strictObject({ name: Bilingual, post: Bilingual });

export const Finding = z.strictObject({
  section: SectionId,
  title: Bilingual,
  text: Bilingual,
});

/** An article-level fact, with a short title a question can name (Citistate, typology…). */
export const ArticleFact = z.strictObject({
  id: RecordId,
  title: Bilingual,
  text: Bilingual,
  section: SectionId,
  /** Words a question uses for it, beyond its title (per language; English lower case). */
  words: z.strictObject({ zh: z.array(nonEmpty), en: z.array(nonEmpty) }),
});
export type ArticleFact = z.infer<typeof ArticleFact>;

export const Reference = z.strictObject({
  /** The number the article prints before the entry (each of its two lists counts from 1). */
  n: z.number().int().min(1).optional(),
  kind: z.enum(['print', 'web']),
  /** The entry exactly as printed, after its number. */
  printed: nonEmpty,
  en: nonEmpty,
});
export type Reference = z.infer<typeof Reference>;

export const ArticleFile = z.strictObject({
  $schemaVersion: z.literal(1),
  title: Bilingual,
  authors: z.array(Author).min(1),
  publisher: Bilingual,
  /** Compilation date of the article and of every fact taken from it. */
  date: PartialDate,
  abstract: Bilingual,
  keywords: z.strictObject({ zh: z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1) }),
  sections: z.array(Section).min(1),
  conclusions: z.array(Finding).min(1),
  recommendations: z.array(Finding).min(1),
  /** What the article says about the field as a whole (its typology, Note 1's Citistate, the 1993 conference). */
  facts: z.array(ArticleFact).min(1),
  /** 參考資料, in the article's order, as printed; `en` describes the item in English. */
  references: z.array(Reference).min(1),
  notes: z.array(DataNote),
});
export type ArticleFile = z.infer<typeof ArticleFile>;

/** The words a question uses for a topic or an area, per language (Traditional Chinese; English lower case). */
const Words = z.strictObject({ zh: z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1) });

export const Topic = z.strictObject({
  id: RecordId,
  names: Bilingual,
  /** A broader topic: a question about it also lists what is tagged with this one (energy → environment). */
  broader: RecordId.optional(),
  words: Words,
});
export type Topic = z.infer<typeof Topic>;

export const Area = z.strictObject({
  id: RecordId,
  names: Bilingual,
  /** The region a country lies in: a question about the region also lists what is tagged with it. */
  within: RecordId.optional(),
  words: Words,
});
export type Area = z.infer<typeof Area>;

/** The curated vocabulary questions are read with: topics and areas, tagged on organizations. */
export const VocabularyFile = z.strictObject({
  $schemaVersion: z.literal(1),
  topics: z.array(Topic).min(1),
  areas: z.array(Area).min(1),
});
export type VocabularyFile = z.infer<typeof VocabularyFile>;
