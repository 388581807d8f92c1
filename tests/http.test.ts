/**
 * The HTTP interactions door over real loopback sockets, signed with Discord's scheme (Ed25519 over
 * `timestamp + body`) by a key pair made here. Valid requests get the same payloads the core produces;
 * every malformed, unsigned, stale, oversized or unknown request is refused without reaching a handler.
 */
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../src/app/services.js';
import { rateLimitNotice, runAutocomplete, runCommand, runComponent } from '../src/app/dispatch.js';
import { UserRateLimiter } from '../src/doors/shared/rate-limit.js';
import type { Payload } from '../src/kernel/types.js';
import { loadHttpConfig } from '../src/doors/http/config.js';
import { parseInteraction } from '../src/doors/http/server.js';
import { measured } from './helpers/output.js';
import { MAX_SKEW_SECONDS, createVerifier, publicKeyFromHex } from '../src/doors/http/verify.js';
import {
  APP_ID,
  PUBLIC_HEX,
  USER_A,
  base,
  nowSeconds,
  opt,
  post,
  postSigned,
  signed,
  slash,
  spawnServe,
  start,
  useDoor,
  viaJson,
  type Json,
  type Reply,
  type Served,
  type Started,
  type Who,
} from './helpers/http-door.js';

/** Plain JS for a worker thread: fires every prepared request at once when told to, replies with timings. */
const FLOOD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage('ready');
parentPort.once('message', async () => {
  const { url, requests } = workerData;
  const replies = await Promise.all(requests.map(async ([body, headers]) => {
    const sentAt = performance.now();
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const text = await res.text();
    const doneAt = performance.now();
    return { status: res.status, body: text ? JSON.parse(text) : {}, ms: doneAt - sentAt, sentAt, doneAt, origin: performance.timeOrigin };
  }));
  parentPort.postMessage(replies);
});
`;

const USER_B = '333333333333333333';

const otherKeys = generateKeyPairSync('ed25519');

const services = await createServices();

// ---------------------------------------------------------------------------------------------------
// Helpers: interactions as Discord sends them, signed requests, a server per suite

function autocomplete(name: string, focused: string, value: string, who: Who = {}): Json {
  return {
    ...base(4, who),
    data: { id: '800000000000000001', name, type: 1, options: [{ name: focused, type: 3, value, focused: true }] },
  };
}

function component(customId: string, values?: string[], who: Who = {}): Json {
  return {
    ...base(3, who),
    message: { id: '600000000000000001', content: '', embeds: [], components: [] },
    data: { custom_id: customId, component_type: values ? 3 : 2, ...(values ? { values } : {}) },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

// ---------------------------------------------------------------------------------------------------

describe('signature verification (unit)', () => {
  const verify = createVerifier(PUBLIC_HEX);
  const body = Buffer.from('{"type":1}');

  it('accepts a valid signature and refuses every broken variant', () => {
    const h = signed(body.toString());
    const sig = h['x-signature-ed25519']!;
    const ts = h['x-signature-timestamp']!;
    expect(verify(sig, ts, body)).toEqual({ ok: true });
    expect(verify(sig.toUpperCase(), ts, body)).toEqual({ ok: true });
    expect(verify(sig, ts, Buffer.from('{"type":2}'))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(sig, String(Number(ts) + 1), body)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(undefined, ts, body)).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verify(sig, undefined, body)).toEqual({ ok: false, reason: 'missing-timestamp' });
    expect(verify('zz'.repeat(64), ts, body)).toEqual({ ok: false, reason: 'malformed-signature' });
    expect(verify(sig.slice(2), ts, body)).toEqual({ ok: false, reason: 'malformed-signature' });
    expect(verify([sig, sig], ts, body)).toEqual({ ok: false, reason: 'malformed-signature' });
    expect(verify(sig, `${ts}.5`, body)).toEqual({ ok: false, reason: 'malformed-timestamp' });
    expect(verify(sig, '-1', body)).toEqual({ ok: false, reason: 'malformed-timestamp' });
  });

  it(`refuses timestamps more than ${MAX_SKEW_SECONDS} s from the clock, either way`, () => {
    const now = Date.now();
    const at = (offsetS: number): string => String(Math.floor(now / 1000) + offsetS);
    const v = createVerifier(PUBLIC_HEX, { now: () => now });
    for (const [offset, ok] of [
      [-MAX_SKEW_SECONDS + 5, true],
      [MAX_SKEW_SECONDS - 5, true],
      [-MAX_SKEW_SECONDS - 5, false],
      [MAX_SKEW_SECONDS + 5, false],
    ] as const) {
      const ts = at(offset);
      const h = signed(body.toString(), { timestamp: ts });
      expect(v(h['x-signature-ed25519'], ts, body).ok, `offset ${offset}`).toBe(ok);
    }
  });

  it('builds the key from hex, and refuses a key that is not 64 hex characters', () => {
    expect(publicKeyFromHex(PUBLIC_HEX).asymmetricKeyType).toBe('ed25519');
    expect(() => publicKeyFromHex('zz'.repeat(32))).toThrow(/64 hexadecimal/);
    expect(() => publicKeyFromHex(PUBLIC_HEX.slice(2))).toThrow(/64 hexadecimal/);
  });
});

describe('configuration', () => {
  const good = { DISCORD_PUBLIC_KEY: PUBLIC_HEX, DISCORD_APPLICATION_ID: APP_ID };

  it('has defaults for everything but the key and application id', () => {
    expect(loadHttpConfig(good)).toMatchObject({ port: 8787, host: '0.0.0.0', logLevel: 'info' });
    expect(loadHttpConfig({ ...good, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_POINTS: '3' })).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      rateLimit: { points: 3, windowSeconds: 20 },
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      loadHttpConfig({ DISCORD_PUBLIC_KEY: 'abc', PORT: '80x', MAX_BODY_BYTES: '-1', LOG_LEVEL: 'chatty' }),
    ).toThrow(/DISCORD_PUBLIC_KEY[\s\S]*DISCORD_APPLICATION_ID[\s\S]*PORT[\s\S]*LOG_LEVEL[\s\S]*MAX_BODY_BYTES/);
  });
});

describe('interaction JSON → plain requests', () => {
  it('maps options, the focused option, member.user or user, locales, custom_id and values', () => {
    expect(parseInteraction(slash('org', [opt('query', 'ICLEI'), opt('hide', true, 5)], { locale: 'zh-TW' }))).toEqual({
      kind: 'command',
      req: {
        command: 'org',
        options: { query: 'ICLEI', hide: true },
        locale: 'zh-TW',
        guildLocale: 'zh-TW',
        user: { id: USER_A },
      },
      // Kept for an answer that is deferred and edited in (a picture).
      webhook: { applicationId: expect.any(String) as string, token: expect.any(String) as string },
    });
    // A subcommand's options are flattened to the leaves.
    const nested = slash('org', [{ name: 'sub', type: 1, options: [opt('query', 'UCLG')] }], { dm: true });
    expect(parseInteraction(nested)).toMatchObject({
      kind: 'command',
      req: { options: { query: 'UCLG' }, user: { id: USER_A } },
    });
    expect(parseInteraction(autocomplete('taiwan', 'city', 'kao'))).toMatchObject({
      kind: 'autocomplete',
      req: { command: 'taiwan', focused: { name: 'city', value: 'kao' } },
    });
    expect(parseInteraction(component('org:e:pick', ['x']))).toMatchObject({
      kind: 'component',
      req: { customId: 'org:e:pick', values: ['x'] },
    });
    // An option named __proto__ is an ordinary key, not a prototype.
    const proto = parseInteraction(slash('org', [opt('__proto__', 'x')]));
    expect(proto.kind === 'command' && Object.getPrototypeOf(proto.req.options)).toBe(Object.prototype);
  });

  it('says why it cannot answer malformed interactions', () => {
    expect(parseInteraction([])).toMatchObject({ kind: 'invalid' });
    expect(parseInteraction({ type: 5 })).toMatchObject({ kind: 'invalid' });
    expect(parseInteraction({ ...slash('org'), member: undefined, user: undefined })).toMatchObject({
      kind: 'invalid',
      reason: 'no user',
    });
    expect(parseInteraction({ ...slash('org'), application_id: '1' }, APP_ID)).toMatchObject({ kind: 'invalid' });
    expect(
      parseInteraction({ ...autocomplete('org', 'query', 'x'), data: { name: 'org', options: [] } }),
    ).toMatchObject({
      kind: 'invalid',
    });
  });
});

describe('HTTP door: valid signed interactions', () => {
  let s: Started;
  useDoor((started) => (s = started));

  it('answers PING with PONG', async () => {
    const r = await postSigned(s.url, { type: 1, id: '1', application_id: APP_ID, token: 't', version: 1 });
    expect(r).toMatchObject({ status: 200, body: { type: 1 } });
  });

  it('/org: the same payload runCommand gives, as a channel message', async () => {
    const r = await postSigned(s.url, slash('org', [opt('query', 'ICLEI')]));
    const expected = runCommand(services, {
      command: 'org',
      options: { query: 'ICLEI' },
      locale: 'en-US',
      guildLocale: 'zh-TW',
      user: { id: USER_A },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ type: 4, data: viaJson(expected.value) });
    expect((r.body.data as Payload).embeds?.[0]?.title).toMatch(/ICLEI/);
  });

  it('/founded in a DM in zh-TW, with hide → ephemeral', async () => {
    const r = await postSigned(
      s.url,
      slash('founded', [opt('when', '1990年代'), opt('hide', true, 5)], { dm: true, locale: 'zh-TW' }),
    );
    const expected = runCommand(services, {
      command: 'founded',
      options: { when: '1990年代', hide: true },
      locale: 'zh-TW',
      user: { id: USER_A },
    });
    expect(r.body).toEqual({ type: 4, data: viaJson(expected.value) });
    expect((r.body.data as Payload).flags).toBe(64);
  });

  it('unknown options and an unknown command are answered politely, not refused', async () => {
    const r = await postSigned(s.url, slash('org', [opt('query', 'UCLG'), opt('bogus', 42, 4)]));
    expect(r.status).toBe(200);
    expect((r.body.data as Payload).embeds?.length).toBeGreaterThan(0);
    const u = await postSigned(s.url, slash('nope'));
    expect(u.status).toBe(200);
    expect(u.body).toEqual({
      type: 4,
      data: viaJson(
        runCommand(services, {
          command: 'nope',
          options: {},
          locale: 'en-US',
          guildLocale: 'zh-TW',
          user: { id: USER_A },
        }).value,
      ),
    });
  });

  it('autocomplete: type 8 with the same choices runAutocomplete gives', async () => {
    for (const [command, option, typed] of [
      ['org', 'query', '城市'],
      ['org', 'query', ''],
      ['taiwan', 'city', 'kaohsiung'],
    ] as const) {
      const r = await postSigned(s.url, autocomplete(command, option, typed));
      const expected = runAutocomplete(services, {
        command,
        focused: { name: option, value: typed },
        options: { [option]: typed },
        locale: 'en-US',
        guildLocale: 'zh-TW',
        user: { id: USER_A },
      });
      expect(r.body, `${command} ${typed}`).toEqual({ type: 8, data: { choices: expected.value } });
      expect(expected.value.length).toBeGreaterThan(0);
    }
  });

  it('a button: a page of a paged answer, updating the message (type 7)', async () => {
    const first = runCommand(services, { command: 'list', options: {}, locale: 'en-US', user: { id: USER_A } }).value;
    // The "next" button of /list's first page, as a user would click it.
    const customId = 'ls:e:-:1';
    expect(JSON.stringify(first.components)).toContain(`"custom_id":"${customId}"`);
    const r = await postSigned(s.url, component(customId));
    const expected = runComponent(services, { customId, locale: 'en-US', guildLocale: 'zh-TW', user: { id: USER_A } });
    expect(expected.outcome).toBe('ok');
    expect(r.body).toEqual({ type: 7, data: viaJson(expected.value.payload) });
  });

  it('a select menu: the chosen organization replaces the message (type 7)', async () => {
    const id = services.data.organizations[0]!.id;
    const r = await postSigned(s.url, component('org:e:pick', [id]));
    const expected = runComponent(services, {
      customId: 'org:e:pick',
      values: [id],
      locale: 'en-US',
      guildLocale: 'zh-TW',
      user: { id: USER_A },
    });
    expect(expected.outcome).toBe('ok');
    expect(r.body).toEqual({ type: 7, data: viaJson(expected.value.payload) });
  });

  it('a forged or stale custom_id gets an ephemeral notice as a new message (type 4)', async () => {
    const r = await postSigned(s.url, component('fd:e:9999-1:zzz:-3'));
    expect(r.status).toBe(200);
    expect(r.body.type).toBe(4);
    expect((r.body.data as Payload).flags).toBe(64);
  });

  it('logs each interaction with its type, command, latency and outcome — and no user text', async () => {
    await postSigned(s.url, slash('org', [opt('query', 'secret-query-text')]));
    const line = s.logs.lines.findLast((l) => l.msg === 'interaction' && l.type === 'command');
    expect(line).toMatchObject({ type: 'command', command: 'org', outcome: 'ok' });
    expect(typeof line?.latencyMs).toBe('number');
    expect(JSON.stringify(s.logs.lines)).not.toContain('secret-query-text');
    expect(JSON.stringify(s.logs.lines)).not.toContain(USER_A);
  });

  it('GET /healthz → 200 JSON; other paths and methods are refused', async () => {
    const h = await fetch(`${s.base}/healthz`);
    expect(h.status).toBe(200);
    expect(h.headers.get('content-type')).toMatch(/application\/json/);
    expect(await h.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${s.base}/nope`)).status).toBe(404);
    const g = await fetch(s.url);
    expect(g.status).toBe(405);
    expect(g.headers.get('allow')).toBe('POST');
  });
});

describe('HTTP door: refused requests never reach a handler', () => {
  let s: Started;
  let touched = 0;
  beforeAll(async () => {
    // Every handler reads the services (data, search, translator): counting reads shows whether one ran.
    const spied = new Proxy(services, {
      get(target, prop, receiver) {
        touched++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as Services;
    s = await start({ services: spied, maxBodyBytes: 4096 });
  });
  afterAll(() => s.door.close());

  const body = JSON.stringify(slash('org', [opt('query', 'ICLEI')]));

  it.each([
    ['a tampered body', () => post(s.url, body.replace('ICLEI', 'UCLG!'), signed(body))],
    ['a wrong key', () => post(s.url, body, signed(body, { key: otherKeys.privateKey }))],
    ['a stale timestamp', () => post(s.url, body, signed(body, { timestamp: String(Number(nowSeconds()) - 600) }))],
    ['a future timestamp', () => post(s.url, body, signed(body, { timestamp: String(Number(nowSeconds()) + 600) }))],
    ['no signature header', () => post(s.url, body, { 'x-signature-timestamp': nowSeconds() })],
    ['no timestamp header', () => post(s.url, body, { 'x-signature-ed25519': signed(body)['x-signature-ed25519']! })],
    ['no headers at all', () => post(s.url, body, {})],
    [
      'a signature that is not hex',
      () => post(s.url, body, { ...signed(body), 'x-signature-ed25519': 'zz'.repeat(64) }),
    ],
    [
      'a signature of the wrong length',
      () => post(s.url, body, { ...signed(body), 'x-signature-ed25519': 'ab'.repeat(32) }),
    ],
    [
      'a timestamp that is not a number',
      () => post(s.url, body, { ...signed(body), 'x-signature-timestamp': 'yesterday' }),
    ],
  ])('%s → 401', async (_label, send) => {
    const before = touched;
    const r = await send();
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/signature/);
    expect(touched).toBe(before);
  });

  it('a body over the limit → 413, declared or streamed', async () => {
    const before = touched;
    const big = JSON.stringify({ ...slash('org', [opt('query', 'x'.repeat(5000))]) });
    expect((await post(s.url, big, signed(big))).status).toBe(413);
    // Chunked, with no Content-Length: the limit is enforced while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(s.url, { method: 'POST', headers: signed(big) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 1000) req.write(big.slice(i, i + 1000));
      req.end();
    });
    expect(streamed).toBe(413);
    expect(touched).toBe(before);
  });

  it('signed but not JSON → 400', async () => {
    const before = touched;
    for (const bad of ['{"type":2,', '', 'null', '[1,2]', '"ping"']) {
      const r = await post(s.url, bad, signed(bad));
      expect(r.status, bad).toBe(400);
    }
    expect(touched).toBe(before);
  });

  it('signed, but an unknown or missing interaction type, no user, or another application → 400', async () => {
    const before = touched;
    for (const bad of [
      { ...slash('org'), type: 5 },
      { ...slash('org'), type: 99 },
      { ...slash('org'), type: '2' },
      { ...slash('org'), type: undefined },
      { ...slash('org'), member: undefined },
      { ...slash('org'), application_id: '999999999999999999' },
      { ...component('x'), data: {} },
    ]) {
      const r = await postSigned(s.url, bad);
      expect(r.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
    }
    expect(touched).toBe(before);
  });

  it('a valid request does reach the handler (the counter works)', async () => {
    const before = touched;
    expect((await post(s.url, body, signed(body))).status).toBe(200);
    expect(touched).toBeGreaterThan(before);
  });
});

describe('HTTP door under a flood of bad requests', () => {
  // The door runs as its own process (the real `serve` entry), so the flood's client-side work here
  // does not compete with the server for the same event loop: what is measured is the server.
  let served: Served;
  beforeAll(async () => {
    served = await spawnServe({ LOG_LEVEL: 'warn', MAX_BODY_BYTES: '8192' });
  });
  afterAll(() => served?.stop());

  let n = 0;
  function good(): Json {
    n++;
    const user = String(10n ** 17n + BigInt(n)); // one user each: the rate limit is not what is tested here
    return n % 2 ? slash('org', [opt('query', 'ICLEI')], { user }) : slash('founded', [opt('when', '1990s')], { user });
  }

  /** Good requests one after another, each timed, until `count` are done. */
  async function sequence(count: number): Promise<Reply[]> {
    const out: Reply[] = [];
    for (let i = 0; i < count; i++) out.push(await postSigned(served.url, good()));
    return out;
  }

  /**
   * 500 bad requests, prepared (and signed) before the clock starts, fired all at once from a worker
   * thread: its own event loop, so the good requests' timings here are not queued behind the flood's
   * client-side work in this thread, only behind whatever the flood costs the server.
   */
  function flood(count: number): () => Promise<Reply[]> {
    const body = JSON.stringify(slash('org', [opt('query', 'ICLEI')]));
    const big = JSON.stringify(slash('org', [opt('query', 'x'.repeat(9000))]));
    const ts = nowSeconds();
    const prepared: Array<[string, Record<string, string>]> = [
      [body, signed(body, { key: otherKeys.privateKey })],
      [body.replace('ICLEI', 'UCLGX'), signed(body)],
      [body, signed(body, { timestamp: '1000000000' })],
      [body, {}],
      [body, { 'x-signature-ed25519': 'zz'.repeat(64), 'x-signature-timestamp': ts }],
      ['{not json', signed('{not json')],
      [JSON.stringify({ ...slash('org'), type: 42 }), signed(JSON.stringify({ ...slash('org'), type: 42 }))],
      [big, signed(big)],
    ];
    const requests = Array.from({ length: count }, (_, i) => prepared[i % prepared.length]!);
    const worker = new Worker(FLOOD_WORKER, { eval: true, workerData: { url: served.url, requests } });
    const ready = once(worker, 'message');
    return async () => {
      await ready;
      worker.postMessage('fire');
      const [replies] = (await once(worker, 'message')) as [Reply[]];
      await worker.terminate();
      // The worker's clock has its own origin: move its times onto this thread's.
      const shift = (workerOrigin: number) => workerOrigin - performance.timeOrigin;
      return replies.map((r) => ({
        ...r,
        sentAt: (r.sentAt ?? 0) + shift(r.origin ?? 0),
        doneAt: (r.doneAt ?? 0) + shift(r.origin ?? 0),
      }));
    };
  }

  it('500 bad requests fired while good ones are being answered: every good one is answered correctly', async () => {
    await sequence(10); // warm up
    const alone = await sequence(40);
    const fire = flood(500);
    const [all, bad] = await Promise.all([sequence(40), fire()]);
    // Only the good requests sent before the last bad one was answered were really "during" the flood.
    const floodEnd = Math.max(...bad.map((r) => r.doneAt ?? 0));
    const flooded = all.filter((r) => (r.sentAt ?? 0) < floodEnd);
    expect(flooded.length).toBeGreaterThan(0);
    for (const r of [...alone, ...all]) {
      expect(r.status).toBe(200);
      expect(r.body.type).toBe(4);
      expect((r.body.data as Payload).embeds?.length).toBeGreaterThan(0);
    }
    const statuses = new Map<number, number>();
    for (const r of bad) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect([...statuses.keys()].every((st) => st === 400 || st === 401 || st === 413)).toBe(true);
    expect(bad).toHaveLength(500);
    measured(
      `good requests' median latency: ${median(alone.map((r) => r.ms)).toFixed(1)} ms alone, ` +
        `${median(flooded.map((r) => r.ms)).toFixed(1)} ms during a flood of 500 bad requests fired at once ` +
        `(${flooded.length} good requests overlapped the flood, max ${Math.max(...flooded.map((r) => r.ms)).toFixed(1)} ms; ` +
        `flood answered in ${(floodEnd - Math.min(...bad.map((r) => r.sentAt ?? 0))).toFixed(0)} ms; the bad ones got ` +
        `${[...statuses].map(([k, v]) => `${v}×${k}`).join(', ')})`,
    );
    // And the door is still healthy afterwards.
    expect((await fetch(served.url.replace('/interactions', '/healthz'))).status).toBe(200);
  });
});

describe('per-user rate limit', () => {
  let s: Started;
  useDoor(
    (started) => (s = started),
    () => ({ limiter: new UserRateLimiter({ points: 3, windowSeconds: 60 }) }),
  );

  it('a user who floods gets a polite localized ephemeral notice; another user is unaffected', async () => {
    const ask = (user: string, locale = 'en-US'): Promise<Reply> =>
      postSigned(s.url, slash('org', [opt('query', 'ICLEI')], { user, locale }));
    const first = await Promise.all([ask(USER_A), ask(USER_A), ask(USER_A)]);
    for (const r of first) expect((r.body.data as Payload).embeds?.length).toBe(1);
    const limited = await ask(USER_A);
    expect(limited.status).toBe(200);
    const data = limited.body.data as Payload;
    expect(limited.body.type).toBe(4);
    expect(data.flags).toBe(64);
    expect(data.embeds).toBeUndefined();
    const seconds = Number(/wait (\d+) seconds/.exec(data.content ?? '')?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(data).toEqual(viaJson(rateLimitNotice(services, { locale: 'en-US' }, seconds)));

    // Components count against the same budget; in zh-TW the notice is in Chinese.
    const zh = await postSigned(s.url, component('ls:z:-:1', undefined, { user: USER_A, locale: 'zh-TW' }));
    expect(zh.body.type).toBe(4);
    expect((zh.body.data as Payload).content).toMatch(/請等候 \d+ 秒/);

    // Autocomplete is not limited: it only reads, once per keystroke.
    const ac = await postSigned(s.url, autocomplete('org', 'query', 'ICLEI', { user: USER_A }));
    expect(ac.body.type).toBe(8);

    const other = await ask(USER_B);
    expect((other.body.data as Payload).embeds?.length).toBe(1);
    expect((other.body.data as Payload).flags).toBeUndefined();
    expect(s.logs.lines.some((l) => l.outcome === 'rate-limited')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Graceful shutdown

/** Starts a POST whose body is only half sent; `finish()` sends the rest and resolves with the reply. */
function halfSent(url: string, interaction: Json): { finish: () => Promise<Reply>; sent: Promise<void> } {
  const body = JSON.stringify(interaction);
  const half = Math.floor(body.length / 2);
  const req = httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...signed(body) },
  });
  const response = new Promise<Reply>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Json, ms: 0 }));
    });
    req.on('error', reject);
  });
  const sent = new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()));
  return {
    sent,
    finish: () => {
      req.end(body.slice(half));
      return response;
    },
  };
}

describe('graceful shutdown', () => {
  it('close() stops accepting, finishes the in-flight request, then resolves', async () => {
    const s = await start();
    const arrived = once(s.door.server, 'request');
    const inflight = halfSent(s.url, slash('org', [opt('query', 'ICLEI')]));
    await inflight.sent;
    await arrived;
    expect(s.door.inFlight()).toBe(1);

    let closed = false;
    const closing = s.door.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false); // still waiting for the request
    await expect(fetch(`${s.base}/healthz`)).rejects.toThrow(); // no new connections

    const reply = await inflight.finish();
    expect(reply.status).toBe(200);
    expect((reply.body.data as Payload).embeds?.[0]?.title).toMatch(/ICLEI/);
    await closing;
    expect(closed).toBe(true);
  });

  it('npm run serve: SIGTERM finishes the in-flight request and exits 0', async () => {
    const served = await spawnServe();
    const inflight = halfSent(served.url, slash('about', [], { locale: 'en-US' }));
    await inflight.sent;
    await new Promise((r) => setTimeout(r, 100)); // let the server see the request
    const stopped = served.stop();
    await new Promise((r) => setTimeout(r, 100));
    const reply = await inflight.finish();
    expect(reply.status).toBe(200);
    expect(reply.body.type).toBe(4);
    expect(await stopped, served.stderr()).toBe(0);
    expect(served.stderr()).toMatch(/shutting down/);
  });
});
