/**
 * Loads and checks the dataset. The schema checks each file; the cross-checks here check what no
 * single file can: unique ids and aliases, links that resolve, sections that exist, founding values
 * that agree with the table. Any failure is a DataError naming the file, the record and the field.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { DATA_DIR, PROJECT_ROOT } from '../kernel/paths.js';
import { compact } from '../search/normalize.js';
import type {
  Area,
  ArticleFile,
  DataNote,
  DomesticAlliance,
  Founded,
  Organization,
  Place,
  TaiwanFile,
  Topic,
  VocabularyFile,
} from './schema.js';

export const DATA_FILES = {
  organizations: 'organizations.json',
  taiwan: 'taiwan.json',
  article: 'article.json',
  vocabulary: 'vocabulary.json',
} as const;

export interface DataProblem {
  file: string;
  /** The record's id when the problem is inside one record. */
  record?: string;
  field: string;
  message: string;
}

export class DataError extends Error {
  constructor(readonly problems: readonly DataProblem[]) {
    super(
      `The dataset is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'DataError';
  }
}

export function formatProblem(p: DataProblem): string {
  const where = p.record ? `record "${p.record}", field ${p.field}` : `field ${p.field}`;
  return `${p.file}: ${where}: ${p.message}`;
}

export interface Dataset {
  organizations: readonly Organization[];
  places: readonly Place[];
  alliances: readonly DomesticAlliance[];
  article: ArticleFile;
  taiwanNotes: readonly DataNote[];
  taiwanOverview: TaiwanFile['overview'];
  /** The curated topics and areas questions are read with (data/vocabulary.json). */
  topics: readonly Topic[];
  areas: readonly Area[];
  /** A hash of the data files' bytes (and the rules they were checked by): what is drawn from them is cached under it. */
  hash: string;
  org(id: string): Organization | undefined;
  place(id: string): Place | undefined;
  alliance(id: string): DomesticAlliance | undefined;
  /** Taiwanese places that belong to an organization (the reverse of Place.memberships). */
  participantsOf(orgId: string): readonly Place[];
  /** Domestic alliances a place belongs to. */
  alliancesOf(placeId: string): readonly DomesticAlliance[];
  sectionTitle(id: string): ArticleFile['sections'][number] | undefined;
  topic(id: string): Topic | undefined;
  area(id: string): Area | undefined;
}

function displayPath(file: string): string {
  const rel = relative(PROJECT_ROOT, file);
  return rel.startsWith('..') ? file : rel;
}

function readText(file: string, problems: DataProblem[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push({
      file: displayPath(file),
      field: '(file)',
      message: code === 'ENOENT' ? 'file is missing' : `cannot be read (${code ?? String(err)})`,
    });
    return undefined;
  }
}

function readJson(file: string, text: string, problems: DataProblem[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    problems.push({
      file: displayPath(file),
      field: '(file)',
      message: `is not valid JSON: ${(err as Error).message}`,
    });
    return undefined;
  }
}

/** Turns a zod issue path into "record id + field" when the path enters an array of records. */
function locate(raw: unknown, path: readonly PropertyKey[]): { record?: string; field: string } {
  let node: unknown = raw;
  let record: string | undefined;
  let recordDepth = -1;
  path.forEach((key, depth) => {
    if (node && typeof node === 'object') node = (node as Record<PropertyKey, unknown>)[key];
    else node = undefined;
    if (depth === 1 && node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') {
      record = (node as { id: string }).id;
      recordDepth = depth;
    }
  });
  const fieldPath = record ? path.slice(recordDepth + 1) : path;
  const field = fieldPath.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
  const prefix = record ? `${String(path[0])}[${String(path[1])}]` : '';
  return { ...(record ? { record } : {}), field: field || prefix || '(root)' };
}

function parseFile<S extends z.ZodType>(
  schema: S | undefined,
  dir: string,
  name: string,
  text: string | undefined,
  problems: DataProblem[],
): z.infer<S> | undefined {
  const file = join(dir, name);
  if (text === undefined) return undefined;
  const raw = readJson(file, text, problems);
  if (raw === undefined) return undefined;
  // No schema: these exact bytes were already validated by this schema version (see validationKey).
  if (!schema) return raw as z.infer<S>;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ file: displayPath(file), ...locate(raw, issue.path), message: issue.message });
  }
  return undefined;
}

function sameFounded(a: Founded, b: Founded): boolean {
  return a.kind === b.kind && (a.kind !== 'year' || (b.kind === 'year' && a.year === b.year));
}

/** Every name by which a record may be searched, for the cross-record uniqueness check. */
export function searchNames(r: Organization | Place | DomesticAlliance): string[] {
  const names = [r.names.zh, r.names.en, ...r.aliases];
  if ('acronym' in r && r.acronym) names.push(r.acronym);
  if ('originalName' in r && r.originalName) names.push(r.originalName);
  return names;
}

function crossCheck(
  dir: string,
  orgs: readonly Organization[],
  taiwan: TaiwanFile,
  article: ArticleFile,
  vocabulary: VocabularyFile,
  problems: DataProblem[],
): void {
  const orgFile = displayPath(join(dir, DATA_FILES.organizations));
  const twFile = displayPath(join(dir, DATA_FILES.taiwan));
  const sections = new Set(article.sections.map((s) => s.id));
  const orgIds = new Set(orgs.map((o) => o.id));
  const placeIds = new Set(taiwan.places.map((p) => p.id));

  // Ids are one namespace: search results mix organizations, places and alliances.
  const seenIds = new Map<string, string>();
  const records: Array<[string, Organization | Place | DomesticAlliance]> = [
    ...orgs.map((o): [string, Organization] => [orgFile, o]),
    ...taiwan.places.map((p): [string, Place] => [twFile, p]),
    ...taiwan.alliances.map((a): [string, DomesticAlliance] => [twFile, a]),
  ];
  for (const [file, r] of records) {
    const prior = seenIds.get(r.id);
    if (prior) problems.push({ file, record: r.id, field: 'id', message: `duplicate id (also used in ${prior})` });
    else seenIds.set(r.id, file);
  }

  // A name or alias must lead to one record only, compared in the search's own folded form. A domestic
  // alliance that is also a table organization (alliance.org) is one entity and may share its names.
  const sameEntity = new Set(taiwan.alliances.flatMap((a) => (a.org ? [`${a.id}|${a.org}`, `${a.org}|${a.id}`] : [])));
  const owner = new Map<string, string>();
  for (const [file, r] of records) {
    const mine = new Set<string>();
    for (const name of searchNames(r)) {
      const key = compact(name);
      if (!key) {
        problems.push({
          file,
          record: r.id,
          field: 'aliases',
          message: `"${name}" has no letters or digits to search by`,
        });
        continue;
      }
      if (mine.has(key)) continue;
      mine.add(key);
      const other = owner.get(key);
      if (other && other !== r.id && !sameEntity.has(`${r.id}|${other}`)) {
        problems.push({
          file,
          record: r.id,
          field: 'aliases',
          message: `"${name}" is also a name or alias of "${other}"`,
        });
      } else owner.set(key, r.id);
    }
  }

  const checkSection = (file: string, record: string, field: string, id: string): void => {
    if (!sections.has(id))
      problems.push({ file, record, field, message: `unknown section "${id}" (not in data/article.json sections)` });
  };

  const tableRows: number[] = [];
  for (const o of orgs) {
    o.sections.forEach((s, i) => checkSection(orgFile, o.id, `sections[${i}]`, s));
    o.facts.forEach((f, i) => checkSection(orgFile, o.id, `facts[${i}].section`, f.section));
    o.links.forEach((l, i) => {
      if (!orgIds.has(l.id))
        problems.push({
          file: orgFile,
          record: o.id,
          field: `links[${i}].id`,
          message: `links to unknown organization "${l.id}"`,
        });
      if (l.id === o.id)
        problems.push({ file: orgFile, record: o.id, field: `links[${i}].id`, message: 'links to itself' });
    });
    for (const row of o.tableRows) tableRows.push(row.row);
    if (o.tableRows.length > 0) {
      if (o.type === 'other')
        problems.push({
          file: orgFile,
          record: o.id,
          field: 'type',
          message: 'a table organization must have the type of its table group',
        });
      if (!o.sections.includes('附表'))
        problems.push({
          file: orgFile,
          record: o.id,
          field: 'sections',
          message: 'a table organization must list section "附表"',
        });
      if (!o.tableRows.some((r) => sameFounded(r.founded, o.founded))) {
        problems.push({
          file: orgFile,
          record: o.id,
          field: 'founded',
          message: 'does not match any of its table rows',
        });
      }
      const disagree = o.tableRows.some((r) => !sameFounded(r.founded, o.founded));
      if (disagree && !o.notes.some((n) => n.kind === 'discrepancy' && n.about === 'founded')) {
        problems.push({
          file: orgFile,
          record: o.id,
          field: 'notes',
          message: 'its table rows give different founding values: add a discrepancy note about "founded"',
        });
      }
    }
  }
  const sortedRows = [...tableRows].sort((a, b) => a - b);
  sortedRows.forEach((row, i) => {
    if (row !== i + 1) {
      problems.push({
        file: orgFile,
        field: 'tableRows[].row',
        message: `table rows must be numbered 1..${sortedRows.length} once each; found ${row} at position ${i + 1}`,
      });
    }
  });

  taiwan.places.forEach((p) => {
    p.sections.forEach((s, i) => checkSection(twFile, p.id, `sections[${i}]`, s));
    p.memberships.forEach((m, i) => {
      checkSection(twFile, p.id, `memberships[${i}].section`, m.section);
      if (!orgIds.has(m.org))
        problems.push({
          file: twFile,
          record: p.id,
          field: `memberships[${i}].org`,
          message: `links to unknown organization "${m.org}"`,
        });
    });
    p.ties.forEach((t, i) => checkSection(twFile, p.id, `ties[${i}].section`, t.section));
    p.events.forEach((e, i) => checkSection(twFile, p.id, `events[${i}].section`, e.section));
    p.facts.forEach((f, i) => checkSection(twFile, p.id, `facts[${i}].section`, f.section));
    if (p.sisterCityCount) checkSection(twFile, p.id, 'sisterCityCount.section', p.sisterCityCount.section);
  });
  taiwan.alliances.forEach((a) => {
    a.sections.forEach((s, i) => checkSection(twFile, a.id, `sections[${i}]`, s));
    a.facts.forEach((f, i) => checkSection(twFile, a.id, `facts[${i}].section`, f.section));
    a.members.forEach((m, i) => {
      if (!placeIds.has(m))
        problems.push({ file: twFile, record: a.id, field: `members[${i}]`, message: `links to unknown place "${m}"` });
    });
    if (a.counted) checkSection(twFile, a.id, 'counted.section', a.counted.section);
    if (a.org && !orgIds.has(a.org))
      problems.push({ file: twFile, record: a.id, field: 'org', message: `links to unknown organization "${a.org}"` });
  });
  taiwan.overview.forEach((f, i) => checkSection(twFile, 'overview', `overview[${i}].section`, f.section));
  checkVocabulary(dir, orgs, vocabulary, problems);
  const articleFile = displayPath(join(dir, DATA_FILES.article));
  [...article.conclusions, ...article.recommendations].forEach((f) =>
    checkSection(articleFile, 'findings', 'section', f.section),
  );
  article.facts.forEach((f, i) => checkSection(articleFile, f.id, `facts[${i}].section`, f.section));
  checkNoteDates(
    article.date,
    [
      ...orgs.flatMap((o) => o.notes.map((n, i): NoteAt => [orgFile, o.id, i, n])),
      ...taiwan.places.flatMap((p) => p.notes.map((n, i): NoteAt => [twFile, p.id, i, n])),
      ...taiwan.alliances.flatMap((x) => x.notes.map((n, i): NoteAt => [twFile, x.id, i, n])),
      ...taiwan.notes.map((n, i): NoteAt => [twFile, undefined, i, n]),
      ...article.notes.map((n, i): NoteAt => [articleFile, undefined, i, n]),
    ],
    problems,
  );
}

type NoteAt = [file: string, record: string | undefined, index: number, note: DataNote];

/**
 * A note's kind must fit its date, so its label is true: "later context" took effect after the article,
 * "background" by the article's date. A reading is the dataset's own interpretation and has no date.
 */
function checkNoteDates(articleDate: string, notes: readonly NoteAt[], problems: DataProblem[]): void {
  for (const [file, record, i, n] of notes) {
    const at = { file, ...(record ? { record } : {}), field: `notes[${i}].effective` };
    if (n.becomes) {
      const becomes = n.becomes;
      for (const lang of ['zh', 'en'] as const)
        if (!n.text[lang].includes(becomes[lang]))
          problems.push({
            ...at,
            field: `notes[${i}].becomes.${lang}`,
            message: `"${becomes[lang]}" must be quoted from the note's own text.${lang}`,
          });
      if (n.kind !== 'context' || !n.effective)
        problems.push({
          ...at,
          field: `notes[${i}].becomes`,
          message: 'only a "context" note with an effective date says what a place became',
        });
    }
    if (!n.effective) continue;
    // Partial dates compare as strings once cut to the shorter precision (2006 vs 2006-08): digits and
    // dashes in code-unit order (localeCompare would start ICU's collator, ~10 ms of every start).
    const len = Math.min(n.effective.length, articleDate.length);
    const [mine, article] = [n.effective.slice(0, len), articleDate.slice(0, len)];
    const cmp = mine < article ? -1 : mine > article ? 1 : 0;
    if (n.kind === 'context' && cmp <= 0)
      problems.push({
        ...at,
        message: `a "context" note is for what changed after the article (${articleDate}); ${n.effective} is not later: use kind "background"`,
      });
    if (n.kind === 'background' && cmp > 0)
      problems.push({
        ...at,
        message: `a "background" note is for what was true by the article's date (${articleDate}); ${n.effective} is later: use kind "context"`,
      });
    if (n.kind === 'reading' || n.kind === 'discrepancy')
      problems.push({
        ...at,
        message: `a "${n.kind}" note has no effective date; remove it, or use kind "context" or "background"`,
      });
  }
}

/** The texts a tag's basis may quote, per language: the record's names, summary, facts and aliases. */
function ownTexts(o: Organization): { zh: string[]; en: string[] } {
  const both = [...o.aliases, ...(o.acronym ? [o.acronym] : [])];
  return {
    zh: [o.names.zh, o.summary.zh, ...o.facts.map((f) => f.text.zh), ...both],
    en: [
      o.names.en,
      o.summary.en,
      ...o.facts.map((f) => f.text.en),
      ...(o.originalName ? [o.originalName] : []),
      ...both,
    ],
  };
}

/**
 * Topics and areas: unique ids, broader/within links that resolve without cycles, and every tag on an
 * organization naming a known entry, once, with a basis that quotes the record's own words in both
 * languages — a tag is the dataset's reading of the article, so it must show where it was read.
 */
function checkVocabulary(
  dir: string,
  orgs: readonly Organization[],
  vocabulary: VocabularyFile,
  problems: DataProblem[],
): void {
  const vocFile = displayPath(join(dir, DATA_FILES.vocabulary));
  const orgFile = displayPath(join(dir, DATA_FILES.organizations));
  const checkEntries = (
    list: ReadonlyArray<Topic | Area>,
    key: 'topics' | 'areas',
    parentOf: (e: Topic | Area) => string | undefined,
    parentField: string,
  ): Set<string> => {
    const ids = new Set<string>();
    for (const e of list) {
      if (ids.has(e.id)) problems.push({ file: vocFile, record: e.id, field: 'id', message: `duplicate ${key} id` });
      ids.add(e.id);
    }
    const byId = new Map(list.map((e) => [e.id, e]));
    for (const e of list) {
      const parent = parentOf(e);
      if (parent === undefined) continue;
      if (!byId.has(parent)) {
        problems.push({ file: vocFile, record: e.id, field: parentField, message: `unknown ${key} id "${parent}"` });
        continue;
      }
      // Walk up: a chain that comes back to where it started would make a question list forever.
      const seen = new Set([e.id]);
      for (let up: string | undefined = parent; up !== undefined; up = parentOf(byId.get(up)!)) {
        if (seen.has(up)) {
          problems.push({ file: vocFile, record: e.id, field: parentField, message: `forms a cycle through "${up}"` });
          break;
        }
        seen.add(up);
        if (!byId.has(up)) break;
      }
    }
    return ids;
  };
  const topicIds = checkEntries(
    vocabulary.topics,
    'topics',
    (e) => ('broader' in e ? e.broader : undefined),
    'broader',
  );
  const areaIds = checkEntries(vocabulary.areas, 'areas', (e) => ('within' in e ? e.within : undefined), 'within');
  for (const o of orgs) {
    const own = ownTexts(o);
    const checkTags = (
      tags: ReadonlyArray<{ id: string; basis: { zh: string; en: string } }>,
      field: string,
      known: Set<string>,
    ): void => {
      const seen = new Set<string>();
      tags.forEach((tag, i) => {
        if (!known.has(tag.id))
          problems.push({
            file: orgFile,
            record: o.id,
            field: `${field}[${i}]`,
            message: `unknown ${field} id "${tag.id}" (not in ${DATA_FILES.vocabulary})`,
          });
        if (seen.has(tag.id))
          problems.push({
            file: orgFile,
            record: o.id,
            field: `${field}[${i}]`,
            message: `"${tag.id}" is tagged twice`,
          });
        seen.add(tag.id);
        for (const lang of ['zh', 'en'] as const) {
          if (!own[lang].some((t) => t.includes(tag.basis[lang])))
            problems.push({
              file: orgFile,
              record: o.id,
              field: `${field}[${i}].basis.${lang}`,
              message: `"${tag.basis[lang]}" is not a verbatim part of the record's names, summary, facts or aliases`,
            });
        }
      });
    };
    checkTags(
      o.topics.map((t) => ({ id: t.topic, basis: t.basis })),
      'topics',
      topicIds,
    );
    checkTags(
      o.areas.map((t) => ({ id: t.area, basis: t.basis })),
      'areas',
      areaIds,
    );
  }
}

function index<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

/**
 * Schema validation costs ~100 ms of start-up (most of it loading zod), which the one-shot console
 * pays on every question. So a successful validation leaves a marker named by a hash of everything the
 * verdict depends on: the exact data bytes, the source of the schema module and of every module it
 * imports (its bounds and enums live in limits.ts and enums.ts), and zod's version. The same bytes under
 * the same rules are not parsed again; a change to any of them validates in full. Cross-checks always run.
 */
export const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'city-alliance-bot');

/** Relative imports of a module's source (`from './limits.js'`, `import './x.js'`). */
const RELATIVE_IMPORT = /(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * The source text of a module and of every module it imports by a relative path, in a fixed order. Read
 * from dist/ (.js) or from the sources (.ts, imported under their .js names), whichever is running.
 * A file that cannot be found makes the key unique, so a marker is never reused on a layout it cannot see.
 */
export function moduleSources(entry: URL): Array<{ url: string; text: string }> {
  const out: Array<{ url: string; text: string }> = [];
  const seen = new Set<string>();
  const visit = (url: URL): void => {
    const candidates = url.pathname.endsWith('.js') ? [url, new URL(url.href.replace(/\.js$/, '.ts'))] : [url];
    const found = candidates.find((u) => existsSync(u));
    if (!found) {
      out.push({ url: url.href, text: `missing:${Math.random()}` });
      return;
    }
    if (seen.has(found.href)) return;
    seen.add(found.href);
    const text = readFileSync(found, 'utf8');
    out.push({ url: found.href, text });
    for (const m of text.matchAll(RELATIVE_IMPORT)) visit(new URL(m[1]!, found));
  };
  visit(entry);
  return out;
}

function zodVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'zod', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : String(Math.random());
  } catch {
    return String(Math.random()); // cannot tell which zod validates: never reuse a marker
  }
}

/** The marker key: data bytes, the schema's module graph and zod's version. */
export function validationKey(texts: readonly string[], schemaEntry = new URL('./schema.js', import.meta.url)): string {
  const hash = createHash('sha256').update(`zod ${zodVersion()}`);
  for (const m of moduleSources(schemaEntry)) hash.update('\0').update(m.text);
  for (const t of texts) hash.update('\0').update(t);
  return hash.digest('hex').slice(0, 32);
}

export interface LoadOptions {
  /** Reuse a previous successful validation of the same bytes (default true). */
  cache?: boolean;
  /** Where validation markers are kept (tests use their own). */
  cacheDir?: string;
}

/** Loads the dataset from `dir` (default: the project's data/), or throws a DataError listing every problem. */
export async function loadDataset(dir: string = DATA_DIR, options: LoadOptions = {}): Promise<Dataset> {
  const problems: DataProblem[] = [];
  const texts = [DATA_FILES.organizations, DATA_FILES.taiwan, DATA_FILES.article, DATA_FILES.vocabulary].map((n) =>
    readText(join(dir, n), problems),
  );
  const complete = texts.every((t): t is string => t !== undefined);
  const key = complete ? validationKey(texts) : undefined;
  const cacheDir = options.cacheDir ?? CACHE_DIR;
  const marker = key ? join(cacheDir, `data-${key}.ok`) : undefined;
  const trusted = options.cache !== false && marker !== undefined && existsSync(marker);
  const schema = trusted ? undefined : await import('./schema.js');
  const orgFile = parseFile(schema?.OrganizationsFile, dir, DATA_FILES.organizations, texts[0], problems);
  const taiwan = parseFile(schema?.TaiwanFile, dir, DATA_FILES.taiwan, texts[1], problems);
  const article = parseFile(schema?.ArticleFile, dir, DATA_FILES.article, texts[2], problems);
  const vocabulary = parseFile(schema?.VocabularyFile, dir, DATA_FILES.vocabulary, texts[3], problems);
  if (!orgFile || !taiwan || !article || !vocabulary) throw new DataError(problems);
  crossCheck(dir, orgFile.organizations, taiwan, article, vocabulary, problems);
  if (problems.length > 0) throw new DataError(problems);
  if (!trusted && marker && options.cache !== false) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(marker, new Date().toISOString());
    } catch {
      // A read-only install only loses the speed-up.
    }
  }

  const orgs = index(orgFile.organizations);
  const places = index(taiwan.places);
  const alliances = index(taiwan.alliances);
  const sections = index(article.sections);
  const topics = index(vocabulary.topics);
  const areas = index(vocabulary.areas);
  const participants = new Map<string, Place[]>();
  for (const p of taiwan.places) {
    for (const m of new Set(p.memberships.map((x) => x.org))) {
      participants.set(m, [...(participants.get(m) ?? []), p]);
    }
  }
  const alliancesByPlace = new Map<string, DomesticAlliance[]>();
  for (const a of taiwan.alliances) {
    for (const m of a.members) alliancesByPlace.set(m, [...(alliancesByPlace.get(m) ?? []), a]);
  }
  return {
    organizations: orgFile.organizations,
    places: taiwan.places,
    alliances: taiwan.alliances,
    article,
    taiwanNotes: taiwan.notes,
    taiwanOverview: taiwan.overview,
    topics: vocabulary.topics,
    areas: vocabulary.areas,
    // The validation key already hashes the data bytes (with the schema's rules): no second pass over them.
    // It is always there by now, since a file that could not be read threw above.
    hash: key ?? 'unread',
    org: (id) => orgs.get(id),
    place: (id) => places.get(id),
    alliance: (id) => alliances.get(id),
    participantsOf: (id) => participants.get(id) ?? [],
    alliancesOf: (id) => alliancesByPlace.get(id) ?? [],
    sectionTitle: (id) => sections.get(id),
    topic: (id) => topics.get(id),
    area: (id) => areas.get(id),
  };
}
