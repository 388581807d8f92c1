/**
 * A stop signal sent to the process npm starts reaches the bot (issue 14 item 2). `npm run serve` is npm →
 * (sh →) node: a SIGTERM to npm must stop the server, and a SIGKILL to npm (which cannot be forwarded)
 * must not leave it running as an orphan. Spawns exactly the documented commands; loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { freePort, portRefuses, waitFor } from './helpers/net.js';
import { capture, measured } from './helpers/output.js';

/** Generous: a noisy 2-core machine, npm's own start-up, and maybe tsx compiling an edited checkout. */
const START_MS = 60_000;
const STOP_MS = 15_000;

/** The raw 32-byte Ed25519 public key as hex (the SPKI DER minus its 12-byte header), as the portal shows. */
const PUBLIC_HEX = generateKeyPairSync('ed25519')
  .publicKey.export({ format: 'der', type: 'spki' })
  .subarray(12)
  .toString('hex');

/** /proc/<pid>/stat: [state, ppid, pgrp], or undefined once the process is gone (a zombie counts as gone). */
function stat(pid: number): [string, number, number] | undefined {
  try {
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? undefined : [state!, Number(ppid), Number(pgrp)];
  } catch {
    return undefined;
  }
}

/** Every live process in the process group (each launch gets its own: it is spawned detached). */
function group(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => stat(pid)?.[2] === pgid);
}

/** Every live descendant of pid, found through the parent links. */
function descendants(pid: number): number[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const p of all) {
      if (stat(p)?.[1] === parent) {
        found.push(p);
        visit(p);
      }
    }
  };
  visit(pid);
  return found;
}

interface Launched {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

const launched: Launched[] = [];

/** `npm run <script>` in the project root, in its own process group so cleanup can reach all of it. */
function npmRun(script: string, env: Record<string, string>, stdin: 'ignore' | 'pipe' = 'ignore'): Launched {
  const base = { ...process.env };
  // As a person would type it: no token (no gateway), no test-runner NODE_ENV, no stray .env.
  delete base.NODE_ENV;
  const child = spawn('npm', ['run', script], {
    cwd: PROJECT_ROOT,
    env: { ...base, DISCORD_TOKEN: '', ENV_FILE: join(tmpdir(), 'launch-signals-no.env'), ...env },
    stdio: [stdin, 'pipe', 'pipe'],
    detached: true,
  });
  const { stdout, stderr } = capture(child, `npm run ${script}`);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const l = { child, stdout, stderr, exited };
  launched.push(l);
  return l;
}

afterEach(() => {
  // Whatever a failed test left, npm and everything it started (orphans keep the process group).
  for (const { child } of launched.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function serve(): Promise<Launched & { port: number; tree: number[] }> {
  const port = await freePort();
  const l = npmRun('serve', {
    PORT: String(port),
    HOST: '127.0.0.1',
    DISCORD_PUBLIC_KEY: PUBLIC_HEX,
    DISCORD_APPLICATION_ID: '123456789012345678',
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening" line within ${START_MS} ms: ${l.stderr()}`)),
      START_MS,
    );
    l.child.stdout!.on('data', () => {
      if (/HTTP interactions door listening on http:\/\/127\.0\.0\.1:\d+/.test(l.stdout())) {
        clearTimeout(timer);
        resolve();
      }
    });
    void l.exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`npm run serve exited (${code ?? signal}) before listening: ${l.stderr()}`));
    });
  });
  const tree = descendants(l.child.pid!);
  expect(tree.length).toBeGreaterThan(0);
  return { ...l, port, tree };
}

/** Everything npm started is gone and the port refuses connections, within STOP_MS. */
async function allStopped(s: { child: ChildProcess; port: number; tree: number[] }): Promise<void> {
  await waitFor(async () => (await portRefuses(s.port)) && group(s.child.pid!).length === 0, STOP_MS);
  expect(s.tree.filter((pid) => stat(pid) !== undefined)).toEqual([]);
}

describe('npm run serve', () => {
  it('SIGTERM to the npm process stops the server: npm exits, the port is free, nothing of it remains', async () => {
    const s = await serve();
    const t0 = performance.now();
    s.child.kill('SIGTERM');
    await s.exited;
    await allStopped(s);
    measured(`SIGTERM to npm → port free, process tree gone after ${Math.round(performance.now() - t0)} ms`);
  }, 120_000);

  it('SIGKILL to the npm process: the orphaned server notices, stops and frees the port', async () => {
    const s = await serve();
    const t0 = performance.now();
    s.child.kill('SIGKILL');
    await s.exited;
    await allStopped(s);
    measured(`SIGKILL to npm → port free, process tree gone after ${Math.round(performance.now() - t0)} ms`);
    // It says why it stopped on its own (on the stderr npm handed it, which the test still holds).
    await waitFor(() => /parent|orphan/i.test(s.stderr()), STOP_MS);
  }, 120_000);

  it('Ctrl-C (SIGINT to the whole process group) drains and exits 0, once', async () => {
    const s = await serve();
    process.kill(-s.child.pid!, 'SIGINT');
    // npm exits as the server did: 0 only if the server drained rather than dying of a second SIGINT.
    const [code, signal] = await s.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await allStopped(s);
  }, 120_000);
});

describe('npm start without a token (the offline console)', () => {
  it('ends when its stdin closes', async () => {
    const l = npmRun('start', {}, 'pipe');
    l.child.stdin!.end('/org ICLEI\n');
    const [code] = await l.exited;
    expect(code, l.stderr()).toBe(0);
    expect(l.stdout()).toMatch(/ICLEI/);
  }, 120_000);
});
