/**
 * The words questions are read by, in both languages. Patterns are written in Traditional Chinese and
 * compiled onto the folded form (Simplified, 台/臺 and 姊/姐 alike, lower case), so a question matches
 * however it is typed. English words match at a word start; a trailing `*` lets them run on (found*).
 * Hand-written because it is the product's own vocabulary: no library knows what a 綜合型 is.
 */
import { escapeRegExp } from '../kernel/builtins.js';
import { foldChars, foldHan } from '../search/normalize.js';
import type { ArticlePart, Attribute, Focus, Uncovered } from './plan.js';

/** A question as every pattern reads it: characters folded, punctuation kept, padded with spaces. */
export function prepare(question: string): string {
  return ` ${foldChars(question).replace(/\s+/g, ' ').trim()} `;
}

/** One alternative: Han text as is; Latin words bounded at their start (and end, unless `*`). */
function alternative(word: string): string {
  // Raw expressions keep their case: lower-casing would turn \S into \s.
  if (word.startsWith('re:')) return foldHan(word.slice(3));
  const w = foldHan(word).toLowerCase();
  const open = w.endsWith('*');
  const body = (open ? w.slice(0, -1) : w).split(' ').map(escapeRegExp).join('\\s+');
  if (!/[a-z0-9]/.test(w)) return body;
  // An open word matches the whole word it starts, so removing it leaves no stub ("found*" takes "founded").
  return `(?<![a-z0-9])${body}${open ? '[a-z0-9]*' : '(?![a-z0-9])'}`;
}

/** A matcher for a list of words; `re:` entries are raw regular expressions (written in Traditional). */
export function words(list: readonly string[]): RegExp {
  return new RegExp(list.map(alternative).join('|'), 'u');
}

const globals = new WeakMap<RegExp, RegExp>();
/**
 * The global form of a pattern, compiled once: for removing every match with replace(), which resets
 * lastIndex itself (never use the result with test()).
 */
export function everywhere(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globals.set(re, g);
  }
  return g;
}

export function has(re: RegExp, q: string): boolean {
  return re.test(q);
}

// — what kind of question —

export const LIST_CUE = words([
  '哪些',
  '哪幾個',
  '哪幾',
  '有哪',
  '列出',
  '列舉',
  '清單',
  '名單',
  '所有',
  '全部',
  '一覽',
  '有什麼組織',
  '什麼組織',
  '哪個組織',
  '哪一個組織',
  '那些',
  '有關的組織',
  '相關的組織',
  '相關組織',
  '組織有',
  '的組織',
  '類組織',
  // Asking whether any exists is asking for the list: "Is there a UK organization?", "有沒有關於和平的組織".
  '有沒有',
  '有無',
  'is there',
  'are there',
  'which',
  'what organi*',
  'list*',
  'show me',
  'all',
  'any',
  'organizations',
  'organisations',
  'alliances',
  'networks',
  'associations',
  'groups',
  'bodies',
  'ones',
]);

export const COUNT_CUE = words([
  '幾個',
  '幾家',
  '幾種',
  '多少個',
  '多少家',
  '數量',
  '總數',
  '共有幾',
  '一共',
  '多少組織',
  'how many',
  'number of',
  'count',
  'total',
]);

/** "多少" alone counts only when no attribute is asked ("有多少會員" asks for members, not a count). */
export const COUNT_WEAK = words(['多少', '有幾']);

export const OLDEST = words([
  '最早',
  '最老',
  '最久',
  '最古老',
  '歷史最悠久',
  '最悠久',
  '第一個成立',
  '最先成立',
  'oldest',
  'earliest',
  'first founded',
  'founded first',
  'longest',
  'most established',
]);
export const NEWEST = words([
  '最新',
  '最晚',
  '最近成立',
  '最年輕',
  '最後成立',
  'newest',
  'latest',
  'most recent*',
  'youngest',
  'last founded',
  'founded last',
  'founded most recently',
]);

export const COMPARE_CUE = words([
  '比較',
  '差別',
  '差異',
  '差在',
  '不同',
  '區別',
  '有什麼關係',
  '什麼關係',
  '關係',
  '相比',
  '對照',
  'compare*',
  'comparison',
  'difference*',
  'differ*',
  'versus',
  'vs',
  'side by side',
  'relation*',
  'contrast',
]);
export const OLDER_CUE = words([
  '哪個比較早',
  '哪個較早',
  '比較早',
  '較早',
  '誰比較早',
  '哪個先',
  '誰先',
  '比較老',
  '比較久',
  '歷史較久',
  'older',
  'earlier',
  'first',
]);
export const NEWER_CUE = words(['比較晚', '較晚', '比較新', '哪個晚', 'newer', 'younger', 'later', 'more recent*']);
export const SAME_CUE = words([
  '同一個',
  '同一',
  '一樣嗎',
  '是一樣',
  '相同',
  '一樣的',
  'same',
  'identical',
  'the same as',
]);
/** Joins between two names: "A 和 B", "A and B", "A vs B". */
export const JOIN = words(['和', '跟', '與', '及', '以及', '或', '還是', 'and', 'or', 'vs', 'versus', 'with']);

export const TAIWAN = words(['台灣', '台', '本國', '國內', 'taiwan*']);
export const TAIWAN_PLACES = words([
  '縣市',
  '城市',
  '哪些市',
  '哪個市',
  '地方政府',
  'cities',
  'city',
  'counties',
  'county',
  'places',
  'municipalit*',
  'local governments',
]);
export const TAKE_PART = words([
  '參加',
  '參與',
  '加入',
  '是會員',
  '成員',
  '會員',
  '屬於',
  '有參',
  'belong*',
  'member*',
  'join*',
  'take part',
  'takes part',
  'taking part',
  'participat*',
  'part of',
  'involved',
]);
/** A founding member, as the article calls a place (新竹市 of the WTA). */
export const FOUNDING_MEMBER = words([
  '創始會員',
  '創會會員',
  '創始成員',
  'founding member*',
  'founder member*',
  'charter member*',
]);
export const SHARED = words(['都', '共同', '同時', '一起', 'both', 'in common', 'share*', 'each', 'all of']);

// — focus of a question about one record (first match wins, in this order) —

export const FOCUS_WORDS: ReadonlyArray<[Focus, RegExp]> = [
  ['first-sister', words(['第一個姊妹', '最早的姊妹', '首個姊妹', '第一個姐妹', 'first sister*', 'earliest sister*'])],
  ['sister', words(['姊妹', '姐妹', '締盟', 'sister*', 'twin*'])],
  [
    'founders',
    words([
      '誰創立',
      '誰成立',
      '誰創辦',
      '誰發起',
      '誰建立',
      '誰設立',
      '由誰',
      '創立者',
      '創辦人',
      '創始者',
      '發起人',
      '發起者',
      '創始',
      '發起',
      '倡議',
      'founder*',
      'who founded',
      'who set up',
      'who created',
      'who established',
      'who launched',
      'who started',
      'founded by',
      'set up by',
      'launched by',
      'created by',
      'established by',
      'started by',
      'initiated by',
    ]),
  ],
  [
    'founded-where',
    words([
      're:(在哪裡|在哪|何處|哪個城市|哪座城市|哪一個城市|哪國)(成立|創立|設立|成立的|誕生)',
      're:where\\s+(was|were|did)\\b.*\\b(found|establish|set up|creat|born|start)',
      'founded where',
      'place of founding',
    ]),
  ],
  [
    'founded',
    words([
      '成立',
      '創立',
      '設立',
      '創辦',
      '建立',
      '哪一年',
      '何時',
      '什麼時候',
      '幾年',
      '年份',
      'when',
      'found*',
      'establish*',
      'created',
      'set up',
      'what year',
      'since when',
      'how old',
      'start*',
    ]),
  ],
  [
    'website',
    words(['網址', '網站', '網頁', '官網', '連結', 'website*', 'web site', 'url', 'homepage', 'site', 'link*']),
  ],
  [
    'headquarters',
    words([
      '總部',
      '秘書處',
      '總會',
      '設在',
      '設於',
      '位於',
      '在哪裡',
      '在哪',
      '哪裡',
      '哪個國家',
      '所在地',
      '辦公室',
      'where',
      'headquarter*',
      'hq',
      'based',
      'secretariat',
      'located',
      'location',
      'office',
    ]),
  ],
  [
    'members',
    words([
      '會員',
      '成員',
      '多少',
      '幾個',
      '規模',
      '人口',
      'how many',
      'member*',
      'size',
      'how big',
      'population',
      'people',
    ]),
  ],
  [
    'aims',
    words(['宗旨', '目的', '目標', '任務', '使命', '理念', 'aim*', 'goal*', 'purpose', 'mission', 'objective*', 'why']),
  ],
  [
    'activities',
    words([
      '活動',
      '做什麼',
      '做些什麼',
      '在做',
      '工作',
      '計畫',
      '計劃',
      '業務',
      '推動',
      'activit*',
      'do',
      'does',
      'work*',
      'programme*',
      'program*',
      'project*',
    ]),
  ],
  [
    'structure',
    words([
      '架構',
      '組織結構',
      '分會',
      '分部',
      '分區',
      '委員會',
      '執行局',
      'structure',
      'section*',
      'branch*',
      'regional',
      're:organi[sz]ed',
    ]),
  ],
  [
    'events',
    words([
      '會議',
      '宣言',
      '議定書',
      '大會',
      '峰會',
      '年會',
      '事件',
      'event*',
      'declaration',
      'summit',
      'congress',
      'conference',
      'meeting*',
    ]),
  ],
  ['orgs', words(['組織', '參加', '參與', '加入', 'organi*', 'belong*', 'join*', 'take part', 'participat*'])],
];

// — the article itself —

export const ARTICLE_WORDS: ReadonlyArray<[ArticlePart, RegExp]> = [
  [
    'publisher',
    words(['出版', '發表於', '刊登', '刊物', '研考會', 'publisher', 'published', 'publication', 'rdec', 'journal']),
  ],
  ['keywords', words(['關鍵字', '關鍵詞', 'keyword*', 'key words'])],
  [
    'abstract',
    words([
      '摘要',
      '主旨',
      '大意',
      '概要',
      'abstract',
      'summary of the article',
      'what is the article about',
      're:article\\s+(about|cover)',
    ]),
  ],
  ['conclusions', words(['結論', '發現', 'conclu*', 'findings'])],
  [
    'recommendations',
    words([
      '建議',
      '政策建議',
      '怎麼做',
      '該怎麼',
      '應該',
      'recommend*',
      'suggest*',
      'advice',
      'advise*',
      'should taiwan',
      'what should',
    ]),
  ],
  [
    'authors',
    words([
      '作者',
      '誰寫',
      '誰撰寫',
      '撰寫',
      '撰文',
      '寫的',
      '執筆',
      'author',
      'authors',
      'authored',
      'who wrote',
      'written by',
      'writer',
      'writers',
    ]),
  ],
  ['references', words(['參考資料', '參考文獻', '引用', '資料來源', 'references', 'bibliography', 'sources', 'cited'])],
  [
    'typology',
    words(['類型', '分類', '幾類', '幾種', '型態', 'types of', 'kinds of', 'typology', 'categor*', 'classif*']),
  ],
  // The article's table is titled 國際城市聯盟組織一覽表, "List of International City Alliance Organizations".
  [
    'table',
    words([
      '附表',
      '一覽表',
      '組織一覽',
      '表格',
      '表中',
      '表列',
      'the table',
      'table',
      'the list',
      'list of international city',
    ]),
  ],
  [
    'date',
    words([
      're:(本文|文章|這篇|論文)\\S*(何時|哪一年|日期|什麼時候|時間|年份|幾年)',
      're:(when|what date|what year)\\b.*\\b(article|paper|written|compiled|published)',
      're:(article|paper)\\b.*\\b(date|dated|written|compiled)',
    ]),
  ],
];
/** Words that make a question about the article as a whole. */
export const THE_ARTICLE = words([
  '本文',
  '這篇',
  '文章',
  '論文',
  '此文',
  '文中',
  'article',
  'paper',
  'the text',
  'this text',
]);
/** The authors' view asked for, not who they are: "according to the authors", "作者認為". */
export const AUTHORS_VIEW = words([
  '作者認為',
  '作者主張',
  '作者建議',
  'according to the author*',
  're:the authors?\\s+(say|think|argue|believe|suggest)',
  "re:in the authors?[’']?\\s+view",
]);

/** Terms that sit in the article's prose rather than in an organization's record. */
export const PROSE_TERMS: ReadonlyArray<[string, RegExp]> = [
  ['WTO', words(['wto', '世界貿易組織', 'world trade organi*'])],
  ['Citistate', words(['citistate*', 'citystate*', 'city state*', 'city-state*', '城市國家', '都市國家'])],
  [
    'Lisbon',
    words([
      '里斯本',
      'lisbon',
      '亞太城市會議',
      'asia pacific cities conference',
      'asia-pacific cities conference',
      'nation state',
    ]),
  ],
  ['glocalization', words(['全球在地化', 'glocali*'])],
  ['zero-sum', words(['零和', '零合', 'zero sum', 'zero-sum'])],
  ['network of networks', words(['網中網', 'network of networks', 'networks of networks'])],
];

// — honest scope —

export const UNCOVERED_WORDS: ReadonlyArray<[Uncovered, RegExp]> = [
  ['weather', words(['天氣', '氣溫', '下雨', '颱風', '溫度', 'weather', 'temperature', 'rain*', 'forecast'])],
  [
    'office-holders',
    words([
      're:(市長|縣長|主席|會長|理事長|秘書長|執行長|總幹事|總統|部長|局長|處長)(是誰|叫什麼|名字|姓名)',
      're:(現任|目前的|現在的)\\S*(市長|縣長|主席|會長|理事長|秘書長|執行長|總幹事|總統|領導人)',
      're:誰是\\S*(市長|縣長|主席|會長|理事長|秘書長|執行長|總統)',
      're:who\\s+(is|was)\\s+(the\\s+)?(current\\s+)?(mayor|president|chair\\w*|secretary|director|head|leader|ceo)',
      're:(name|names)\\s+of\\s+(the\\s+)?(mayor|president|chair\\w*|secretary)',
      're:(current|present)\\s+(mayor|president|chair\\w*|secretary|director|head|leader)',
    ]),
  ],
  ['capital', words(['首都', '首府', 'capital of', 'capital city'])],
  [
    'united-nations',
    words(['re:(台|taiwan)\\S*.*(聯合國|united nations|\\bun\\b)', 're:(聯合國|united nations|\\bun\\b).*(台|taiwan)']),
  ],
  [
    'sports',
    words([
      '奧運',
      '足球',
      '籃球',
      '棒球',
      '比賽',
      'olympic*',
      'football',
      'soccer',
      'baseball',
      'basketball',
      'world cup',
    ]),
  ],
  [
    'prices',
    words([
      '股價',
      '匯率',
      '房價',
      '物價',
      '票價',
      '多少錢',
      '預算',
      '經費',
      '會費',
      'gdp',
      '國內生產毛額',
      'stock price*',
      'exchange rate*',
      'price of',
      'how much does',
      'cost of living',
      'budget*',
      'membership fee*',
    ]),
  ],
  [
    'after-article',
    words([
      're:(?<!\\d)(200[7-9]|20[1-9]\\d)\\s*年?\\s*(以後|之後|後)?\\s*(成立|創立|設立)',
      're:(founded|established|set up|created)\\s+(in|after|since)\\s+(200[7-9]|20[1-9]\\d)',
      're:(in|after|since)\\s+(200[7-9]|20[1-9]\\d).*\\b(founded|established|set up|created)',
      'covid*',
      '新冠',
      '疫情',
      'pandemic',
    ]),
  ],
  ['contact', words(['電話', '電子郵件', '傳真', '地址是', 'email', 'e-mail', 'phone', 'fax', 'contact'])],
  [
    'staff',
    words([
      '員工',
      '職員',
      '工作人員',
      '雇員',
      '僱員',
      '人員編制',
      'staff',
      'headcount',
      'workforce',
      're:(?<![a-z])employ(s|ed|ees?)?(?![a-z])',
    ]),
  ],
];
/** Population asked of a place (the article gives none), not the people an organization's members cover. */
export const POPULATION = words(['人口', '居民', 'population', 'inhabitants', 'residents']);

// — reverse look-ups: an attribute and the words that name it —

export const REVERSE_WORDS: ReadonlyArray<[Attribute, RegExp]> = [
  [
    'founders',
    words([
      're:由\\S{2,}(共同)?(創立|發起|成立|設立|創辦|建立|推動成立)',
      'founded by',
      'set up by',
      'launched by',
      'created by',
      'established by',
      'initiated by',
      'started by',
      '發起',
      '創立的',
      '共同成立',
    ]),
  ],
  [
    'headquarters',
    words([
      '總部',
      '秘書處',
      '設在',
      '設於',
      '位於',
      '坐落',
      'based in',
      'headquarter*',
      'secretariat',
      'located',
      'seated',
      'hq',
    ]),
  ],
  ['members', words(['會員', '成員', '個地方政府', '個城市', '個國家', 'member*', 'countries', 'local governments'])],
  ['structure', words(['分會', '分部', '區域分會', '分區', 'sections', 'regional section*', 'branches', 'chapters'])],
  [
    'events',
    words([
      '宣言',
      '議定書',
      '憲章',
      '會議',
      '大會',
      '舉辦',
      '主辦',
      '簽署',
      '21世紀議程',
      'declaration',
      'accord*',
      'charter',
      'agenda',
      'conference',
      'summit',
      'congress',
      'hosted',
      'signed',
      'held',
    ]),
  ],
];

/** The verbs of an event look-up: removed from its terms, while the event's own name stays. */
export const EVENT_VERBS = words([
  '舉辦',
  '主辦',
  '合辦',
  '協辦',
  '共同舉辦',
  '簽署',
  '簽訂',
  '推動',
  're:hosts?',
  'hosted',
  'co-hosted',
  're:(?<![a-z])sign(s|ed|ing)?(?![a-z])',
  'held',
  'promot*',
]);

/** A merger asked about: "UTO 和 Metropolis 合併而成", "What did UTO merge into?". */
export const MERGER = words(['合併', '併入', '整併', 'merge*', 'merger*', 'amalgamat*']);
/** The merger's result is asked for (not the partner): "合併而成", "came out of the merger", "merge into". */
export const MERGER_RESULT = words([
  '合併而成',
  '合併成',
  '合併為',
  '合併後',
  '併入',
  're:merg\\w*\\s+into',
  'merged to form',
  'came out of',
  'formed by',
  'formed from',
  'result* of',
  'created by',
  'born of',
]);

/** Words removed before matching a reverse look-up's terms against facts: they name the question, not the value. */
export const FILLER = words([
  're:[?？!！。，,、：:；;（）()「」『』"“”]',
  '哪個組織',
  '哪一個組織',
  '哪些組織',
  '什麼組織',
  '哪個',
  '哪一個',
  '哪些',
  '哪家',
  '請問',
  '組織',
  '的',
  '是',
  '有',
  '在',
  '嗎',
  '呢',
  '了',
  '什麼',
  'which',
  'what',
  'who',
  'whose',
  'is',
  'are',
  'was',
  'were',
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'at',
  'to',
  'by',
  'has',
  'have',
  'had',
  'does',
  'do',
  'did',
  'its',
  'their',
  'one',
  're:organi[sz]ations?',
  'alliance',
  'body',
  'group',
  'network',
  'please',
  'tell me',
  'me',
  'that',
  'with',
  'there',
]);
