/**
 * Data and configuration faults against the real `serve` entry: a corrupt, missing or invalid data file,
 * a broken locale file, a malformed environment value, a port already taken. Each must end the process
 * with exit code 1 and a message on stderr naming what is wrong — and the port must never open: the
 * door is either fully started or not started at all. Each malformed environment value is also checked
 * through the pure function that reads the environment, and the message the process would print.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHttpConfig } from '../src/doors/http/config.js';
import { ConfigError } from '../src/doors/shared/config.js';
import { startupMessage } from '../src/doors/shared/startup.js';
import { DATA_DIR, LOCALES_DIR } from '../src/kernel/paths.js';
import { capture } from './helpers/output.js';

const ROOT = join(import.meta.dirname, '..');
const PUBLIC_HEX = generateKeyPairSync('ed25519')
  .publicKey.export({ format: 'der', type: 'spki' })
  .subarray(12)
  .toString('hex');
const GOOD_ENV = { DISCORD_PUBLIC_KEY: PUBLIC_HEX, DISCORD_APPLICATION_ID: '123456789012345678', HOST: '127.0.0.1' };

const scratch = mkdtempSync(join(tmpdir(), 'config-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of data/ or locales/ to break. */
function copyOf(dir: string): string {
  const to = join(scratch, `copy-${++copies}`);
  cpSync(dir, to, { recursive: true });
  return to;
}

/**
 * A port that is free right now, chosen below the kernel's ephemeral range. Why: a port-0 port can be
 * handed straight to another test file's server once we release it, and a probe connecting to an
 * ephemeral port can pick that same port as its own source port and "connect" to itself (TCP
 * simultaneous open). Either makes a refused start look like an open port. Ports below the range are
 * never given out implicitly, so only this file can take them.
 */
async function freePort(): Promise<number> {
  const low = ephemeralLow();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * Math.max(1, low - 20_000));
    const server = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
  }
  throw new Error('no free port below the ephemeral range');
}

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 21_000 ? low : 32_768;
  } catch {
    return 32_768; // not Linux: the IANA ephemeral range starts at 49152, so this is below it too
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      // A socket connected to itself is not the server: belt and braces on top of freePort's choice.
      const self = socket.localPort === port;
      socket.destroy();
      resolve(!self);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Whether any connection to the port succeeded while the process ran. */
  opened: boolean;
}

/** Runs `serve` as `npm run serve` starts it (bin/run.mjs), probing its port until it exits. */
async function serve(env: Record<string, string>, probe = true): Promise<Run> {
  const port = env.PORT !== undefined ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin/run.mjs'), 'serve'], {
    cwd: scratch, // no stray .env
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = capture(child, 'serve');
  let running = true;
  let opened = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
  if (probe) {
    while (running) {
      if (await canConnect(port)) {
        opened = true;
        // Let it print its "listening" line (generous: a loaded CI machine is slow), then stop it the way
        // a supervisor would. Signalling earlier could hit it mid-start-up, before its handlers exist.
        for (let i = 0; i < 750 && running && !output.stdout().includes('listening'); i++)
          await new Promise((r) => setTimeout(r, 20));
        child.kill('SIGTERM');
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const code = await exited;
  clearTimeout(watchdog);
  return { code, stdout: output.stdout(), stderr: output.stderr(), opened };
}

function expectRefused(r: Run, ...patterns: RegExp[]): void {
  expect(r.opened, `the port opened:\n${r.stderr}`).toBe(false);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).not.toMatch(/listening/);
  expect(r.stderr).toMatch(/did not start/);
  for (const p of patterns) expect(r.stderr).toMatch(p);
  // A clear message, not a stack trace.
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('serve refuses to start, naming the problem, and never opens its port', () => {
  it('control: with good settings it does start (and the probe sees the port open)', async () => {
    const r = await serve({ ...GOOD_ENV });
    expect(r.opened).toBe(true);
    expect(r.stdout).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/interactions/);
    expect(r.code).toBe(0);
  });

  it('a data file that is not valid JSON', async () => {
    const dir = copyOf(DATA_DIR);
    const file = join(dir, 'organizations.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    expectRefused(await serve({ ...GOOD_ENV, DATA_DIR: dir }), /organizations\.json/, /not valid JSON/);
  });

  it('a missing data file', async () => {
    const dir = copyOf(DATA_DIR);
    unlinkSync(join(dir, 'taiwan.json'));
    expectRefused(await serve({ ...GOOD_ENV, DATA_DIR: dir }), /taiwan\.json/, /missing/);
  });

  it('a data record that breaks the schema: the file, the record and the field are named', async () => {
    const dir = copyOf(DATA_DIR);
    const file = join(dir, 'organizations.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { organizations: Array<Record<string, unknown>> };
    const victim = json.organizations[3]!;
    victim.founded = { kind: 'year', year: 'nineteen-ninety' };
    writeFileSync(file, JSON.stringify(json, null, 2));
    expectRefused(
      await serve({ ...GOOD_ENV, DATA_DIR: dir }),
      /organizations\.json/,
      new RegExp(`record "${String(victim.id)}"`),
      /founded/,
    );
  });

  it('a locale file that is not valid JSON', async () => {
    const dir = copyOf(LOCALES_DIR);
    writeFileSync(join(dir, 'en', 'org.json'), '{ "none": "No match for {{query}}", ');
    expectRefused(await serve({ ...GOOD_ENV, LOCALES_DIR: dir }), /locales\/en\/org\.json/);
  });

  it('a locale file missing a key the other language has', async () => {
    const dir = copyOf(LOCALES_DIR);
    const file = join(dir, 'zh-TW', 'common.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { errors: Record<string, string> };
    delete json.errors.rateLimited;
    writeFileSync(file, JSON.stringify(json));
    expectRefused(
      await serve({ ...GOOD_ENV, LOCALES_DIR: dir }),
      /locales\/zh-TW\/common\.json/,
      /errors\.rateLimited/,
    );
  });

  it('DATA_DIR pointing nowhere', async () => {
    expectRefused(
      await serve({ ...GOOD_ENV, DATA_DIR: join(scratch, 'no-such-dir') }),
      /organizations\.json/,
      /missing/,
    );
  });

  // One malformed value through the real process: refused before the port opens, exit 1, a plain message.
  it('a malformed environment value (through the process)', async () => {
    expectRefused(await serve({ ...GOOD_ENV, LOG_LEVEL: 'chatty' }), /LOG_LEVEL must be one of/);
  });

  it('every bad value is reported at once, not one per attempt', async () => {
    const r = await serve({ DISCORD_PUBLIC_KEY: 'nope', PORT: 'x', LOG_LEVEL: 'chatty' }, false);
    expectRefused(r, /DISCORD_PUBLIC_KEY/, /DISCORD_APPLICATION_ID/, /PORT/, /LOG_LEVEL/);
  });

  it('a port another process already holds', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const r = await serve({ ...GOOD_ENV, PORT: String(port) }, false);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`PORT ${port} on HOST 127\\.0\\.0\\.1 is already in use`));
      expect(r.stdout).not.toMatch(/listening/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

/**
 * The checks behind a refused environment are one pure function (serve calls it before anything else):
 * each malformed value is tested through it and the message the process prints, without a process each.
 */
describe('a malformed environment value is named, with what is expected', () => {
  function refusal(env: Record<string, string>): string {
    try {
      loadHttpConfig({ ...GOOD_ENV, PORT: '8787', ...env });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return startupMessage(err);
    }
    throw new Error(`accepted ${JSON.stringify(env)}`);
  }

  it.each([
    ['no public key', { DISCORD_PUBLIC_KEY: '' }, /DISCORD_PUBLIC_KEY is required/],
    [
      'a public key that is not hex',
      { DISCORD_PUBLIC_KEY: 'g'.repeat(64) },
      /DISCORD_PUBLIC_KEY must be the 64 hexadecimal/,
    ],
    ['a public key too short', { DISCORD_PUBLIC_KEY: PUBLIC_HEX.slice(0, 60) }, /DISCORD_PUBLIC_KEY/],
    [
      'an application id that is not a snowflake',
      { DISCORD_APPLICATION_ID: 'my-bot' },
      /DISCORD_APPLICATION_ID must be a snowflake/,
    ],
    ['a port that is not a number', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['a port out of range', { PORT: '70000' }, /PORT must be at most 65535/],
    ['a log level that does not exist', { LOG_LEVEL: 'chatty' }, /LOG_LEVEL must be one of/],
    ['a rate limit of zero', { RATE_LIMIT_POINTS: '0' }, /RATE_LIMIT_POINTS must be at least 1/],
    [
      'a rate-limit window that is not a number',
      { RATE_LIMIT_WINDOW_SECONDS: '1m' },
      /RATE_LIMIT_WINDOW_SECONDS must be a whole number/,
    ],
    ['a body limit written as 1e6', { MAX_BODY_BYTES: '1e6' }, /MAX_BODY_BYTES must be a whole number/],
  ])('%s', (_label, env: Record<string, string>, pattern) => {
    const message = refusal(env);
    expect(message).toMatch(/did not start/);
    expect(message).toMatch(pattern);
    // A clear message, not a stack trace.
    expect(message).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
