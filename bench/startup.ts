/**
 * Section 4, start-up: wall time from spawn to exit of the one-shot console (compiled JS and through npm)
 * next to `node -e 0` started the same ways, with peak RSS from /usr/bin/time; and the HTTP door's time
 * from spawn to its first 200 from GET /healthz, with peak RSS from /proc.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { CACHE_DIR } from '../src/data/load.js';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { median } from './stats.js';
import { freePort, lastLines, load, msSince, progress } from './timing.js';

export interface StartupRow {
  label: string;
  command: string;
  runs: number;
  medianMs: number;
  minMs: number;
  peakRssMb: number | null;
  ok: boolean;
  note?: string;
}

export interface StartupReport {
  rows: StartupRow[];
  /** Whether NODE_EXTRA_CA_CERTS was set for the rows that keep the environment. */
  caSet: boolean;
  /** ask over node -e 0, both without NODE_EXTRA_CA_CERTS: issue 16's ratio. */
  ratioDirectNoCa: number | null;
  /** The first ask with no validation marker, and the first after the build's ready-data step, over node -e 0 (no CA). */
  ratioColdNoCa: number | null;
  ratioAfterBuildNoCa: number | null;
  ratioDirect: number | null;
  ratioNpm: number | null;
  /** `npm run -s ask` over `node -e 0` started through npm too: the target's "started the same way". */
  ratioNpmSameWay: number | null;
  http: { status: 'ok' | 'n/a' | 'failed'; note: string; readyMs?: number[]; medianMs?: number; peakRssMb?: number };
  load: { start: number; end: number };
}

export const TIME_BIN = '/usr/bin/time';

/**
 * Wall time from spawn to exit (a one-shot command prints its answer and exits), median of `runs`, after
 * one untimed run (file cache; bin/run.mjs compiles here if dist/ is stale, not in a timed run). Each run
 * is wrapped in GNU time -f %M when present, the same way for every row, which also gives the peak RSS:
 * the largest of the process and its waited-for children (so npm's row is max(npm, node)).
 */
function startupRow(
  label: string,
  cmd: string,
  args: readonly string[],
  runs: number,
  options: { withoutCa?: boolean; before?: () => void } = {},
): StartupRow {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  if (options.withoutCa) delete env.NODE_EXTRA_CA_CERTS;
  const wrap = existsSync(TIME_BIN);
  const spawnOne = () =>
    wrap
      ? spawnSync(TIME_BIN, ['-f', '%M', cmd, ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8' })
      : spawnSync(cmd, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  // The set-up a row needs before each run (a fresh install's state) happens outside the timed span.
  const run = () => {
    options.before?.();
    const t0 = process.hrtime.bigint();
    return { ...spawnOne(), ms: msSince(t0) };
  };
  const notes: string[] = [];
  const first = run();
  if (first.status !== 0) notes.push(`untimed first run exited ${first.status}: ${lastLines(first.stderr)}`);
  else if (first.stderr.includes('compiling')) notes.push('untimed first run recompiled dist/');
  const times: number[] = [];
  const rss: number[] = [];
  let ok = true;
  for (let i = 0; i < runs; i++) {
    const r = run();
    times.push(r.ms);
    if (r.status !== 0) {
      ok = false;
      notes.push(`exit ${r.status}: ${lastLines(r.stderr)}`);
    }
    if (r.stderr.includes('compiling')) {
      ok = false;
      notes.push('bin/run.mjs recompiled during a timed run (sources newer than dist/)');
    }
    const kb = wrap ? Number(r.stderr.trim().split('\n').pop()) : Number.NaN;
    if (Number.isFinite(kb) && kb > 0) rss.push(kb / 1024);
  }
  return {
    label,
    command: [
      ...(options.withoutCa ? ['env -u NODE_EXTRA_CA_CERTS'] : []),
      cmd === process.execPath ? 'node' : cmd,
      ...args,
    ].join(' '),
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    peakRssMb: rss.length > 0 ? median(rss) : null,
    ok,
    ...(notes.length > 0 ? { note: [...new Set(notes)].join('; ') } : {}),
  };
}

function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 200 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function vmHwmMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Spawns the HTTP door and polls GET /healthz every 2 ms; ready = first 200. Peak RSS from /proc VmHWM. */
async function httpReady(
  entry: string,
  timeoutMs: number,
): Promise<{ ms: number; rssMb: number | undefined } | { error: string }> {
  const { publicKey } = generateKeyPairSync('ed25519');
  // The raw 32-byte key is the last 32 bytes of its SPKI DER encoding.
  const hex = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex');
  const port = await freePort();
  const env = {
    ...process.env,
    DISCORD_PUBLIC_KEY: hex,
    DISCORD_APPLICATION_ID: '123456789012345678',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  try {
    while (msSince(t0) < timeoutMs) {
      if (exited !== undefined)
        return { error: `exited ${exited}: ${stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200)}` };
      if (await healthz(port)) return { ms: msSince(t0), rssMb: vmHwmMb(child.pid) };
      await new Promise((r) => setTimeout(r, 2));
    }
    return { error: `no 200 from /healthz within ${timeoutMs} ms` };
  } finally {
    if (exited === undefined) {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 50));
      if (exited === undefined) child.kill('SIGKILL');
    }
  }
}

export async function startup(runs: number): Promise<StartupReport> {
  const loadStart = load();
  const node = process.execPath;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  progress(`startup: node -e 0 ×${runs}`);
  const bare = startupRow('node -e 0 (baseline)', node, ['-e', '0'], runs);
  progress(`startup: node dist/src/doors/console/ask-cli.js ×${runs}`);
  const direct = startupRow(
    'ask, compiled JS',
    node,
    ['dist/src/doors/console/ask-cli.js', '--json', '/org ICLEI'],
    runs,
  );
  progress(`startup: npm run -s ask ×${runs}`);
  const viaNpm = startupRow('npm run -s ask', npm, ['run', '-s', 'ask', '--', '--json', '/org ICLEI'], runs);
  progress(`startup: npm run -s env ×${runs}`);
  // npm's own share: run-script plus a shell running `env` (npm's built-in env script), no project code.
  const npmAlone = startupRow('npm run -s env (npm alone)', npm, ['run', '-s', 'env'], runs);
  progress(`startup: npm run -s bench:node-baseline ×${runs}`);
  // The baseline started the same way as `npm run -s ask`: npm, a shell, then `node -e 0`.
  const npmBare = startupRow(
    'npm run -s bench:node-baseline (node -e 0 via npm)',
    npm,
    ['run', '-s', 'bench:node-baseline'],
    runs,
  );
  // NODE_EXTRA_CA_CERTS (set on these machines) makes every Node process read and parse a CA bundle: tens
  // of ms on both sides of a ratio. The same two rows without it, and the first-run rows, all without it.
  const caSet = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const askArgs = ['dist/src/doors/console/ask-cli.js', '--json', '/org ICLEI'];
  progress(`startup: node -e 0 and ask without NODE_EXTRA_CA_CERTS ×${runs}`);
  const bareNoCa = startupRow('node -e 0, no NODE_EXTRA_CA_CERTS', node, ['-e', '0'], runs, { withoutCa: true });
  const directNoCa = startupRow('ask, compiled JS, no NODE_EXTRA_CA_CERTS', node, askArgs, runs, { withoutCa: true });
  // A fresh install's first answer. Before: no validation marker, so the data is checked (zod loaded).
  // Now: what `npm ci` leaves, i.e. the build's last step (bin/ready-data.mjs) run, then the first ask.
  const noMarker = () => rmSync(CACHE_DIR, { recursive: true, force: true });
  progress(`startup: first ask with no validation marker ×${runs}`);
  const cold = startupRow('first ask, no validation marker', node, askArgs, runs, {
    withoutCa: true,
    before: noMarker,
  });
  progress(`startup: first ask after the build's ready-data step ×${runs}`);
  const afterBuild = startupRow('first ask after npm ci (ready-data ran)', node, askArgs, runs, {
    withoutCa: true,
    before: () => {
      noMarker();
      spawnSync(node, [join(PROJECT_ROOT, 'bin/ready-data.mjs')], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    },
  });
  const rows = [bare, direct, viaNpm, npmAlone, npmBare, bareNoCa, directNoCa, cold, afterBuild];
  const ratioTo = (base: StartupRow) => (r: StartupRow) => (r.ok && base.ok ? r.medianMs / base.medianMs : null);
  const ratio = ratioTo(bare);

  const entry = join(PROJECT_ROOT, 'dist/src/doors/http/serve.js');
  let http: StartupReport['http'];
  if (!existsSync(entry)) {
    http = { status: 'n/a', note: 'n/a (HTTP door not built)' };
  } else {
    progress('startup: HTTP door ready-to-serve');
    const ready: number[] = [];
    const rss: number[] = [];
    let error: string | undefined;
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const r = await httpReady(entry, 10_000);
      if ('error' in r) {
        error = r.error;
        break;
      }
      ready.push(r.ms);
      if (r.rssMb !== undefined) rss.push(r.rssMb);
    }
    http = error
      ? { status: 'failed', note: `HTTP door did not become ready: ${error}` }
      : {
          status: 'ok',
          note: 'spawn node dist/src/doors/http/serve.js → first 200 from GET /healthz (polled every 2 ms); RSS = VmHWM at ready',
          readyMs: ready,
          medianMs: median(ready),
          ...(rss.length > 0 ? { peakRssMb: median(rss) } : {}),
        };
  }
  const ratioNoCa = ratioTo(bareNoCa);
  return {
    rows,
    caSet,
    ratioDirectNoCa: ratioNoCa(directNoCa),
    ratioColdNoCa: ratioNoCa(cold),
    ratioAfterBuildNoCa: ratioNoCa(afterBuild),
    ratioDirect: ratio(direct),
    ratioNpm: ratio(viaNpm),
    ratioNpmSameWay: ratioTo(npmBare)(viaNpm),
    http,
    load: { start: loadStart, end: load() },
  };
}
