/**
 * Adversarial input, generated: over 10,000 inputs through every command handler, every component
 * prefix and autocomplete — empty, whitespace, 6,000 characters, control / zero-width / bidi characters,
 * emoji, lone surrogates, regex metacharacters, markdown and code fences, mentions, SQL / HTML-looking
 * text, i18next syntax, wrong option types, unknown options, forged custom_ids. For every one: no
 * exception, no 'error' outcome, a payload within every Discord limit that pings nobody, well-formed
 * text, and user text that is escaped wherever it is echoed.
 *
 * FUZZ_SEED=<n> replays a run (fast-check prints the seed of a failure); FUZZ_SCALE=<k> runs k times more.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../src/answers/command.js';
import { createServices } from '../src/app/services.js';
import { runAutocomplete, runCommand, runComponent } from '../src/app/dispatch.js';
import { MAX_TEXT, cleanText } from '../src/kernel/input.js';
import type { OptionValue, Payload } from '../src/kernel/types.js';
import { quoteUser } from '../src/answers/format.js';
import { LIMITS, limitViolations } from '../src/kernel/limits.js';
import { measured } from './helpers/output.js';

const services = await createServices();
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** FUZZ_SCALE=<k> runs k times as many inputs, for a longer hunt than CI's. */
const scale = Math.max(1, Number(process.env.FUZZ_SCALE) || 1);
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: numRuns * scale,
  ...(seed !== undefined ? { seed } : {}),
});
let inputs = 0;
/** Replies in which an escaped echo of distinctive user text was found: the escaping check really ran. */
let echoed = 0;

// ---------------------------------------------------------------------------------------------------
// Generators

const d = services.data;
/** Real names, acronyms, aliases and ids, so that generated text also reaches the "found" paths. */
const REAL = [
  ...d.organizations.flatMap((o) => [o.id, o.names.zh, o.names.en, ...(o.acronym ? [o.acronym] : []), ...o.aliases]),
  ...d.places.flatMap((p) => [p.id, p.names.zh, p.names.en]),
  ...d.alliances.flatMap((a) => [a.id, a.names.zh]),
].filter((x) => x.length > 0);

const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\ufeff',
  '\u2060',
  '\u00ad',
  '\u034f',
  '\u061c',
  '\u180e',
];
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\f',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
];
const WHITESPACE = ['', ' ', '   ', '\t', '\n\n', '\u00a0', '\u3000', '\u2003', ' \t\n '];
const MENTIONS = [
  '@everyone',
  '@here',
  '@ everyone',
  '＠everyone',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<#123456789012345678>',
  '</org:123456789012345678>',
  '<:blob:123456789012345678>',
  '<t:0:R>',
  '@\u200beveryone',
];
const MARKDOWN = [
  '*',
  '**',
  '***',
  '_',
  '__',
  '`',
  '``',
  '```',
  '```js\n',
  '\n```\n',
  '~~',
  '||',
  '> ',
  '>>> ',
  '# ',
  '## ',
  '-# ',
  '- ',
  '* ',
  '1. ',
  '[x](https://example.invalid)',
  '[x](<https://example.invalid>)',
  '<https://example.invalid>',
  '\\',
  '\\\\',
  '\\*',
  '\\`',
  ':',
  '\n',
];
const REGEX = [
  '.*',
  '(a+)+$',
  '(?<x>',
  '[^]',
  '\\d{99999}',
  '$&',
  '$1',
  "$'",
  '^',
  '$',
  '|',
  '?',
  '+',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '\\b',
  '\\u{',
];
const TEMPLATES = [
  '{{seconds}}',
  '{{command}}',
  '{{',
  '}}',
  '$t(common:errors.internal)',
  '{{query}}',
  '%s',
  '%d',
  '${x}',
  'nesting: $t(',
  '\u0000{{',
];
const HOSTILE = [
  "'; DROP TABLE organizations; --",
  '" OR "1"="1',
  "1' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;b&gt;',
  '&amp;',
  '%00',
  '%n',
  '../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
  '{"type":1}',
];
const EMOJI = ['😀', '👨‍👩‍👧‍👦', '🇹🇼', '🏳️‍🌈', '👍🏽', '1️⃣', '❤️', '𝕏', '🀄'];
const DATES = [
  '1990',
  '1998',
  '1990s',
  '1990年代',
  '90年代',
  '民國80年',
  '1990-1999',
  '1999~1990',
  '2006',
  '2100',
  '0000',
  '9999',
  '1',
  'all',
  '全部',
  'unknown',
  '籌備中',
  '--',
  '*',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

const piece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...WHITESPACE),
  fc.constantFrom(...INVISIBLE),
  fc.constantFrom(...CONTROL),
  fc.constantFrom(...MENTIONS),
  fc.constantFrom(...MARKDOWN),
  fc.constantFrom(...REGEX),
  fc.constantFrom(...TEMPLATES),
  fc.constantFrom(...HOSTILE),
  fc.constantFrom(...EMOJI),
  fc.constantFrom(...DATES),
  fc.constantFrom(...REAL),
  loneSurrogate,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** Long inputs around the limits that matter: Discord's 100, our 200 and 4×200, and 6,000. */
const LENGTHS = [40, 41, 100, 101, 199, 200, 201, 800, 801, 2000, 6000] as const;
const longUpTo = (max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...LENGTHS.filter((n) => n <= max)), piece)
    .map(([n, p]) => (p.length > 0 ? p : 'x').repeat(Math.ceil(n / Math.max(1, p.length))).slice(0, n));

const textUpTo = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(piece, { maxLength: 6 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: longUpTo(max) },
  );
/** What a door can hand a handler: anything, up to 6,000 characters. */
const text: fc.Arbitrary<string> = textUpTo(Infinity);
/**
 * What reaches quoteUser: every caller echoes text cleanText has already limited to MAX_TEXT (or shorter).
 * Fuzzing it at 6,000 characters only re-measured the escaping library's quadratic cost on input that
 * can never arrive.
 */
const echoedText: fc.Arbitrary<string> = textUpTo(MAX_TEXT);

/** An option value of any type a door could hand over, right or wrong. */
const value: fc.Arbitrary<OptionValue | undefined> = fc.oneof(
  { weight: 8, arbitrary: text },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -0, 1, -1, 1990, 1e21, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity),
      fc.boolean(),
      fc.constant(undefined),
    ),
  },
);

const OPTION_NAMES: Record<string, readonly string[]> = {
  org: ['query'],
  compare: ['first', 'second', 'third'],
  taiwan: ['city'],
  founded: ['when', 'type'],
  list: ['type'],
  ask: ['question'],
  about: [],
  help: [],
};
const UNKNOWN_OPTIONS = [
  'bogus',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'QUERY',
  'q',
];
const CHOICE_VALUES = ['comprehensive', 'thematic', 'national', 'other', 'zh-TW', 'en', 'zh', 'en-US', 'fr', 'ZH-tw'];

/** Options for a command: its own, the common ones, unknown ones; every value possibly of the wrong type. */
function optionsFor(command: string): fc.Arbitrary<Record<string, OptionValue | undefined>> {
  const own = OPTION_NAMES[command] ?? ['query'];
  const entry = fc.tuple(
    fc.oneof(
      { weight: 6, arbitrary: own.length > 0 ? fc.constantFrom(...own) : fc.constant('query') },
      { weight: 2, arbitrary: fc.constantFrom('lang', 'hide') },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...UNKNOWN_OPTIONS), fc.string({ maxLength: 8 })) },
    ),
    fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constantFrom(...CHOICE_VALUES, ...DATES) }),
  );
  // fromEntries: "__proto__" becomes an own key, as it does when the HTTP door builds options.
  return fc.array(entry, { maxLength: 5 }).map((entries) => Object.fromEntries(entries));
}

const locale = fc.option(
  fc.oneof(fc.constantFrom('zh-TW', 'zh-CN', 'en-US', 'en-GB', 'fr', 'ja', ''), fc.string({ maxLength: 6 })),
  {
    nil: undefined,
  },
);
const user = fc.oneof(fc.constant('100000000000000001'), fc.string({ maxLength: 20 })).map((id) => ({ id }));

// ---------------------------------------------------------------------------------------------------
// What must hold for every reply

/** Every piece of text a user could see in a payload. */
function texts(p: Payload): string[] {
  const out: string[] = [];
  if (p.content !== undefined) out.push(p.content);
  for (const e of p.embeds ?? []) {
    for (const t of [e.title, e.description, e.footer?.text, e.author?.name]) if (t !== undefined) out.push(t);
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  for (const row of p.components ?? []) {
    if (!('components' in row)) continue;
    for (const c of row.components) {
      if ('label' in c && typeof c.label === 'string') out.push(c.label);
      if ('placeholder' in c && typeof c.placeholder === 'string') out.push(c.placeholder);
      if ('options' in c && Array.isArray(c.options)) {
        for (const o of c.options) out.push(o.label, o.value, ...(o.description !== undefined ? [o.description] : []));
      }
    }
  }
  return out;
}

const MASS_MENTION = /@(everyone|here)/i;
/** A user, role or channel mention, or a slash-command mention, not preceded by an escaping backslash. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const MENTION = /(?<!\\)<(@[!&]?\d+|#\d+|\/[^>]*:\d+)>/;

/** Markdown characters count as escaped when an odd number of backslashes precede them. */
function unescaped(s: string, token: string): number {
  let n = 0;
  for (let i = s.indexOf(token); i >= 0; i = s.indexOf(token, i + token.length)) {
    let slashes = 0;
    for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) n++;
  }
  return n;
}

/** Forms in which a handler may echo the text it was given (cleaned; /ask also without its question marks). */
function echoForms(raw: OptionValue | undefined, max: number): string[] {
  const c = cleanText(raw, max);
  if (!c.ok) return [];
  return [...new Set([c.text, c.text.replace(/[?？!！。]+/g, ' ').trim()])];
}

/**
 * Everything the bot itself may write: the dataset and both languages' texts. A user who types a name from
 * it wrapped in markdown (`*Global Digital City Network`) can coincide with the bot's own formatting of
 * that name (`*Global Digital City Network*`), which is not an echo.
 */
const BOT_TEXT = JSON.stringify([services.data, services.translator.i18n.store.data]);

/** Worth checking for a raw echo: markdown or mention syntax, enough letters, and not the bot's own text. */
function distinctive(e: string): boolean {
  if (!/[*_`~|\\<>@[\]#]/.test(e) || (e.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < 3 || e === quoteUser(e)) return false;
  const core = e.replace(/[*_`~|\\<>@[\]#]/g, '').trim();
  return core.length === 0 || !BOT_TEXT.includes(JSON.stringify(core).slice(1, -1));
}

/**
 * Every rule a reply must keep, checked with plain conditions: a broken rule becomes a problem line, and
 * one expect per reply reports them all. (One expect per text and rule cost most of this file's time.)
 */
function payloadProblems(p: Payload, echoes: readonly string[]): string[] {
  const problems = limitViolations(p);
  if (p.allowed_mentions?.parse?.length !== 0) problems.push(`allowed_mentions ${JSON.stringify(p.allowed_mentions)}`);
  for (const t of texts(p)) {
    const shown = JSON.stringify(t);
    if (!t.isWellFormed()) problems.push(`lone surrogate in ${shown}`);
    if (MASS_MENTION.test(t)) problems.push(`raw mass mention in ${shown}`);
    if (MENTION.test(t)) problems.push(`raw mention in ${shown}`);
    // Bidi overrides and isolates could reorder what the reader sees around an echo.
    if (BIDI.test(t)) problems.push(`bidi control in ${shown}`);
    // Formatting the bot adds is balanced; an unescaped marker from user text would unbalance it.
    for (const token of ['```', '||', '~~']) {
      if (unescaped(t, token) % 2 !== 0) problems.push(`unbalanced ${token} in ${shown}`);
    }
    if (unescaped(t.replaceAll('```', ''), '`') % 2 !== 0) problems.push(`unbalanced \` in ${shown}`);
    for (const e of echoes) {
      if (!distinctive(e)) continue;
      // Take out every escaped echo: what is left must not contain the text raw.
      const parts = t.split(quoteUser(e));
      if (parts.length > 1) echoed++;
      if (parts.join('\u0000').includes(e))
        problems.push(`user text echoed unescaped: ${JSON.stringify(e)} in ${shown}`);
    }
  }
  return problems;
}

function checkPayload(label: string, p: Payload, echoes: readonly string[] = []): void {
  const problems = payloadProblems(p, echoes);
  if (problems.length > 0) expect(problems, label).toEqual([]);
}

const TEXT_OPTION: Record<string, [string, number]> = {
  org: ['query', MAX_TEXT],
  compare: ['first', MAX_TEXT],
  taiwan: ['city', MAX_TEXT],
  founded: ['when', 40],
  ask: ['question', MAX_TEXT],
};

function commandProperty(
  command: string,
): fc.IPropertyWithHooks<
  [Record<string, OptionValue | undefined>, string | undefined, string | undefined, { id: string }]
> {
  return fc.property(optionsFor(command), locale, locale, user, (options, loc, guildLoc, who) => {
    inputs++;
    const label = `/${command} ${JSON.stringify(options)}`;
    const r = runCommand(services, { command, options, locale: loc, guildLocale: guildLoc, user: who });
    expect(r.outcome, `${label}: ${String(r.error)}`).toBe(COMMAND_NAMES.includes(command as never) ? 'ok' : 'unknown');
    const [name, max] = TEXT_OPTION[command] ?? ['', 0];
    checkPayload(label, r.value, name ? echoForms(options[name], max) : []);
  });
}

// ---------------------------------------------------------------------------------------------------

describe('fuzz: every command handler', () => {
  const RUNS: Record<(typeof COMMAND_NAMES)[number], number> = {
    org: 1400,
    compare: 800,
    taiwan: 1100,
    founded: 1200,
    ask: 1400,
    list: 400,
    timeline: 200,
    about: 200,
    help: 200,
  };
  for (const command of COMMAND_NAMES) {
    it(`/${command}: ${RUNS[command]} generated option sets`, () => {
      fc.assert(commandProperty(command), params(RUNS[command]));
    });
  }

  it('unknown and look-alike command names: a polite answer, the name never pings or breaks formatting', () => {
    const name = fc
      .oneof(
        fc.constantFrom(
          'ORG',
          'org ',
          ' org',
          'org\u200b',
          '',
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
        ),
        text,
      )
      .filter((n) => !COMMAND_NAMES.includes(n as never));
    fc.assert(
      fc.property(name, optionsFor('org'), locale, (command, options, loc) => {
        inputs++;
        const r = runCommand(services, { command, options, locale: loc, user: { id: '1' } });
        expect(r.outcome).toBe('unknown');
        expect(limitViolations(r.value)).toEqual([]);
        expect(r.value.allowed_mentions?.parse).toEqual([]);
      }),
      params(300),
    );
  });

  // Only the console can send an arbitrary command name (Discord sends registered ones), but the notice
  // that echoes it must still be escaped like any user text.
  it('an unknown command name is echoed escaped', () => {
    for (const command of ['`x`` **y**', '@everyone', '\ud800']) {
      checkPayload(
        `unknown command ${JSON.stringify(command)}`,
        runCommand(services, { command, options: {}, user: { id: '1' } }).value,
      );
    }
  });
});

describe('fuzz: every component prefix, with forged ids and values', () => {
  const realIds = [...d.organizations.map((o) => o.id), ...d.places.map((p) => p.id), ...d.alliances.map((a) => a.id)];
  /** A slot that is usually valid and sometimes forged: the handlers must refuse the forged ones politely. */
  const slot = (...valid: string[]): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...valid) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.constantFrom(
            '',
            'x',
            '-',
            '-1',
            '1.5',
            '1e3',
            '0x10',
            ' 1',
            'NaN',
            'Infinity',
            '99999999999999999999',
            'Z',
            'E',
          ),
          fc.constantFrom(...realIds),
          text.map((t) => t.slice(0, 30)),
        ),
      },
    );
  const lang = slot('z', 'e');
  const page = fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), slot('0', '1', '999'));
  const grammar = fc.oneof(
    fc.tuple(fc.constant('org'), lang, slot('pick')),
    fc.tuple(fc.constant('org'), lang, slot('show'), slot(...d.organizations.map((o) => o.id))),
    fc.tuple(fc.constant('tw'), lang, slot('pick')),
    fc.tuple(
      fc.constant('fd'),
      lang,
      slot('1990-1999', '1800-2100', '2000-1990', 'all', 'unknown', 'preparing'),
      slot('-', 'comprehensive', 'thematic', 'national'),
      page,
    ),
    fc.tuple(fc.constant('ls'), lang, slot('-', 'comprehensive', 'thematic', 'national', 'other'), page),
    fc.tuple(fc.constant('ab'), lang, page),
  );
  const customId = fc.oneof(
    { weight: 8, arbitrary: grammar.map((parts) => parts.join(':')) },
    // A part too many (the disabled "page x of y" button carries ':x'), or one missing.
    {
      weight: 1,
      arbitrary: fc
        .tuple(grammar, fc.boolean())
        .map(([parts, more]) => (more ? [...parts, 'x'] : parts.slice(0, -1)).join(':')),
    },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: fc.constantFrom('org', 'tw', 'fd', 'ls', 'ab').map((p) => `${p}:z:${'9'.repeat(120)}`) },
  );
  const values = fc.option(
    fc.array(
      fc.oneof(
        fc.constantFrom(...realIds),
        text.map((t) => t.slice(0, 120)),
      ),
      { maxLength: 4 },
    ),
    { nil: undefined },
  );

  it('3,000 generated clicks: a valid reply or a polite "expired" notice, never an error', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(customId, values, locale, (id, vals, loc) => {
        inputs++;
        const r = runComponent(services, {
          customId: id,
          ...(vals ? { values: vals } : {}),
          locale: loc,
          user: { id: '1' },
        });
        expect(['ok', 'stale'], `${id}: ${String(r.error)}`).toContain(r.outcome);
        seen.set(r.outcome, (seen.get(r.outcome) ?? 0) + 1);
        checkPayload(`component ${JSON.stringify(id)} ${JSON.stringify(vals)}`, r.value.payload);
        if (r.outcome === 'stale') expect(r.value.update).toBe(false);
      }),
      params(3000),
    );
    // The generator reaches both the valid and the refused paths.
    expect(seen.get('ok') ?? 0).toBeGreaterThan(100);
    expect(seen.get('stale') ?? 0).toBeGreaterThan(100);
  });
});

describe('fuzz: autocomplete', () => {
  it('2,000 generated keystrokes: at most 25 choices, each a valid name and value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('org', 'taiwan') },
          { weight: 1, arbitrary: fc.constantFrom(...COMMAND_NAMES, 'nope', '__proto__') },
        ),
        fc.constantFrom('query', 'city', 'bogus'),
        text,
        optionsFor('org'),
        locale,
        (command, name, typed, options, loc) => {
          inputs++;
          const r = runAutocomplete(services, {
            command,
            focused: { name, value: typed },
            options,
            locale: loc,
            user: { id: '1' },
          });
          expect(['ok', 'unknown'], String(r.error)).toContain(r.outcome);
          expect(r.value.length).toBeLessThanOrEqual(LIMITS.AUTOCOMPLETE_CHOICES);
          // Each choice checked with plain conditions; one expect reports every bad choice.
          const bad = r.value.filter(
            (c) =>
              c.name.length === 0 ||
              c.name.length > LIMITS.CHOICE_NAME ||
              c.value.length === 0 ||
              c.value.length > LIMITS.CHOICE_VALUE ||
              !c.name.isWellFormed() ||
              !c.value.isWellFormed(),
          );
          if (bad.length > 0) expect(bad, `${command} ${JSON.stringify(typed)}`).toEqual([]);
        },
      ),
      params(2000),
    );
  });
});

describe('fuzz: the escaping helper itself', () => {
  it('quoteUser leaves no markdown, mention or code marker unescaped, whatever the text (up to MAX_TEXT)', () => {
    fc.assert(
      fc.property(echoedText, (t) => {
        const q = quoteUser(t);
        // A single ~ or | formats nothing; ~~ and || do.
        for (const token of ['*', '_', '`', '~~', '||']) {
          expect(unescaped(q, token), `${token} in ${JSON.stringify(q)}`).toBe(0);
        }
        expect(MASS_MENTION.test(q)).toBe(false);
        expect(MENTION.test(q)).toBe(false);
      }),
      params(3000),
    );
  });
});

afterAll(() => {
  measured(
    `fuzz: ${inputs} generated inputs through the handlers; ${echoed} replies echoed markdown-laden user text (escaped)`,
  );
  expect(inputs).toBeGreaterThanOrEqual(10_000);
  expect(echoed).toBeGreaterThan(200);
});
