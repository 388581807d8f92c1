/**
 * `npm run serve` with node:cluster workers (HTTP_WORKERS=2, the default on this 2-core machine): the
 * workers take connections in turn, share one rate limit and one replay memory through the primary, a
 * crashed worker is replaced, a start-up mistake is reported once, and SIGTERM to the primary stops every
 * process and frees the port.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payload } from '../src/kernel/types.js';
import { opt, signed, slash, spawnServe, type Json, type Served } from './helpers/http-door.js';
import { eventually, portRefuses } from './helpers/net.js';

/** One POST on a connection of its own (Discord opens many): the cluster hands each to the next worker. */
function postFresh(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Json }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.end(body);
  });
}

function ask(url: string, user: string): Promise<{ status: number; body: Json }> {
  const body = JSON.stringify(slash('org', [opt('query', 'ICLEI')], { user }));
  return postFresh(url, body, signed(body));
}

const answered = (r: { body: Json }): boolean => ((r.body.data as Payload).embeds?.length ?? 0) > 0;

/** The pids of a process's worker children (not, say, the esbuild service tsx starts from source). */
function children(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .filter((l) => l.includes('run.mjs serve'))
    .map((l) => Number(l.trim().split(/\s+/)[0]))
    .filter((n) => n > 0);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('serve with two workers', () => {
  let served: Served;
  beforeAll(async () => {
    served = await spawnServe({ HTTP_WORKERS: '2', RATE_LIMIT_POINTS: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
  }, 60_000);
  afterAll(async () => {
    await served.stop();
  });

  it('both workers answer, and share one rate limit through the primary', async () => {
    const user = '810000000000000001';
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await ask(served.url, user));
    // Budget 3 for the whole door, not 3 per worker (which would let all six through).
    expect(replies.map(answered)).toEqual([true, true, true, false, false, false]);
    const workers = new Set(
      served
        .stderr()
        .split('\n')
        .filter((l) => l.includes('"msg":"interaction"'))
        .map((l) => (JSON.parse(l) as { worker?: number }).worker),
    );
    expect(workers).toEqual(new Set([1, 2]));
  });

  it('share one replay memory: the copy, taken by the other worker, is refused', async () => {
    const body = JSON.stringify(slash('org', [opt('query', 'UCLG')], { user: '810000000000000002' }));
    const headers = signed(body);
    const first = await postFresh(served.url, body, headers);
    const copy = await postFresh(served.url, body, headers);
    expect(first.status).toBe(200);
    expect(copy).toEqual({ status: 401, body: { error: 'interaction already answered (replayed)' } });
  });

  it('a worker that dies is replaced, and the door keeps answering meanwhile', async () => {
    const pid = served.child.pid!;
    const before = children(pid);
    expect(before).toHaveLength(2);
    process.kill(before[0]!, 'SIGKILL');
    // Once the primary knows, the other worker answers at once; a new one is forked a second later.
    expect(await eventually(() => served.stderr().includes('worker exited: starting another'), 10_000)).toBe(true);
    expect(answered(await ask(served.url, '810000000000000003'))).toBe(true);
    const replaced = await eventually(() => {
      const now = children(pid);
      return now.length === 2 && !now.includes(before[0]!);
    }, 20_000);
    expect(replaced).toBe(true);
  }, 30_000);

  it('SIGTERM to the primary stops every worker, exits 0 and frees the port', async () => {
    const pid = served.child.pid!;
    const workers = children(pid);
    const port = Number(new URL(served.url).port);
    const t0 = performance.now();
    expect(await served.stop()).toBe(0);
    const seconds = (performance.now() - t0) / 1000;
    expect(seconds).toBeLessThan(15);
    expect(workers.filter(alive)).toEqual([]);
    expect(await portRefuses(port)).toBe(true);
  }, 30_000);
});

describe('serve with two workers: start-up mistakes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-bad-data-'));
    writeFileSync(join(dir, 'organizations.json'), '{ not json');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a broken dataset is reported once, by the first worker, and nothing stays running', async () => {
    const err = await spawnServe({ HTTP_WORKERS: '2', DATA_DIR: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toMatch(/serve exited 1/);
    expect(message.match(/The bot did not start/g)).toHaveLength(1);
  }, 60_000);
});
