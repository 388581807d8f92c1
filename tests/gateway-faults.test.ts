/**
 * End-to-end faults (issue 4, item 6), the error boundary, the per-user rate limit and the token's
 * absence from every log line: the real bot (runGateway) against the fake Discord, judged by what the
 * fake received and what the bot wrote.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/app/dispatch.js';
import { EXIT_REFUSED } from '../src/doors/gateway/bot.js';
import { runGateway } from '../src/doors/gateway/start.js';
import { ConfigError } from '../src/doors/shared/config.js';
import { BOT_TOKEN, FAST_CLIENT, FakeDiscord, LineSink, startBot, type RunningBot } from './helpers/fake-discord.js';
import { services } from './helpers/services.js';

const INTERNAL_EN = /something went wrong/i;

describe('6. faults on a running bot', () => {
  let fake: FakeDiscord;
  let running: RunningBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    // trace: discord.js's own debug lines too, so the token check below covers the chattiest output.
    running = await startBot(fake, { services, env: { LOG_LEVEL: 'trace' } });
  });

  afterAll(async () => {
    expect(await running?.stop()).toBe(0);
    await fake?.close();
  });

  async function answered(query = 'iclei'): Promise<void> {
    const id = fake.send(fake.command('org', { query }, { locale: 'en-US' }));
    const answer = await fake.answer(id);
    expect(answer.type).toBe(4);
    expect(JSON.stringify(answer.data)).toContain('ICLEI');
  }

  it('op 7 RECONNECT: the bot resumes on a new connection and answers the next interaction', async () => {
    const before = fake.identifies.length;
    fake.requestReconnect();
    await fake.waitFor(() => fake.resumes.length === 1, 10_000, 'RESUME');
    await fake.waitFor(() => fake.liveSessions.length === 1, 5_000, 'the resumed session');
    expect(fake.identifies).toHaveLength(before);
    const resume = fake.resumes[0]!.d as { token: string; session_id: string; seq: number };
    expect(resume.session_id).toBe(fake.liveSessions[0]!.sessionId);
    await answered();
  });

  it('op 9 INVALID_SESSION: the bot identifies again and answers the next interaction', async () => {
    const before = fake.identifies.length;
    fake.invalidateSession();
    await fake.waitFor(() => fake.identifies.length === before + 1, 10_000, 'a new IDENTIFY');
    await fake.waitFor(() => fake.liveSessions.length === 1, 5_000, 'the new session');
    await answered();
  });

  it('a resumable close (4000) resumes and keeps serving', async () => {
    const resumes = fake.resumes.length;
    const identifies = fake.identifies.length;
    fake.closeGateway(4000);
    await fake.waitFor(() => fake.resumes.length === resumes + 1, 10_000, 'RESUME after 4000');
    await fake.waitFor(() => fake.liveSessions.length === 1, 5_000, 'the resumed session');
    expect(fake.identifies).toHaveLength(identifies);
    await answered();
  });

  it('429 with Retry-After on the callback: waited, retried, answered exactly once', async () => {
    fake.failCallbacks(429, 1, 0.3);
    const id = fake.send(fake.command('org', { query: 'iclei' }, { locale: 'en-US' }));
    const answer = await fake.answer(id);
    const attempts = fake.callbacks.filter((c) => c.interactionId === id);
    expect(attempts.map((c) => c.status)).toEqual([429, 204]);
    expect(answer.at - attempts[0]!.at).toBeGreaterThanOrEqual(280);
    expect(JSON.stringify(answer.data)).toContain('ICLEI');
  });

  it('5xx on the callback: logged, the user gets the localized error notice, the process keeps serving', async () => {
    // retries: 1 → two attempts fail, the reply throws; the error boundary's notice then gets through.
    fake.failCallbacks(500, 2);
    const id = fake.send(fake.command('org', { query: 'iclei' }, { locale: 'en-US' }));
    const answer = await fake.answer(id);
    expect(fake.callbacks.filter((c) => c.interactionId === id).map((c) => c.status)).toEqual([500, 500, 204]);
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    expect(answer.data?.content).toMatch(INTERNAL_EN);
    expect(
      await fake.waitFor(() => running.logs.records.find((r) => r.interaction === id && r.msg === 'interaction')),
    ).toMatchObject({ outcome: 'failed', command: 'org' });
    const error = running.logs.records.find((r) => r.interaction === id && r.msg === 'answering an interaction failed');
    expect(error).toMatchObject({ level: 50, err: { type: 'HTTPError', status: 500 } });
    await answered();
  });

  it('a zh-TW user gets the error notice in zh-TW; when nothing gets through it is logged and the bot goes on', async () => {
    fake.failCallbacks(502, 2);
    const zh = fake.send(fake.command('org', { query: 'iclei' }, { locale: 'zh-TW' }));
    const notice = await fake.answer(zh);
    const expected = runCommand(services, { command: 'nope', options: {}, locale: 'zh-TW', user: { id: '1' } });
    expect(notice.data?.content).not.toBe(expected.value.content);
    expect(notice.data?.content).toMatch(/\p{Script=Han}/u);

    fake.failCallbacks(503, 4);
    const lost = fake.send(fake.command('org', { query: 'iclei' }));
    await fake.waitFor(() =>
      running.logs.records.some((r) => r.msg === 'could not send the error notice either' && r.interaction === lost),
    );
    expect(fake.answersTo(lost)).toHaveLength(0);
    await answered();
  });

  it('never writes the token to a log line (trace level, faults included)', () => {
    const text = running.logs.text + running.stderr.text;
    expect(running.logs.records.filter((r) => r.level === 10).length).toBeGreaterThan(10);
    expect(text).not.toContain(fake.token);
    expect(text).not.toContain(fake.token.split('.')[2]);
  });
});

describe('6. refusals end the process with a clear message', () => {
  const fakes: FakeDiscord[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });

  async function fresh(): Promise<FakeDiscord> {
    const f = await FakeDiscord.start();
    fakes.push(f);
    return f;
  }

  for (const [code, words] of [
    [4004, 'Discord refused the token (4004 Authentication failed)'],
    [4014, 'Discord refused a privileged intent (4014 Disallowed intents)'],
  ] as const) {
    it(`close ${code} after READY: the bot notices, says so plainly, exits ${EXIT_REFUSED}`, async () => {
      const fake = await fresh();
      const running = await startBot(fake, { services });
      const started = Date.now();
      fake.closeGateway(code);
      expect(await running.exit).toBe(EXIT_REFUSED);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(running.stderr.text).toContain(words);
      expect(running.logs.records.some((r) => r.level === 60 && r.code === code)).toBe(true);
      expect(running.stderr.text + running.logs.text).not.toContain(fake.token);
    });
  }

  it('close 4004 at IDENTIFY (before READY): clean non-zero exit', async () => {
    const fake = await fresh();
    fake.refuseIdentify = 4004;
    const stderr = new LineSink();
    const logs = new LineSink();
    const code = await runGateway(fake.env(), {
      processHandlers: false,
      services,
      clientOptions: FAST_CLIENT,
      stderr,
      logDestination: logs,
    });
    expect(code).toBe(EXIT_REFUSED);
    expect(stderr.text).toContain('Discord refused the token (4004');
    expect(stderr.text + logs.text).not.toContain(fake.token);
  });

  it('a token the REST API refuses (401 on /gateway/bot): clean non-zero exit, token never printed', async () => {
    const fake = await fresh();
    const wrong = `${BOT_TOKEN.slice(0, -6)}WRONG1`;
    const stderr = new LineSink();
    const logs = new LineSink();
    const code = await runGateway(fake.env({ DISCORD_TOKEN: wrong, LOG_LEVEL: 'trace' }), {
      processHandlers: false,
      services,
      clientOptions: FAST_CLIENT,
      stderr,
      logDestination: logs,
    });
    expect(code).toBe(EXIT_REFUSED);
    expect(stderr.text).toContain('Discord refused the token (401 Unauthorized)');
    expect(stderr.text + logs.text).not.toContain(wrong);
    expect(fake.received('GET', /^\/gateway\/bot$/)[0]?.authorized).toBe(false);
  });

  it('an unreachable API: exit 1 with where it tried', async () => {
    const stderr = new LineSink();
    const code = await runGateway(
      {
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:1/api',
      },
      { processHandlers: false, services, clientOptions: FAST_CLIENT, stderr, logDestination: new LineSink() },
    );
    expect(code).toBe(1);
    expect(stderr.text).toContain('Could not connect to Discord at http://127.0.0.1:1/api');
    expect(stderr.text).not.toContain(BOT_TOKEN);
  });

  it('bad configuration: one ConfigError naming each variable, never the token', async () => {
    const token = 'not a token but a secret with spaces 123456';
    const err = await runGateway(
      { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: 'abc', DISCORD_API_URL: 'ftp://x', LOG_LEVEL: 'loud' },
      { processHandlers: false },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as ConfigError).message;
    expect((err as ConfigError).problems).toHaveLength(4);
    for (const name of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_API_URL', 'LOG_LEVEL']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain(token);
    expect(message).not.toContain('secret');
  });
});

describe('per-user rate limit', () => {
  let fake: FakeDiscord;
  let running: RunningBot;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    running = await startBot(fake, { services, env: { RATE_LIMIT_POINTS: '2', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
  });

  it('a user over the limit gets a localized ephemeral notice; autocomplete and other users are unaffected', async () => {
    const userId = '123456789012345678';
    const ids = [1, 2, 3].map(() => fake.send(fake.command('org', { query: 'iclei' }, { userId, locale: 'en-US' })));
    const answers = await Promise.all(ids.map((id) => fake.answer(id)));
    expect(answers.slice(0, 2).every((a) => JSON.stringify(a.data).includes('ICLEI'))).toBe(true);
    expect(answers[2]!.data?.flags).toBe(64);
    expect(answers[2]!.data?.content).toMatch(/wait \d+ seconds/);
    const complete = await fake.answer(fake.send(fake.autocomplete('org', 'query', '', {}, { userId })));
    expect((complete.data as { choices: unknown[] }).choices.length).toBeGreaterThan(0);
    const someoneElse = await fake.answer(fake.send(fake.command('org', { query: 'iclei' }, { locale: 'en-US' })));
    expect(JSON.stringify(someoneElse.data)).toContain('ICLEI');
    await fake.waitFor(
      () => running.logs.records.some((r) => r.outcome === 'rate-limited'),
      5_000,
      'the rate-limited interaction in the log',
    );
    expect(running.logs.records.filter((r) => r.outcome === 'rate-limited')).toHaveLength(1);
  });
});
