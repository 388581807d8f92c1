/**
 * Several HTTP-door instances sharing one rate limit and one replay memory through a real redis-server
 * on loopback (tests/helpers/redis.ts starts it): a user's budget is one budget whichever instance
 * answers, a replay sent to another instance is refused, and Redis going away mid-run is survived — each
 * interaction is refused with a localized notice (or limited in memory, when the operator chose that), one
 * log line says Redis is gone and one that it is back, and nothing crashes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitsUnavailableNotice } from '../src/app/dispatch.js';
import { ConfigError } from '../src/doors/shared/config.js';
import { createLogger } from '../src/doors/shared/log.js';
import { redisState, redisWhere, type DoorState } from '../src/doors/http/state.js';
import type { Payload } from '../src/kernel/types.js';
import { Lines, opt, postSigned, signed, slash, start, viaJson, type Json, type Started } from './helpers/http-door.js';
import { eventually, freePort } from './helpers/net.js';
import { startRedis, type RedisServer } from './helpers/redis.js';
import { services } from './helpers/services.js';

const LIMIT = { points: 3, windowSeconds: 60 };
const USER = '444444444444444444';

interface Instance {
  door: Started;
  state: DoorState;
  logs: Lines;
}

async function instance(redis: RedisServer, prefix: string, fallbackToMemory = false): Promise<Instance> {
  const logs = new Lines();
  const state = await redisState({
    url: redis.url,
    config: LIMIT,
    logger: createLogger({ level: 'debug', destination: logs }),
    prefix,
    fallbackToMemory,
  });
  const door = await start({ limiter: state.limiter, replays: state.replays });
  return { door, state, logs };
}

async function stopInstance(i: Instance | undefined): Promise<void> {
  if (!i) return;
  await i.door.door.close();
  await i.state.close();
}

const ask = (i: Instance, user = USER): Promise<{ status: number; body: Json }> =>
  postSigned(i.door.url, slash('org', [opt('query', 'ICLEI')], { user }));

const isAnswer = (body: Json): boolean => ((body.data as Payload).embeds?.length ?? 0) > 0;

describe('two instances, one Redis', () => {
  let redis: RedisServer;
  let a: Instance | undefined;
  let b: Instance | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    a = await instance(redis, 'shared');
    b = await instance(redis, 'shared');
  });
  afterAll(async () => {
    await stopInstance(a);
    await stopInstance(b);
    await redis.stop();
  });

  it('share one rate limit: the budget is spent whichever instance answers', async () => {
    const replies = [await ask(a!), await ask(b!), await ask(a!), await ask(b!), await ask(a!)];
    expect(replies.map((r) => isAnswer(r.body))).toEqual([true, true, true, false, false]);
    expect((replies[3]!.body.data as Payload).content).toMatch(/wait \d+ seconds/);
    // Another user has their own budget.
    expect(isAnswer((await ask(b!, '555555555555555555')).body)).toBe(true);
  });

  it('share one replay memory: a copy sent to the other instance is refused', async () => {
    const body = JSON.stringify(slash('org', [opt('query', 'UCLG')], { user: '666666666666666666' }));
    const headers = { 'content-type': 'application/json', ...signed(body) };
    const first = await fetch(a!.door.url, { method: 'POST', body, headers });
    expect(first.status).toBe(200);
    const copy = await fetch(b!.door.url, { method: 'POST', body, headers });
    expect(copy.status).toBe(401);
    expect(await copy.json()).toEqual({ error: 'interaction already answered (replayed)' });
  });
});

describe('Redis going away mid-run', () => {
  let redis: RedisServer;
  let refusing: Instance | undefined;
  let insured: Instance | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    refusing = await instance(redis, 'outage');
    insured = await instance(redis, 'outage-insured', true);
  });
  afterAll(async () => {
    await stopInstance(refusing);
    await stopInstance(insured);
    await redis.stop();
  });

  it('refuses with a localized notice, logs the outage once, and heals when Redis is back', async () => {
    const i = refusing!;
    expect(isAnswer((await ask(i, '700000000000000007')).body)).toBe(true);
    await redis.stop();
    const down = await eventually(async () => {
      const r = await ask(i, '700000000000000008');
      return r.status === 200 && !isAnswer(r.body);
    }, 10_000);
    expect(down).toBe(true);

    // Each kind of interaction gets an answer a person can act on, in their language; none goes unchecked.
    const zh = await postSigned(i.door.url, slash('org', [opt('query', 'ICLEI')], { user: USER, locale: 'zh-TW' }));
    expect(zh.status).toBe(200);
    expect(zh.body).toEqual({
      type: 4,
      data: viaJson(limitsUnavailableNotice(services, { locale: 'zh-TW', guildLocale: 'zh-TW' })),
    });
    expect((zh.body.data as Payload).flags).toBe(64);
    const typed = await postSigned(i.door.url, {
      ...slash('org', [{ name: 'query', type: 3, value: 'IC', focused: true }]),
      type: 4,
    });
    expect(typed.body).toEqual({ type: 8, data: { choices: [] } });
    // More refusals, still one line about the outage.
    for (let n = 0; n < 5; n++) await ask(i);
    const gone = i.logs.lines.filter((l) => String(l.msg).startsWith('Redis is unreachable'));
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ level: 50, redis: `127.0.0.1:${redis.port}` });
    expect(i.door.logs.lines.some((l) => l.outcome === 'limits-unavailable')).toBe(true);
    expect((await fetch(`${i.door.base}/healthz`)).status).toBe(200);

    await redis.restart();
    const back = await eventually(async () => isAnswer((await ask(i, '700000000000000009')).body), 15_000);
    expect(back).toBe(true);
    expect(i.logs.lines.some((l) => l.msg === 'Redis is back: shared rate limits restored')).toBe(true);
  }, 60_000);

  it('with RATE_LIMIT_FALLBACK=memory, limits in memory while Redis is away, by explicit choice', async () => {
    const i = insured!;
    await redis.stop();
    const served = await eventually(async () => isAnswer((await ask(i, '710000000000000001')).body), 10_000);
    expect(served).toBe(true);
    // Still a limit: the same user's fourth request in the window is refused.
    const user = '710000000000000002';
    const replies = [await ask(i, user), await ask(i, user), await ask(i, user), await ask(i, user)];
    expect(replies.map((r) => isAnswer(r.body))).toEqual([true, true, true, false]);
    expect(i.logs.lines.some((l) => String(l.msg).includes('fall back to memory'))).toBe(true);
    await redis.restart();
  }, 60_000);
});

describe('start-up', () => {
  it('refuses to start when Redis does not answer, naming where but never the password', async () => {
    const port = await freePort();
    const url = `redis://user:s3cret-pass@127.0.0.1:${port}`;
    const err = await redisState({
      url,
      config: LIMIT,
      logger: createLogger({ level: 'silent' }),
      connectTimeoutMs: 1000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`Redis at 127.0.0.1:${port} did not answer`);
    expect((err as Error).message).not.toContain('s3cret');
    expect(redisWhere('rediss://:pw@cache.internal')).toBe('cache.internal:6379');
  });
});
