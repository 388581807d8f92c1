/**
 * Stopping ends whatever the gateway connection is doing (issue 14). With Discord's REST answering and its
 * gateway WebSocket refusing connections, the bot retries every ~500 ms; a stop (the AbortSignal in process,
 * SIGTERM for `npm start`) must end it with status 0 within seconds and leave nothing that connects again.
 * The same for a gateway that stalls after IDENTIFY, and for a shard manager whose shards are retrying.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { runGateway, type GatewayRunOptions } from '../src/doors/gateway/start.js';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { FAST_CLIENT, FakeDiscord, LineSink } from './helpers/fake-discord.js';
import { services } from './helpers/services.js';
import { capture } from './helpers/output.js';

type Cleanup = TestContext['onTestFinished'];

/** Generous for a busy 2-core machine: a stop takes milliseconds (at most ~0.5 s, a retry's pause). */
const STOP_BOUND_MS = 5_000;
/** Four of the bot's ~500 ms retry pauses: long enough to see a retry that should not happen. */
const QUIET_MS = 2_000;

/** The promise's value, or 'still running' if it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function fresh(onTestFinished: Cleanup): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start();
  onTestFinished(() => fake.close());
  return fake;
}

/** runGateway against the fake, in this process, stopped through the returned AbortController. */
function run(
  fake: FakeDiscord,
  onTestFinished: Cleanup,
  env: Record<string, string> = {},
  extra: GatewayRunOptions = {},
) {
  const abort = new AbortController();
  onTestFinished(() => abort.abort());
  const logs = new LineSink();
  const exit = runGateway(fake.env(env), {
    processHandlers: false,
    signal: abort.signal,
    logDestination: logs,
    stderr: new LineSink(),
    services,
    clientOptions: FAST_CLIENT,
    ...extra,
  });
  return { abort, logs, exit };
}

/** Waits QUIET_MS, then the fake must have seen no new gateway attempt since `before`. */
async function expectNoRetry(fake: FakeDiscord, before: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  expect(fake.refusedWebSockets, 'gateway connections attempted after the stop').toBe(before);
}

describe('stopping the gateway bot, whatever its connection is doing', { timeout: 60_000 }, () => {
  it('in process: an abort ends runGateway with 0 at once, and the bot stops retrying', async ({ onTestFinished }) => {
    const fake = await fresh(onTestFinished);
    fake.refuseWebSocket = true;
    const { abort, logs, exit } = run(fake, onTestFinished);
    await fake.waitFor(() => fake.refusedWebSockets >= 2, 20_000, 'two refused gateway connections');
    abort.abort();
    expect(await within(exit, STOP_BOUND_MS)).toBe(0);
    expect(logs.text).toContain('stopped before the bot was ready');
    await expectNoRetry(fake, fake.refusedWebSockets);
  });

  it('in process: an abort while the gateway stalls after IDENTIFY ends with 0, no second IDENTIFY', async ({
    onTestFinished,
  }) => {
    const fake = await fresh(onTestFinished);
    fake.holdIdentify = true;
    const { abort, exit } = run(fake, onTestFinished);
    await fake.waitFor(() => fake.identifies.length >= 1, 20_000, 'the IDENTIFY');
    abort.abort();
    expect(await within(exit, STOP_BOUND_MS)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(fake.identifies).toHaveLength(1);
  });

  it('npm start as a process: SIGTERM while it retries exits 0 within seconds', async ({ onTestFinished }) => {
    const fake = await fresh(onTestFinished);
    fake.refuseWebSocket = true;
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/run.mjs'), 'start'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ...fake.env() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const { stderr } = capture(child, 'npm start');
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await fake.waitFor(() => fake.refusedWebSockets >= 2, 45_000, 'two refused gateway connections');
    child.kill('SIGTERM');
    expect(await within(exit, 2 * STOP_BOUND_MS), stderr()).toBe(0);
    expect(stderr()).toContain('"reason":"SIGTERM"');
  });

  it('sharded: an abort while every shard retries ends with 0 within seconds, and no shard comes back', async ({
    onTestFinished,
  }) => {
    const fake = await fresh(onTestFinished);
    fake.refuseWebSocket = true;
    // The shard processes log to this process's stderr, not to `logs`: warnings only, to keep it quiet.
    const env = { SHARD_COUNT: '2', LOG_LEVEL: 'warn' };
    const { abort, logs, exit } = run(fake, onTestFinished, env, { sharding: { spawnDelayMs: 100 } });
    // Each shard process logs in (GET /gateway/bot), then is refused every ~500 ms.
    await fake.waitFor(
      () => fake.received('GET', /^\/gateway\/bot$/).length >= 2 && fake.refusedWebSockets >= 4,
      45_000,
      'both shards retrying',
    );
    abort.abort();
    // Below the manager's 10 s before it SIGKILLs a shard that does not exit.
    expect(await within(exit, STOP_BOUND_MS)).toBe(0);
    await expectNoRetry(fake, fake.refusedWebSockets);
    expect(logs.text).not.toContain('respawning shard');
  });
});
