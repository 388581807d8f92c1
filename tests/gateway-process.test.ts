/**
 * The bot as a process, as `npm start` runs it (src/main.ts → runGateway): signals shut it down with
 * exit 0, a refused token and bad configuration exit non-zero with a plain message, `.env` is read, and
 * SHARD_COUNT runs discord.js's ShardingManager with one child process per shard. Every process starts
 * as `npm start` starts it, through bin/run.mjs: the compiled dist/ when it is current (as after npm ci),
 * else the TypeScript sources through tsx.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { EXIT_REFUSED } from '../src/doors/gateway/bot.js';
import { runGateway } from '../src/doors/gateway/start.js';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { FakeDiscord, LineSink } from './helpers/fake-discord.js';
import { services } from './helpers/services.js';
import { capture } from './helpers/output.js';

const RUN = join(PROJECT_ROOT, 'bin/run.mjs');

// Each test registers its clean-up on its own test context (safe even if the tests are made concurrent).
// They run one after another: each starts Node processes, and running them all at once would starve the
// other test files on a 2-core CI machine.
type Cleanup = TestContext['onTestFinished'];

async function fresh(onTestFinished: Cleanup): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start();
  onTestFinished(() => fake.close());
  return fake;
}

interface Started {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exit: Promise<number | null>;
}

/** `npm start`'s entry point in a child process with exactly this environment (and PATH for node). */
function start(onTestFinished: Cleanup, env: NodeJS.ProcessEnv, cwd = PROJECT_ROOT): Started {
  const child = spawn(process.execPath, [RUN, 'start'], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const { stdout, stderr } = capture(child, 'npm start');
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr, stdout, exit };
}

/** The pid of this test process's child that runs shard `id` (the manager forks shards from this process). */
function shardPid(id: number): number {
  const children = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  const pid = children.find((p) => {
    try {
      return readFileSync(`/proc/${p}/environ`, 'utf8').split('\0').includes(`SHARDS=${id}`);
    } catch {
      return false; // exited meanwhile
    }
  });
  if (pid === undefined) throw new Error(`no child process runs shard ${id}`);
  return pid;
}

// Child processes on a busy 2-core CI machine: generous timeouts, which only matter when something hangs.
describe('npm start as a process', { timeout: 60_000 }, () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves, then shuts down cleanly on ${signal} with exit 0`, async ({ onTestFinished }) => {
      const fake = await fresh(onTestFinished);
      const bot = start(onTestFinished, fake.env());
      await fake.waitFor(() => bot.stderr().includes('ready to serve'), 45_000, 'ready to serve');
      const answer = await fake.answer(fake.send(fake.command('org', { query: 'iclei' }, { locale: 'en-US' })));
      expect(JSON.stringify(answer.data)).toContain('ICLEI');
      bot.child.kill(signal);
      expect(await bot.exit).toBe(0);
      expect(bot.stderr()).toContain(`"reason":"${signal}"`);
      expect(bot.stderr()).not.toContain(fake.token);
      await fake.waitFor(() => fake.liveSessions.length === 0, 2_000, 'the gateway connection to close');
    });
  }

  it('exits non-zero with a plain message when Discord refuses the token (4004)', async ({ onTestFinished }) => {
    const fake = await fresh(onTestFinished);
    fake.refuseIdentify = 4004;
    const bot = start(onTestFinished, fake.env());
    expect(await bot.exit).toBe(EXIT_REFUSED);
    expect(bot.stderr()).toContain('Discord refused the token (4004 Authentication failed)');
    expect(bot.stderr()).not.toContain(fake.token);
  });

  it('bad configuration: one clear message per variable, exit 1, the token never shown', async ({ onTestFinished }) => {
    const token = 'Bot this-looks-like-a-token but has a space 1234567890';
    const bot = start(onTestFinished, {
      DISCORD_TOKEN: token,
      DISCORD_APPLICATION_ID: 'my-app',
      DISCORD_GUILD_ID: '12',
      SHARD_COUNT: 'many',
    });
    expect(await bot.exit).toBe(1);
    const err = bot.stderr();
    expect(err).toContain('The configuration is invalid');
    for (const name of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'SHARD_COUNT']) {
      expect(err).toMatch(new RegExp(`^ {2}- ${name}`, 'm'));
    }
    expect(err).toContain('The bot did not start.');
    expect(err).not.toContain(token);
    expect(err).not.toContain('this-looks-like-a-token');
  });

  it('reads .env from the working directory; the environment wins over it', async ({ onTestFinished }) => {
    const fake = await fresh(onTestFinished);
    const dir = mkdtempSync(join(tmpdir(), 'gateway-env-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = fake.env({ LOG_LEVEL: 'debug' });
    writeFileSync(
      join(dir, '.env'),
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    const bot = start(onTestFinished, { LOG_LEVEL: 'info' }, dir);
    await fake.waitFor(() => bot.stderr().includes('ready to serve'), 45_000, 'ready to serve');
    expect(bot.stderr()).not.toContain('"level":20');
    bot.child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
  });
});

/** runGateway with SHARD_COUNT set, its shards started as npm start starts them; resolves once all are ready. */
async function startShards(fake: FakeDiscord, onTestFinished: Cleanup, shardCount: string) {
  const abort = new AbortController();
  onTestFinished(() => abort.abort());
  const stderr = new LineSink();
  const logs = new LineSink();
  let ready!: () => void;
  const allReady = new Promise<void>((resolve) => (ready = resolve));
  const exit = runGateway(fake.env({ SHARD_COUNT: shardCount, LOG_LEVEL: 'warn' }), {
    processHandlers: false,
    signal: abort.signal,
    stderr,
    logDestination: logs,
    services,
    onReady: () => ready(),
    sharding: { spawnDelayMs: 100 },
  });
  await Promise.race([
    allReady,
    exit.then((code) => Promise.reject(new Error(`exited ${code}: ${stderr.text}${logs.text}`))),
  ]);
  return { abort, stderr, logs, exit };
}

describe('sharding with discord.js ShardingManager', { timeout: 60_000 }, () => {
  it('SHARD_COUNT=auto takes Discord’s recommendation, runs a process per shard, each answers; SIGTERM-like stop ends all', async ({
    onTestFinished,
  }) => {
    const fake = await fresh(onTestFinished);
    fake.recommendedShards = 2;
    const { abort, stderr, exit } = await startShards(fake, onTestFinished, 'auto');
    const shards = fake.identifies.map((f) => (f.d as { shard: [number, number] }).shard).sort();
    expect(shards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // Any shard answers any interaction: component ids carry their state, handlers are the same.
    for (const shard of [0, 1]) {
      const answer = await fake.answer(fake.send(fake.command('org', { query: 'iclei' }, { locale: 'en-US' }), shard));
      expect(JSON.stringify(answer.data)).toContain('ICLEI');
    }
    const guildShard = FakeDiscord.shardOf(fake.guildId, 2);
    const mention = fake.sendMessage(
      fake.channelMessage(`<@${fake.botId}> ICLEI?`, { mentions: [fake.botUser] }),
      guildShard,
    );
    await fake.waitFor(() => fake.repliesTo(mention)[0], 5_000, 'the mention reply from the guild’s shard');
    abort.abort();
    expect(await exit).toBe(0);
    await fake.waitFor(() => fake.liveSessions.length === 0, 5_000, 'every shard to disconnect');
    expect(stderr.text).not.toContain(fake.token);
  });

  it('a shard that crashes is started again and answers; the other shard keeps serving', async ({ onTestFinished }) => {
    const fake = await fresh(onTestFinished);
    const { abort, logs, exit } = await startShards(fake, onTestFinished, '2');
    // The way the OOM killer ends a process: no exit code, no chance to clean up.
    process.kill(shardPid(0), 'SIGKILL');
    await fake.waitFor(() => fake.identifies.length === 3, 20_000, 'shard 0 to identify again');
    expect((fake.identifies[2]?.d as { shard: [number, number] }).shard).toEqual([0, 2]);
    expect(logs.text).toContain('respawning shard');
    for (const shard of [0, 1]) {
      const answer = await fake.answer(fake.send(fake.command('org', { query: 'iclei' }, { locale: 'en-US' }), shard));
      expect(JSON.stringify(answer.data)).toContain('ICLEI');
    }
    abort.abort();
    expect(await exit).toBe(0);
    await fake.waitFor(() => fake.liveSessions.length === 0, 5_000, 'every shard to disconnect');
  });

  it('a shard refused by Discord stops all shards with a non-zero exit instead of respawning forever', async ({
    onTestFinished,
  }) => {
    const fake = await fresh(onTestFinished);
    fake.refuseIdentify = 4004;
    const stderr = new LineSink();
    const logs = new LineSink();
    const code = await runGateway(fake.env({ SHARD_COUNT: '2', LOG_LEVEL: 'warn' }), {
      processHandlers: false,
      stderr,
      logDestination: logs,
      services,
      sharding: { spawnDelayMs: 100 },
    });
    expect(code).toBe(EXIT_REFUSED);
    expect(stderr.text).toContain('A shard was refused by Discord');
    // One IDENTIFY per spawn: no respawn loop.
    expect(fake.identifies.length).toBeLessThanOrEqual(2);
    expect(logs.text).not.toContain('respawning shard');
  });
});
