/**
 * The HTTP door against slow, hostile and replaying clients: the limits SECURITY.md promises (headers
 * within 5 s, a whole request within 10 s, an idle or keep-alive connection closed after 10 s) hold at
 * their boundaries; a request with bad signature headers is refused before its body is read and its
 * connection closed, and a connection that keeps sending bad signatures is closed; a replayed interaction is answered once; refusals are logged per reason, not per
 * request.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DOOR_TIMEOUTS, MAX_REFUSED_PER_CONNECTION } from '../src/doors/http/server.js';
import { memoryReplayGuard, REPLAY_WINDOW_SECONDS } from '../src/doors/http/state.js';
import { MAX_SKEW_SECONDS } from '../src/doors/http/verify.js';
import { opt, signed, slash, start, useDoor, type Json, type Started } from './helpers/http-door.js';

/** What a raw connection saw: when it closed (s after connecting), and the status lines it got. */
interface Seen {
  closedAfter: number;
  statuses: number[];
}

/** A raw TCP client: `act` writes what it likes; resolves when the server closes the connection. */
function raw(port: number, act: (socket: Socket) => void): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(port, '127.0.0.1', () => act(socket));
    let got = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (got += d));
    socket.on('error', () => undefined); // a reset is a close too
    socket.on('close', () =>
      resolve({
        closedAfter: (performance.now() - t0) / 1000,
        statuses: [...got.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1])),
      }),
    );
    // Never hang the suite: a connection still open after 40 s is a failure the assertions report.
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server never closed the connection (40 s)'));
    }, 40_000).unref();
  });
}

/** Writes `text` one slice at a time, every `everyMs`, while the socket is open; `then` after the last. */
function trickle(socket: Socket, text: string, slices: number, everyMs: number, then?: () => void): void {
  const size = Math.ceil(text.length / slices);
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    socket.write(text.slice(i * size, (i + 1) * size));
    if (++i >= slices) {
      clearInterval(timer);
      then?.();
    }
  }, everyMs);
}

function head(body: string, headers: Record<string, string>): string {
  const lines = [
    'POST /interactions HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

const org = (): string => JSON.stringify(slash('org', [opt('query', 'ICLEI')]));

describe('slow clients are cut at the documented limits', () => {
  let s: Started;
  useDoor((started) => (s = started));
  const port = (): number => Number(new URL(s.base).port);
  const { headersMs, requestMs, keepAliveMs, idleMs, checkIntervalMs } = DOOR_TIMEOUTS;

  it('the limits are the ones SECURITY.md states', () => {
    expect(DOOR_TIMEOUTS).toMatchObject({ headersMs: 5000, requestMs: 10_000, keepAliveMs: 10_000, idleMs: 10_000 });
    expect(checkIntervalMs).toBeLessThanOrEqual(1000);
  });

  it('each kind of slow client is closed at its limit, and one just inside it is answered', async () => {
    // Cut no earlier than the limit, and at most one check interval (plus scheduling slack) after it.
    const slack = (checkIntervalMs + 1500) / 1000;
    const body = org();
    const genuine = head(body, signed(body));
    const late = org();
    const runs = await Promise.all([
      // Connects and sends nothing at all.
      raw(port(), () => undefined),
      // Headers a few bytes at a time, never finished.
      raw(port(), (sk) => trickle(sk, head('{}', {}).slice(0, -2) + 'X-Pad: ' + 'a'.repeat(400), 100, 100)),
      // Headers complete, then a signed body trickled for longer than the request limit.
      raw(port(), (sk) => {
        const text = head(late, signed(late));
        sk.write(text);
        trickle(sk, late, 60, 250);
      }),
      // One /healthz on a keep-alive connection, then nothing.
      raw(port(), (sk) => sk.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')),
      // Inside every limit: headers over ~3 s, the body by ~7 s, then a second request on the same
      // connection ~5 s after the first answer. All answered; closed only keepAliveMs after the last.
      raw(port(), (sk) => {
        trickle(sk, genuine, 10, 300, () =>
          trickle(sk, body, 10, 400, () => {
            setTimeout(() => sk.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 5000);
          }),
        );
      }),
    ]);
    const [idle, headers, slowBody, keepAlive, inside] = runs as [Seen, Seen, Seen, Seen, Seen];
    const within = (seen: Seen, limitMs: number, what: string): void => {
      expect(seen.closedAfter, `${what}: closed after ${seen.closedAfter.toFixed(2)} s`).toBeGreaterThanOrEqual(
        limitMs / 1000 - 0.05,
      );
      expect(seen.closedAfter, `${what}: closed after ${seen.closedAfter.toFixed(2)} s`).toBeLessThan(
        limitMs / 1000 + slack,
      );
    };
    // Node's header timer covers a connection that never sends a byte: the tighter of the two limits.
    within(idle, Math.min(headersMs, idleMs), 'idle connection');
    within(headers, headersMs, 'trickled headers');
    expect(headers.statuses).toEqual([408]);
    within(slowBody, requestMs, 'trickled body');
    expect(slowBody.statuses).toEqual([408]);
    expect(keepAlive.statuses).toEqual([200]);
    within(keepAlive, keepAliveMs, 'keep-alive after /healthz');
    expect(inside.statuses).toEqual([200, 200]);
    expect(inside.closedAfter).toBeGreaterThan(3 + 4 + 5 + keepAliveMs / 1000 - 1);
  }, 60_000);
});

describe('hostile requests cost little', () => {
  let s: Started;
  useDoor(
    (started) => (s = started),
    () => ({ refusalLogIntervalMs: 300 }),
  );
  const port = (): number => Number(new URL(s.base).port);

  it('bad signature headers are refused before the body is read, and the connection closed', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': '1' },
      // Well formed but 10 minutes old.
      { 'x-signature-ed25519': 'ab'.repeat(64), 'x-signature-timestamp': String(Math.floor(Date.now() / 1000) - 600) },
    ]) {
      // A 100 KB body is announced and never sent: only a door that does not wait for it answers at once.
      const seen = await raw(port(), (sk) => sk.write(head('x'.repeat(100_000), headers)));
      expect(seen.statuses).toEqual([401]);
      expect(seen.closedAfter).toBeLessThan(2);
    }
  });

  it('a connection that keeps sending wrong signatures is closed at its MAX_REFUSED_PER_CONNECTION-th', async () => {
    const body = org();
    const bad = {
      'x-signature-ed25519': 'ab'.repeat(64),
      'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
    };
    // All pipelined on one connection: the budget's worth are refused, then it is closed, unread.
    const requests = Array.from({ length: MAX_REFUSED_PER_CONNECTION + 5 }, () => head(body, bad) + body).join('');
    const seen = await raw(port(), (sk) => sk.write(requests + head(body, signed(body)) + body));
    expect(seen.statuses).toEqual(Array.from({ length: MAX_REFUSED_PER_CONNECTION }, () => 401));
    // Below the budget the connection stays usable (a reconnect would cost the door more than the refusal).
    const res = await fetch(s.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...bad } });
    expect(res.status).toBe(401);
    expect(res.headers.get('connection')).toBe('keep-alive');
  });

  it('a flood of refusals is logged as one line per reason, with its count', async () => {
    const own = await start({ refusalLogIntervalMs: 30_000 });
    const bad = {
      'x-signature-ed25519': 'ab'.repeat(64),
      'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
    };
    const sent = (headers: Record<string, string>): Promise<Response> =>
      fetch(own.url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...headers } });
    await Promise.all([...Array.from({ length: 60 }, () => sent(bad)), sent({})]);
    await own.door.close(); // ends the interval: its totals are logged
    const lines = own.logs.lines.filter((l) => String(l.msg).includes('refused'));
    const badSignature = 'invalid request signature (bad-signature)';
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'request refused', status: 401, reason: badSignature }),
        expect.objectContaining({ msg: 'request refused', reason: 'invalid request signature (missing-signature)' }),
        expect.objectContaining({ msg: 'requests refused', count: 60, reason: badSignature }),
      ]),
    );
  });
});

describe('replays', () => {
  it('a signed interaction sent twice is answered once; the copy is refused without reaching a handler', async () => {
    const s = await start();
    try {
      const body = org();
      const headers = { 'content-type': 'application/json', ...signed(body) };
      const first = await fetch(s.url, { method: 'POST', body, headers });
      expect(first.status).toBe(200);
      expect(((await first.json()) as Json).type).toBe(4);
      // The same bytes, the same signature, within the window, at the same time as another copy.
      const copies = await Promise.all([1, 2].map(() => fetch(s.url, { method: 'POST', body, headers })));
      expect(copies.map((r) => r.status)).toEqual([401, 401]);
      expect(await copies[0]!.json()).toEqual({ error: 'interaction already answered (replayed)' });
      const handled = s.logs.lines.filter((l) => l.msg === 'interaction' && l.command === 'org');
      expect(handled).toHaveLength(1);
      // A new interaction (another id) from the same user is answered as usual.
      const next = org();
      expect(
        (await fetch(s.url, { method: 'POST', body: next, headers: { ...headers, ...signed(next) } })).status,
      ).toBe(200);
    } finally {
      await s.door.close();
    }
  });

  it('ids are remembered for the whole signature window, within a bound on memory', async () => {
    expect(REPLAY_WINDOW_SECONDS).toBeGreaterThanOrEqual(2 * MAX_SKEW_SECONDS);
    const warnings: unknown[] = [];
    const logger = { warn: (...a: unknown[]) => warnings.push(a) } as unknown as Parameters<
      typeof memoryReplayGuard
    >[0];
    const guard = memoryReplayGuard(logger, 3);
    for (const id of ['a', 'b', 'c']) expect(await guard.firstSeen(id)).toBe(true);
    expect(await guard.firstSeen('b')).toBe(false);
    expect(await guard.firstSeen('d')).toBe(true); // the fourth id pushes out the oldest
    expect(await guard.firstSeen('a')).toBe(true);
    expect(await guard.firstSeen('d')).toBe(false);
    expect(warnings).toHaveLength(1); // said once, not per id
  });
});
