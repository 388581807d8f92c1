/**
 * The HTTP door's answer actions over real loopback sockets, signed as Discord signs: the message
 * context-menu command, the Share button (a hidden answer reposted for the channel), the `for` option, and
 * file exports (a deferred answer, then the files edited into it through the interaction's webhook on a
 * fake Discord, as multipart/form-data).
 */
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/app/services.js';
import { runCommand, runComponent, runMessageCommand } from '../src/app/dispatch.js';
import { createLogger } from '../src/doors/shared/log.js';
import { DEFAULT_API_URL, loadHttpConfig } from '../src/doors/http/config.js';
import { MAX_TARGET_TEXT, editOriginalWithFiles, messageText, parseInteraction } from '../src/doors/http/server.js';
import type { FileAttachment, Payload } from '../src/kernel/types.js';
import { FakeDiscord, messageJson, useFakeDiscord } from './helpers/fake-discord.js';
import {
  APP_ID,
  Lines,
  PUBLIC_HEX,
  TOKEN,
  USER_A,
  base,
  opt,
  postSigned,
  slash,
  useDoor,
  viaJson,
  type Json,
  type Started,
  type Who,
} from './helpers/http-door.js';

const FRIEND = '123456789012345678';
const LOOK_UP = 'Look up city alliances';
const TARGET_ID = '650000000000000001';

const services = await createServices();

// ---------------------------------------------------------------------------------------------------
// Helpers: interactions as Discord sends them (as in tests/http.test.ts), signed requests, a server

/** A message as Discord resolves it for a message command (or sends it with a click). */
function discordMessage(fields: Json = {}): Json {
  return messageJson(
    '710000000000000001',
    { id: TARGET_ID, timestamp: '2025-01-01T00:00:00.000000+00:00', ...fields },
    { id: '444444444444444444', username: 'colleague', discriminator: '0', global_name: null, avatar: null },
  );
}

/** The message context-menu command on one message (application command, data.type 3). */
function messageCommand(target: Json | undefined, who: Who = {}, name = LOOK_UP): Json {
  return {
    ...base(2, who),
    data: {
      id: '800000000000000002',
      name,
      type: 3,
      target_id: TARGET_ID,
      ...(target ? { resolved: { messages: { [TARGET_ID]: target } } } : {}),
    },
  };
}

function click(customId: string, message: Json | undefined, who: Who = {}): Json {
  return {
    ...base(3, who),
    ...(message ? { message } : {}),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** One of the bot's answers as Discord sends it back with a click on it: a message object, embeds typed `rich`. */
function asMessage(payload: Payload): Json {
  return discordMessage({
    author: { id: APP_ID, username: 'city-alliance-bot', discriminator: '0', bot: true },
    content: payload.content ?? '',
    embeds: (payload.embeds ?? []).map((e) => ({ type: 'rich', ...e })),
    components: payload.components ?? [],
    flags: payload.flags ?? 0,
    interaction_metadata: { id: '900000000000000000', type: 2, user: { id: USER_A } },
  });
}

type Row = { type: number; components: Array<{ custom_id?: string }> };

function customIds(payload: Payload | Json | undefined): string[] {
  const rows = ((payload as Json | undefined)?.components ?? []) as Row[];
  return rows.flatMap((r) => (r.components ?? []).flatMap((c) => (c.custom_id ? [c.custom_id] : [])));
}

const isEphemeral = (data: unknown): boolean => ((((data as Json | undefined)?.flags as number) ?? 0) & 64) !== 0;

// ---------------------------------------------------------------------------------------------------

describe('message context-menu command (no Message Content intent: the text comes with the interaction)', () => {
  let s: Started;
  useDoor((started) => (s = started));

  it('a question in Chinese → a hidden answer about 高雄 with a Share button', async () => {
    const text = '高雄參加了哪些國際組織？';
    const r = await postSigned(s.url, messageCommand(discordMessage({ content: text }), { locale: 'zh-TW' }));
    expect(r.status).toBe(200);
    expect(r.body.type).toBe(4);
    const data = r.body.data as Payload;
    expect(isEphemeral(data)).toBe(true);
    expect(JSON.stringify([data.content, data.embeds])).toContain('高雄');
    expect(customIds(data).some((id) => id.startsWith('share:'))).toBe(true);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    // Exactly the core's answer.
    const expected = runMessageCommand(services, {
      command: LOOK_UP,
      text,
      locale: 'zh-TW',
      guildLocale: 'zh-TW',
      user: { id: USER_A },
    });
    expect(expected.outcome).toBe('ok');
    expect(data).toEqual(viaJson(expected.value));
  });

  it('in English: "When was ICLEI founded?"', async () => {
    const r = await postSigned(s.url, messageCommand(discordMessage({ content: 'When was ICLEI founded?' })));
    const data = r.body.data as Payload;
    expect(r.body.type).toBe(4);
    expect(isEphemeral(data)).toBe(true);
    const shown = JSON.stringify([data.content, data.embeds]);
    expect(shown).toContain('ICLEI');
    expect(shown).toMatch(/founded/i);
    expect(customIds(data).some((id) => id.startsWith('share:e:'))).toBe(true);
  });

  it('an embed-only message is read from its embeds (title and description)', async () => {
    const target = discordMessage({ embeds: [{ type: 'rich', title: 'UCLG', description: 'When was it founded?' }] });
    const r = await postSigned(s.url, messageCommand(target));
    expect(r.body.type).toBe(4);
    expect(JSON.stringify(r.body.data)).toContain('UCLG');
  });

  it('an empty message, or none resolved → a polite hidden notice, no Share button', async () => {
    for (const target of [discordMessage({ content: '' }), discordMessage({ content: '   ' }), undefined]) {
      const r = await postSigned(s.url, messageCommand(target));
      expect(r.status).toBe(200);
      expect(r.body.type).toBe(4);
      const data = r.body.data as Payload;
      expect(isEphemeral(data)).toBe(true);
      expect(data.content).toMatch(/no text/i);
      expect(customIds(data)).toEqual([]);
    }
    const zh = await postSigned(s.url, messageCommand(discordMessage(), { locale: 'zh-TW' }));
    expect(isEphemeral(zh.body.data)).toBe(true);
    expect((zh.body.data as Payload).content).toMatch(/\p{Script=Han}/u);
  });

  it('an unknown message command is answered politely, not refused', async () => {
    const r = await postSigned(s.url, messageCommand(discordMessage({ content: 'ICLEI' }), {}, 'Something else'));
    expect(r.status).toBe(200);
    expect(isEphemeral(r.body.data)).toBe(true);
  });

  it('parses the target text bounded: content, else embeds, else a forward; never more than the cap', () => {
    expect(messageText({ content: 'ICLEI' })).toBe('ICLEI');
    expect(messageText({ content: '', embeds: [{ title: 'A', description: 'B' }, 'x', null, { title: 7 }] })).toBe(
      'A\nB',
    );
    expect(messageText({ content: '', message_snapshots: [{ message: { content: 'UCLG' } }] })).toBe('UCLG');
    expect(messageText({ content: 42, embeds: 'no' })).toBe('');
    expect(messageText('not a message')).toBe('');
    // 10 embeds of 4,096 characters: capped.
    const big = { content: '', embeds: Array.from({ length: 12 }, () => ({ description: '高'.repeat(4096) })) };
    expect(messageText(big).length).toBe(MAX_TARGET_TEXT);
    // A content longer than any real message is not read.
    expect(messageText({ content: 'x'.repeat(5000) })).toBe('');
    const parsed = parseInteraction(messageCommand(discordMessage({ content: 'ICLEI' })), APP_ID);
    expect(parsed).toMatchObject({ kind: 'message-command', req: { command: LOOK_UP, text: 'ICLEI' } });
    // A target id that is not among the resolved messages (or a prototype key) reads as an empty message.
    const odd = messageCommand(discordMessage({ content: 'ICLEI' }));
    (odd.data as Json).target_id = '__proto__';
    expect(parseInteraction(odd)).toMatchObject({ kind: 'message-command', req: { text: '' } });
  });
});

describe('Share: a hidden answer posted for the channel', () => {
  let s: Started;
  useDoor((started) => (s = started));

  async function hiddenAnswer(options: Json[]): Promise<Payload> {
    const r = await postSigned(s.url, slash('org', [opt('query', 'ICLEI'), opt('hide', true, 5), ...options]));
    const data = r.body.data as Payload;
    expect(isEphemeral(data)).toBe(true);
    return data;
  }

  it('reposts what the user saw: type 4, not ephemeral, same embeds, no Share button, pinging nobody', async () => {
    const answer = await hiddenAnswer([]);
    expect(answer.embeds?.length).toBeGreaterThan(0);
    const shareId = customIds(answer).find((id) => id.startsWith('share:'));
    expect(shareId).toBeDefined();
    const message = asMessage(answer);
    const r = await postSigned(s.url, click(shareId!, message));
    expect(r.status).toBe(200);
    expect(r.body.type).toBe(4);
    const data = r.body.data as Payload;
    expect(isEphemeral(data)).toBe(false);
    expect(data.embeds).toEqual(message.embeds);
    expect(data.content ?? '').toBe(answer.content ?? '');
    expect(customIds(data).some((id) => id.startsWith('share:'))).toBe(false);
    // The other buttons (Full record, Cite) stay.
    expect(customIds(data)).toEqual(customIds(answer).filter((id) => !id.startsWith('share:')));
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('an answer `for` a colleague: allowed_mentions.users is exactly that id', async () => {
    const answer = await hiddenAnswer([opt('for', FRIEND, 6)]);
    const shareId = customIds(answer).find((id) => id.startsWith('share:'));
    expect(shareId).toMatch(/^share:e:\d{18}$/);
    const r = await postSigned(s.url, click(shareId!, asMessage(answer)));
    const data = r.body.data as Payload;
    expect(r.body.type).toBe(4);
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toMatch(new RegExp(`^<@${FRIEND}>`));
    expect(data.allowed_mentions?.users).toEqual([FRIEND]);
    expect(data.allowed_mentions?.parse).toEqual([]);
    expect(data.allowed_mentions?.roles).toBeUndefined();
  });

  it('`share:z:<id>` on the message command’s answer carries the user; the answer is the one clicked', async () => {
    const first = await postSigned(
      s.url,
      messageCommand(discordMessage({ content: '高雄參加了哪些國際組織？' }), { locale: 'zh-TW' }),
    );
    const answer = first.body.data as Payload;
    const r = await postSigned(s.url, click(`share:z:${FRIEND}`, asMessage(answer), { locale: 'zh-TW' }));
    const data = r.body.data as Payload;
    expect(r.body.type).toBe(4);
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toBe(answer.content);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [FRIEND] });
    expect(customIds(data).some((id) => id.startsWith('share:'))).toBe(false);
  });

  it('a click with no message, or an empty one, gets a hidden notice', async () => {
    for (const message of [undefined, discordMessage({ content: '', embeds: [] })]) {
      const r = await postSigned(s.url, click('share:e:-', message));
      expect(r.body.type).toBe(4);
      expect(isEphemeral(r.body.data)).toBe(true);
    }
  });

  it('a malformed clicked message is bounded, never a crash', async () => {
    const message = {
      content: 7,
      embeds: ['x', null, { title: 'ok' }],
      components: [5, { type: 1, components: 'x' }, { type: 1, components: [{ type: 2, custom_id: 9 }, null] }],
      flags: -1,
    };
    const parsed = parseInteraction(click('share:e:-', message));
    expect(parsed).toMatchObject({
      kind: 'component',
      req: {
        message: { content: '', embeds: [{ title: 'ok' }], components: [{ components: [] }, { components: [] }] },
      },
    });
    const r = await postSigned(s.url, click('share:e:-', message));
    expect(r.status).toBe(200);
    expect(r.body.type).toBe(4);
    expect((r.body.data as Payload).embeds).toEqual([{ title: 'ok' }]);
  });
});

describe('the `for` option', () => {
  let s: Started;
  useDoor((started) => (s = started));

  it('/org for:<user> → the answer opens with the mention, which alone may ping', async () => {
    const r = await postSigned(s.url, slash('org', [opt('query', 'ICLEI'), opt('for', FRIEND, 6)]));
    expect(r.body.type).toBe(4);
    const data = r.body.data as Payload;
    expect(data.content?.startsWith(`<@${FRIEND}>`)).toBe(true);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [FRIEND] });
    expect(isEphemeral(data)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
// Files

function csvFile(): FileAttachment {
  return {
    name: 'city-alliances.csv',
    data: new TextEncoder().encode('\ufeffName,Founded\n城市聯盟,1999\n"ICLEI, Local Governments",1990\n'),
    contentType: 'text/csv; charset=utf-8',
    description: 'City alliances (CSV)',
  };
}

const editPath = (token = TOKEN): RegExp =>
  new RegExp(`^/webhooks/${APP_ID}/${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/messages/@original$`);

describe('editOriginalWithFiles: the deferred answer edited with files, multipart', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(() => fake.close());

  function logger(): { logs: Lines; logger: ReturnType<typeof createLogger> } {
    const logs = new Lines();
    return { logs, logger: createLogger({ level: 'debug', destination: logs }) };
  }

  it('PATCHes @original with payload_json (payload + attachments) and the bytes, BOM included', async () => {
    const { logs, logger: log } = logger();
    const file = csvFile();
    const payload: Payload = { content: 'Here is the list.', flags: 64, allowed_mentions: { parse: [] } };
    const before = fake.requests.length;
    const result = await editOriginalWithFiles(fake.apiUrl, APP_ID, TOKEN, payload, [file], log);
    expect(result).toEqual({ ok: true, status: 200, attempts: 1 });
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    const req = sent[0]!;
    expect(req.method).toBe('PATCH');
    expect(req.path).toMatch(editPath());
    expect(req.authorized).toBe(false); // webhook endpoints take no bot token
    // The ephemeral bit is not sent on an edit (the deferred response set it).
    expect(req.body).toEqual({
      content: 'Here is the list.',
      allowed_mentions: { parse: [] },
      attachments: [{ id: 0, filename: 'city-alliances.csv', description: 'City alliances (CSV)' }],
    });
    expect(req.files).toHaveLength(1);
    const got = req.files![0]!;
    expect(got.name).toBe('files[0]');
    expect(got.filename).toBe('city-alliances.csv');
    expect(got.contentType).toBe('text/csv; charset=utf-8');
    expect(got.data.equals(Buffer.from(file.data))).toBe(true);
    expect([...got.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(got.data.toString('utf8')).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.data));
    expect(logs.lines.find((l) => l.type === 'edit')).toMatchObject({ outcome: 'ok', status: 200, files: 1 });
    expect(logs.text).not.toContain(TOKEN);
  });

  it('retries once on a 5xx, and once on a 429 after its (short) retry_after', async () => {
    const { logger: log } = logger();
    fake.fault('PATCH', editPath(), 502, 1);
    const r1 = await editOriginalWithFiles(fake.apiUrl, APP_ID, TOKEN, { content: 'x' }, [csvFile()], log, {
      retryDelayMs: 10,
    });
    expect(r1).toEqual({ ok: true, status: 200, attempts: 2 });
    fake.fault('PATCH', editPath(), 429, 1, 0.05);
    const t0 = performance.now();
    const r2 = await editOriginalWithFiles(fake.apiUrl, APP_ID, TOKEN, { content: 'x' }, [csvFile()], log);
    expect(r2).toEqual({ ok: true, status: 200, attempts: 2 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    // Both attempts carried the whole file.
    const last = fake.received('PATCH', editPath()).slice(-2);
    expect(last.map((r) => r.files?.[0]?.data.length)).toEqual([csvFile().data.length, csvFile().data.length]);
  });

  it('gives up after the retry, on a 4xx at once, and on a long Retry-After — logged, never the token', async () => {
    const { logs, logger: log } = logger();
    fake.fault('PATCH', editPath(), 500, 2);
    expect(
      await editOriginalWithFiles(fake.apiUrl, APP_ID, TOKEN, { content: 'x' }, [csvFile()], log, { retryDelayMs: 10 }),
    ).toEqual({ ok: false, status: 500, attempts: 2 });
    fake.fault('PATCH', editPath(), 403, 1);
    expect(await editOriginalWithFiles(fake.apiUrl, APP_ID, TOKEN, { content: 'x' }, [csvFile()], log)).toEqual({
      ok: false,
      status: 403,
      attempts: 1,
    });
    fake.fault('PATCH', editPath(), 429, 1, 60);
    const t0 = performance.now();
    expect(await editOriginalWithFiles(fake.apiUrl, APP_ID, TOKEN, { content: 'x' }, [csvFile()], log)).toEqual({
      ok: false,
      status: 429,
      attempts: 1,
    });
    expect(performance.now() - t0).toBeLessThan(2000);
    const failures = logs.lines.filter((l) => l.level === 50);
    expect(failures).toHaveLength(3);
    expect(logs.text).not.toContain(TOKEN);
  });

  it('a Discord that does not answer: each attempt times out, then it gives up; a closed port likewise', async () => {
    const { logs, logger: log } = logger();
    const sockets: Socket[] = [];
    const silent: NetServer = createNetServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    /** One CSV edit against the port, with a short timeout and retry. */
    const editCsv = (at: number, timeoutMs: number) =>
      editOriginalWithFiles(`http://127.0.0.1:${at}/api`, APP_ID, TOKEN, { content: 'x' }, [csvFile()], log, {
        timeoutMs,
        retryDelayMs: 10,
      });
    try {
      const t0 = performance.now();
      const r = await editCsv(port, 150);
      expect(r).toEqual({ ok: false, attempts: 2 });
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(logs.lines.findLast((l) => l.level === 50)).toMatchObject({ reason: { name: 'TimeoutError' } });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    const refused = await editCsv(port, 500);
    expect(refused).toEqual({ ok: false, attempts: 2 });
    expect(logs.text).not.toContain(TOKEN);
  });
});

describe('configuration: DISCORD_API_URL', () => {
  const good = { DISCORD_PUBLIC_KEY: PUBLIC_HEX, DISCORD_APPLICATION_ID: APP_ID };
  it('defaults to Discord, drops a trailing slash, refuses what is not an http(s) URL without echoing it', () => {
    expect(loadHttpConfig(good).apiUrl).toBe(DEFAULT_API_URL);
    expect(DEFAULT_API_URL).toBe('https://discord.com/api');
    expect(loadHttpConfig({ ...good, DISCORD_API_URL: 'http://127.0.0.1:9/api/' }).apiUrl).toBe(
      'http://127.0.0.1:9/api',
    );
    expect(() => loadHttpConfig({ ...good, DISCORD_API_URL: 'ftp://example.com' })).toThrow(/DISCORD_API_URL/);
    let message = '';
    try {
      loadHttpConfig({ ...good, DISCORD_API_URL: 'https://user:hunter2-secret@proxy.example/api' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/DISCORD_API_URL/);
    expect(message).not.toContain('hunter2-secret');
  });
});

/** The custom_id of /list's export button, if one exists yet (any action that is not paging, Share, Cite or Full). */
const NOT_EXPORT = new Set(['ls', 'share', 'cite', 'full']);
function exportButton(payload: Payload | Json | undefined): string | undefined {
  return customIds(payload).find((id) => !NOT_EXPORT.has(id.split(':', 1)[0] ?? ''));
}
const listAnswer = runCommand(services, { command: 'list', options: {}, locale: 'en-US', user: { id: USER_A } });
const hasExport = exportButton(listAnswer.value) !== undefined;

describe('file exports through the door: deferred, then edited in', () => {
  let fake: FakeDiscord;
  let s: Started;
  useFakeDiscord((f) => (fake = f));
  useDoor(
    (started) => (s = started),
    () => ({ apiUrl: fake.apiUrl, edit: { timeoutMs: 2000, retryDelayMs: 20 } }),
  );

  // The CSV export buttons are another piece of work: until /list offers one, there is nothing to click.
  it.skipIf(!hasExport)(
    '/list → its CSV button → type 5 (ephemeral), then a PATCH of @original with the file',
    async () => {
      const list = await postSigned(s.url, slash('list'));
      const listData = list.body.data as Payload;
      const csvId = exportButton(listData);
      expect(csvId).toBeDefined();
      // What the core answers to exactly this click.
      const parsed = parseInteraction(click(csvId!, asMessage(listData)), APP_ID);
      if (parsed.kind !== 'component') throw new Error(`not a component: ${parsed.kind}`);
      const expected = runComponent(services, parsed.req);
      expect(expected.value.files?.length).toBe(1);

      const before = fake.requests.length;
      const r = await postSigned(s.url, click(csvId!, asMessage(listData)));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ type: 5, data: { flags: 64 } });

      const edits = await fake.waitFor(
        () => {
          const got = fake.requests.slice(before).filter((q) => q.method === 'PATCH' && editPath().test(q.path));
          return got.length > 0 && got[0]!.status !== 0 ? got : undefined;
        },
        5000,
        'the PATCH of @original',
      );
      expect(edits).toHaveLength(1);
      const edit = edits[0]!;
      expect(edit.status).toBe(200);
      expect(edit.files).toHaveLength(1);
      const file = edit.files![0]!;
      const want = expected.value.files![0]!;
      expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(file.data.equals(Buffer.from(want.data))).toBe(true);
      expect(file.filename).toBe(want.name);
      const body = edit.body as Json;
      expect(body.content).toBe(expected.value.payload.content);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.attachments).toEqual([
        { id: 0, filename: want.name, ...(want.description !== undefined ? { description: want.description } : {}) },
      ]);
      expect(s.logs.text).not.toContain(TOKEN);
      // The door logs the edit once Discord's answer is read: a moment after the fake recorded it.
      const logged = await fake.waitFor(() => s.logs.lines.find((l) => l.type === 'edit'), 2000, 'the edit log');
      expect(logged).toMatchObject({ outcome: 'ok', status: 200, files: 1, attempts: 1 });
      expect(s.logs.text).not.toContain(TOKEN);
    },
  );

  it('an interaction with no usable token cannot be edited later: the reply goes out without its files', async () => {
    // Only reachable with an export button; the parse itself is checked either way.
    const noToken = { ...click('share:e:-', undefined), token: 'has spaces in it' };
    expect(parseInteraction(noToken)).not.toHaveProperty('webhook');
    expect(parseInteraction(click('share:e:-', undefined))).toMatchObject({
      webhook: { applicationId: APP_ID, token: TOKEN },
    });
  });
});
