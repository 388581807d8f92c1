/**
 * A deterministic synthetic dataset of city organizations for the scale benchmark: the same seed gives
 * the same records, byte for byte, on every machine (a seeded PRNG, no Math.random, no dates).
 *
 * Names are built the way real ones are: [scope] + [kind of place] + [topic] + [kind of body]
 * (亞洲 + 港口城市 + 氣候 + 聯盟 / "Asian Port Cities Climate Alliance", or "Asian Alliance of Port Cities
 * for Climate"), sometimes led by a host city, with an acronym, a few aliases (former or short names,
 * British spellings) and a two-sentence description in each language. Generated names, acronyms and
 * aliases never equal (after the project's normalization) a name in `avoid`, so a real record is never
 * shadowed by an identical synthetic one; near neighbours (shared words, similar acronyms) are kept:
 * they are what makes a large dataset hard.
 *
 *   node --import tsx bench/synthetic.ts [--seed N] [--count N]   # prints the records as JSON lines
 */
import { pathToFileURL } from 'node:url';
import { compact } from '../src/search/normalize.js';
import type { SearchDoc } from '../src/search/engine.js';

export const DEFAULT_SEED = 20060801;
export const DEFAULT_COUNT = 10_000;

type Part = readonly [zh: string, en: string];

const SCOPES: readonly Part[] = [
  ['國際', 'International'],
  ['亞洲', 'Asian'],
  ['歐洲', 'European'],
  ['非洲', 'African'],
  ['美洲', 'Inter-American'],
  ['亞太', 'Asia-Pacific'],
  ['世界', 'World'],
  ['全球', 'Global'],
  ['北歐', 'Nordic'],
  ['東南亞', 'Southeast Asian'],
  ['地中海', 'Mediterranean'],
  ['拉丁美洲', 'Latin American'],
  ['阿拉伯', 'Arab'],
  ['太平洋', 'Pacific'],
  ['波羅的海', 'Baltic'],
  ['東亞', 'East Asian'],
  ['中歐', 'Central European'],
  ['大西洋', 'Atlantic'],
  ['日本', 'Japanese'],
  ['德國', 'German'],
  ['法國', 'French'],
  ['韓國', 'Korean'],
  ['英國', 'British'],
  ['義大利', 'Italian'],
  ['西班牙', 'Spanish'],
  ['巴西', 'Brazilian'],
  ['印度', 'Indian'],
  ['澳洲', 'Australian'],
  ['荷蘭', 'Dutch'],
  ['瑞典', 'Swedish'],
  ['墨西哥', 'Mexican'],
  ['菲律賓', 'Philippine'],
];

/** Kind of place: Chinese, English as a modifier ("Port Cities Climate Alliance"), English as a noun ("Alliance of Port Cities"). */
const PLACES: ReadonlyArray<readonly [zh: string, en: string, noun: string]> = [
  ['城市', 'Cities', 'Cities'],
  ['都市', 'Urban', 'Urban Areas'],
  ['地方', 'Local', 'Local Authorities'],
  ['市鎮', 'Municipalities', 'Municipalities'],
  ['地方政府', 'Local Government', 'Local Governments'],
  ['港口城市', 'Port Cities', 'Port Cities'],
  ['首都', 'Capital Cities', 'Capital Cities'],
  ['山城', 'Mountain Towns', 'Mountain Towns'],
  ['海岸城市', 'Coastal Cities', 'Coastal Cities'],
  ['小城鎮', 'Small Towns', 'Small Towns'],
  ['大都會', 'Metropolitan', 'Metropolitan Areas'],
  ['區域', 'Regional', 'Regions'],
  ['島嶼', 'Island', 'Islands'],
  ['邊境城市', 'Border Cities', 'Border Cities'],
];

const TOPICS: readonly Part[] = [
  ['環境', 'Environment'],
  ['文化', 'Culture'],
  ['科技', 'Technology'],
  ['永續發展', 'Sustainable Development'],
  ['氣候', 'Climate'],
  ['能源', 'Energy'],
  ['交通', 'Transport'],
  ['衛生', 'Public Health'],
  ['教育', 'Education'],
  ['觀光', 'Tourism'],
  ['和平', 'Peace'],
  ['人權', 'Human Rights'],
  ['創新', 'Innovation'],
  ['數位', 'Digital'],
  ['水資源', 'Water'],
  ['防災', 'Disaster Resilience'],
  ['住宅', 'Housing'],
  ['遺產', 'Heritage'],
  ['綠色', 'Green'],
  ['智慧', 'Smart'],
  ['安全', 'Safety'],
  ['青年', 'Youth'],
  ['婦女', 'Women'],
  ['高齡友善', 'Age-Friendly'],
  ['糧食', 'Food'],
  ['藝術', 'Arts'],
  ['體育', 'Sports'],
  ['貿易', 'Trade'],
  ['經濟發展', 'Economic Development'],
  ['規劃', 'Planning'],
  ['自行車', 'Cycling'],
  ['森林', 'Forest'],
  ['海洋', 'Ocean'],
  ['空氣品質', 'Air Quality'],
  ['廢棄物', 'Waste'],
  ['資訊', 'Information'],
  ['音樂', 'Music'],
  ['電影', 'Film'],
  ['圖書館', 'Libraries'],
  ['公園', 'Parks'],
];

const BODIES: readonly Part[] = [
  ['聯盟', 'Alliance'],
  ['協會', 'Association'],
  ['網絡', 'Network'],
  ['委員會', 'Council'],
  ['論壇', 'Forum'],
  ['聯合會', 'Federation'],
  ['組織', 'Organization'],
  ['中心', 'Centre'],
  ['基金會', 'Foundation'],
  ['同盟', 'League'],
  ['夥伴關係', 'Partnership'],
  ['研究院', 'Institute'],
  ['高峰會', 'Summit'],
];

/** Host cities (Barcelona, Aalborg, Nuremberg, Cardiff, Weihai, Shenyang left out: they identify real records). */
const CITIES: readonly Part[] = [
  ['東京', 'Tokyo'],
  ['巴黎', 'Paris'],
  ['柏林', 'Berlin'],
  ['倫敦', 'London'],
  ['紐約', 'New York'],
  ['首爾', 'Seoul'],
  ['新加坡', 'Singapore'],
  ['曼谷', 'Bangkok'],
  ['雪梨', 'Sydney'],
  ['多倫多', 'Toronto'],
  ['里昂', 'Lyon'],
  ['維也納', 'Vienna'],
  ['布魯塞爾', 'Brussels'],
  ['日內瓦', 'Geneva'],
  ['哥本哈根', 'Copenhagen'],
  ['斯德哥爾摩', 'Stockholm'],
  ['馬尼拉', 'Manila'],
  ['雅加達', 'Jakarta'],
  ['吉隆坡', 'Kuala Lumpur'],
  ['奈洛比', 'Nairobi'],
  ['開普敦', 'Cape Town'],
  ['里約熱內盧', 'Rio de Janeiro'],
  ['布宜諾斯艾利斯', 'Buenos Aires'],
  ['墨爾本', 'Melbourne'],
  ['溫哥華', 'Vancouver'],
  ['芝加哥', 'Chicago'],
  ['大阪', 'Osaka'],
  ['福岡', 'Fukuoka'],
  ['釜山', 'Busan'],
  ['漢堡', 'Hamburg'],
  ['米蘭', 'Milan'],
  ['馬德里', 'Madrid'],
];

const GOALS: readonly Part[] = [
  ['交流與合作', 'exchange and cooperation'],
  ['經驗分享', 'the sharing of experience'],
  ['政策研究', 'policy research'],
  ['人員培訓', 'staff training'],
  ['共同倡議', 'joint advocacy'],
];

/** Words left out of an acronym, as in real ones (UCLG, not UCALG). */
const MINOR = new Set(['of', 'for', 'and', 'the', 'in', 'on']);

/** mulberry32: a tiny, well-known 32-bit seeded PRNG; good enough to pick parts, and identical everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  count?: number;
  seed?: number;
  /** Names (any spelling) no synthetic name, acronym or alias may equal after normalization. */
  avoid?: Iterable<string>;
}

export interface SyntheticQuery {
  q: string;
  expect: string;
  kind: 'chinese' | 'english' | 'typo' | 'partial' | 'acronym';
  /** false when the text fits several records equally (a shared acronym or partial name): load only, not scored. */
  scored: boolean;
}

function pickFrom<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function acronymOf(en: string): string {
  return en
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && !MINOR.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** Deterministic synthetic organizations, ids `syn-00001`…, kind 'org'. */
export function syntheticOrgs(options: SyntheticOptions = {}): SearchDoc<'org'>[] {
  const count = options.count ?? DEFAULT_COUNT;
  const rand = prng(options.seed ?? DEFAULT_SEED);
  const taken = new Set<string>();
  for (const name of options.avoid ?? []) taken.add(compact(name));
  const claim = (name: string): boolean => {
    const key = compact(name);
    if (!key || taken.has(key)) return false;
    taken.add(key);
    return true;
  };
  const docs: SearchDoc<'org'>[] = [];
  let attempts = 0;
  while (docs.length < count) {
    if (++attempts > count * 50) throw new Error(`cannot generate ${count} distinct names from these parts`);
    const scope = pickFrom(rand, SCOPES);
    const place = pickFrom(rand, PLACES);
    const topic = pickFrom(rand, TOPICS);
    const body = pickFrom(rand, BODIES);
    const host = rand() < 0.15 ? pickFrom(rand, CITIES) : undefined;
    const zh = `${host ? host[0] : ''}${scope[0]}${place[0]}${topic[0]}${body[0]}`;
    // Two English word orders, as real names have: "Asian Port Cities Climate Alliance" and
    // "Asian Alliance of Port Cities for Climate".
    const lead = host ? `${host[1]} ${scope[1]}` : scope[1];
    const en =
      rand() < 0.6 ? `${lead} ${place[1]} ${topic[1]} ${body[1]}` : `${lead} ${body[1]} of ${place[2]} for ${topic[1]}`;
    if (!claim(zh)) continue;
    if (!claim(en)) {
      taken.delete(compact(zh));
      continue;
    }
    const names = [zh, en];
    // Acronyms collide in real life too; only a collision with a real record's name is avoided.
    const acronym = acronymOf(en);
    if (acronym.length >= 3 && !taken.has(compact(acronym))) names.push(acronym);
    const r = rand();
    if (r < 0.08) {
      // A shorter Chinese name without the kind of place.
      const short = `${scope[0]}${topic[0]}${body[0]}`;
      if (claim(short)) names.push(short);
    } else if (r < 0.14) {
      // A British or older spelling.
      const alt = en.replace('Organization', 'Organisation').replace('Centre', 'Center').replace('Cities', 'Towns');
      if (alt !== en && claim(alt)) names.push(alt);
    } else if (r < 0.18) {
      // A former name.
      const former = `${scope[1]} ${topic[1]} ${body[1]}`;
      if (claim(former)) names.push(former);
    }
    const year = 1900 + Math.floor(rand() * 106);
    const hq = host ?? pickFrom(rand, CITIES);
    const goal = pickFrom(rand, GOALS);
    const members = 5 + Math.floor(rand() * 400);
    docs.push({
      id: `syn-${String(docs.length + 1).padStart(5, '0')}`,
      kind: 'org',
      names,
      content: [
        `${year}年成立於${hq[0]}，推動${place[0]}在${topic[0]}領域的${goal[0]}，現有${members}個會員。`,
        `Founded in ${year} in ${hq[1]}, it promotes ${goal[1]} among ${place[2].toLowerCase()} on ${topic[1].toLowerCase()}; it has ${members} members.`,
      ],
    });
  }
  return docs;
}

/** Drops, doubles or swaps one letter in the middle of a word: a deterministic typo. */
function typo(rand: () => number, text: string): string {
  const words = text.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 6);
  if (long.length === 0) return text;
  const [w, i] = pickFrom(rand, long);
  const at = 2 + Math.floor(rand() * (w.length - 4));
  const how = rand();
  const changed =
    how < 0.4
      ? w.slice(0, at) + w.slice(at + 1)
      : how < 0.7
        ? w.slice(0, at) + w[at] + w.slice(at)
        : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  words[i] = changed;
  return words.join(' ');
}

/**
 * Queries aimed at synthetic records (deterministic for a seed): full Chinese and English names, an
 * English name with a typo, the Chinese name without its scope (partial), and the acronym. A partial name
 * or acronym that fits several records has no single right answer: it is kept as load, not scored.
 */
export function syntheticQueries(docs: readonly SearchDoc[], count: number, seed = DEFAULT_SEED): SyntheticQuery[] {
  const rand = prng(seed ^ 0x5bd1e995);
  const acronymUse = new Map<string, number>();
  for (const d of docs)
    for (const n of d.names) if (/^[A-Z]+$/.test(n)) acronymUse.set(n, (acronymUse.get(n) ?? 0) + 1);
  const zhNames = docs.map((d) => d.names.filter((n) => /\p{Script=Han}/u.test(n)).join(' '));
  const out: SyntheticQuery[] = [];
  const kinds: SyntheticQuery['kind'][] = ['chinese', 'english', 'typo', 'partial', 'acronym'];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const d = pickFrom(rand, docs);
    const kind = kinds[out.length % kinds.length]!;
    const [zh, en, third] = d.names;
    if (!zh || !en) continue;
    if (kind === 'chinese') out.push({ q: zh, expect: d.id, kind, scored: true });
    else if (kind === 'english') out.push({ q: en, expect: d.id, kind, scored: true });
    else if (kind === 'typo') out.push({ q: typo(rand, en), expect: d.id, kind, scored: true });
    else if (kind === 'partial') {
      const scope = SCOPES.find(([z]) => zh.includes(z));
      const rest = scope ? zh.slice(zh.indexOf(scope[0]) + scope[0].length) : zh;
      if ([...rest].length < 4) continue;
      let holders = 0;
      for (const names of zhNames) if (names.includes(rest) && ++holders > 1) break;
      out.push({ q: rest, expect: d.id, kind, scored: holders === 1 });
    } else if (third && /^[A-Z]+$/.test(third)) {
      out.push({ q: third, expect: d.id, kind, scored: acronymUse.get(third) === 1 });
    }
  }
  return out;
}

function flag(args: readonly string[], name: string): number | undefined {
  const i = args.indexOf(name);
  const v = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} needs an integer, got "${v}"`);
  return n;
}

export function seedFlag(args: readonly string[]): number {
  return flag(args, '--seed') ?? DEFAULT_SEED;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const docs = syntheticOrgs({ seed: seedFlag(args), count: flag(args, '--count') ?? DEFAULT_COUNT });
  for (const d of docs) process.stdout.write(`${JSON.stringify(d)}\n`);
}
