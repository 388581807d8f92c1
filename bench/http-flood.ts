/**
 * The HTTP door under an unsigned flood (part of `npm run bench:http`): while many keep-alive connections
 * send only bad-signature requests as fast as the server answers them, genuine interactions arrive on new
 * connections (as Discord opens them) and we time their first byte. Discord gives up after 3 s, so the p99
 * of that time-to-first-byte is the figure that matters.
 *
 * Each server runs as `serve` runs in production, in its own process (tree): this build through
 * bin/run.mjs, and the door as it was before the flood fixes (BASELINE_COMMIT, extracted with `git archive`
 * into a temporary folder that borrows this checkout's node_modules), so both figures come from one run on
 * the same machine. The flood comes from a child process, so its work never delays the probe's clock.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentileSorted } from './stats.js';
import { freePort } from './timing.js';

/** The last commit before issue 14 changed the door: today's figure before the fixes. */
export const BASELINE_COMMIT = '80bac8dcb500b3bbf91d0ccb7483dfc2963599d1';
const APP_ID = '123456789012345678';
const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

export interface FloodOptions {
  /** Keep-alive connections sending bad-signature requests. */
  flooders: number;
  /** Body size of each bad request, in bytes. */
  floodBytes: number;
  /** New connections, one genuine interaction each, during the flood. */
  probes: number;
  /** Pause between probes (ms). */
  probeGapMs: number;
  /** HTTP_WORKERS for this build's server (undefined: its default). */
  workers?: number;
}

export interface TtfbStats {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Probes with no 200 answer. */
  errors: number;
  /** Bad-signature requests the flood got answered per second while the probes ran. */
  floodPerSecond: number;
  /** The server's CPU time (all its processes) per request answered while the probes ran, in ms. */
  serverCpuMsPerRequest?: number;
}

export interface FloodReport {
  options: FloodOptions;
  /** label → at rest (no flood) and during the flood. */
  servers: Record<string, { rest: TtfbStats; flood: TtfbStats }>;
  load: number[];
}

// ---------------------------------------------------------------------------------------------------
// The flood (a child process: `bench/http-flood.ts --flood PORT CONNECTIONS`)

interface FloodData {
  port: number;
  connections: number;
  /** Size of each bad request's body. */
  bytes: number;
}

function floodWorker(data: FloodData): void {
  const agent = new Agent({ keepAlive: true, maxSockets: data.connections });
  // An interaction-shaped body padded to the size asked: the door must read and hash all of it to refuse it.
  const shape = { type: 2, id: '1', application_id: APP_ID, data: { name: 'org' }, pad: '' };
  shape.pad = 'x'.repeat(Math.max(0, data.bytes - Buffer.byteLength(JSON.stringify(shape))));
  const body = JSON.stringify(shape);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    // Well formed, fresh, and wrong: the server must verify it to refuse it.
    'x-signature-ed25519': 'ab'.repeat(64),
    'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
  };
  let answered = 0;
  let running = true;
  process.on('message', (m: string) => {
    if (m === 'count') process.send?.(answered);
    if (m === 'stop') {
      running = false;
      agent.destroy();
      process.send?.('stopped', () => process.exit(0));
    }
  });
  const one = (): void => {
    if (!running) return;
    const req = request(
      { host: '127.0.0.1', port: data.port, path: '/interactions', method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => {
          answered++;
          one();
        });
      },
    );
    // A refused or reset connection: try again on a new one, as an attacker would.
    req.on('error', () => setTimeout(one, 1));
    req.end(body);
  };
  for (let i = 0; i < data.connections; i++) one();
}

if (process.argv[2] === '--flood' && process.send) {
  floodWorker({ port: Number(process.argv[3]), connections: Number(process.argv[4]), bytes: Number(process.argv[5]) });
}

// ---------------------------------------------------------------------------------------------------
// The probes

/** Every interaction has its own id: the door answers an id once. */
let probeIds = 0;

function signedOrg(key: KeyObject, i: number): { body: string; headers: Record<string, string | number> } {
  const body = JSON.stringify({
    id: String(2n * 10n ** 18n + BigInt(probeIds++)),
    application_id: APP_ID,
    type: 2,
    token: `probe-${i}`,
    version: 1,
    locale: 'en-US',
    member: { user: { id: String(3n * 10n ** 17n + BigInt(i)), username: 'probe' }, roles: [], permissions: '0' },
    guild_id: '700000000000000001',
    data: { id: '1', name: 'org', type: 1, options: [{ name: 'query', type: 3, value: 'ICLEI' }] },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), key).toString('hex'),
      'x-signature-timestamp': timestamp,
    },
  };
}

/** One genuine interaction on a new connection: ms from the start of the connect to the response's head. */
function probe(port: number, key: KeyObject, i: number): Promise<{ ms: number; ok: boolean }> {
  const { body, headers } = signedOrg(key, i);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/interactions', method: 'POST', agent: false, headers },
      (res) => {
        const ms = performance.now() - t0;
        res.resume();
        res.on('end', () => resolve({ ms, ok: res.statusCode === 200 }));
      },
    );
    req.setTimeout(15_000, () => req.destroy());
    req.on('error', () => resolve({ ms: performance.now() - t0, ok: false }));
    req.end(body);
  });
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

async function probes(
  port: number,
  key: KeyObject,
  o: FloodOptions,
  floodCount?: () => Promise<number>,
  cpuMs?: () => number,
) {
  const before = floodCount ? await floodCount() : 0;
  const cpuBefore = cpuMs?.() ?? 0;
  const t0 = performance.now();
  const results: Array<{ ms: number; ok: boolean }> = [];
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < o.probes; i++) {
    pending.push(probe(port, key, i).then((r) => void results.push(r)));
    await new Promise((r) => setTimeout(r, o.probeGapMs));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  const after = floodCount ? await floodCount() : 0;
  const cpu = (cpuMs?.() ?? 0) - cpuBefore;
  const answered = after - before + results.length;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    n: ms.length,
    p50: r1(percentileSorted(ms, 50)),
    p90: r1(percentileSorted(ms, 90)),
    p99: r1(percentileSorted(ms, 99)),
    max: r1(ms[ms.length - 1] ?? NaN),
    errors: results.filter((r) => !r.ok).length,
    floodPerSecond: Math.round((after - before) / seconds),
    ...(cpuMs && answered > 0 ? { serverCpuMsPerRequest: Math.round((cpu / answered) * 1000) / 1000 } : {}),
  } satisfies TtfbStats;
}

// ---------------------------------------------------------------------------------------------------
// The servers

interface Running {
  port: number;
  /** CPU time (user + system) of the server's process and its children so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100; // Linux's USER_HZ, what /proc/<pid>/stat counts in

/** utime + stime of a process and its descendants (from /proc; 0 where /proc is missing). */
function treeCpuMs(pid: number): number {
  let ticks = 0;
  const walk = (p: number): void => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      const kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const k of kids ? kids.split(' ') : []) walk(Number(k));
    } catch {
      // gone, or no /proc
    }
  };
  walk(pid);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

function startProcess(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Running> {
  // stderr (the JSON log lines) is read and dropped, as journald or a log collector reads it.
  const child: ChildProcess = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.resume();
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')}: no "listening" line in 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited early (${code})`)));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening on http:\/\/[^:]+:(\d+)\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        port: Number(m[1]),
        cpuMs: () => treeCpuMs(child.pid ?? 0),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
          }),
      });
    });
  });
}

function serverEnv(publicHex: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISCORD_TOKEN;
  return {
    ...env,
    DISCORD_PUBLIC_KEY: publicHex,
    DISCORD_APPLICATION_ID: APP_ID,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // Every probe is its own user; the limit is not what is measured.
    RATE_LIMIT_POINTS: '1000000',
    ...extra,
  };
}

/** The door as it was at BASELINE_COMMIT, in a temporary folder; undefined (with a note) when git cannot. */
function extractBaseline(): { dir: string; cleanup(): void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-baseline-'));
  const archive = spawnSync('sh', ['-c', `git -C "${ROOT}" archive ${BASELINE_COMMIT} | tar -x -C "${dir}"`]);
  if (archive.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`baseline not measured: git archive ${BASELINE_COMMIT.slice(0, 7)} failed\n`);
    return undefined;
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function measure(label: string, running: Running, key: KeyObject, o: FloodOptions, out: FloodReport) {
  process.stderr.write(`  flood: ${label}: at rest…\n`);
  // Warm up: the first requests compile the handlers.
  await probes(running.port, key, { ...o, probes: 20, probeGapMs: 5 });
  const rest = await probes(running.port, key, o);
  process.stderr.write(`  flood: ${label}: ${o.flooders} flooding connections…\n`);
  // Same file, same loader (execArgv carries `--import tsx` when run from source).
  const flooder = fork(
    fileURLToPath(import.meta.url),
    ['--flood', String(running.port), String(o.flooders), String(o.floodBytes)],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const ask = (m: string): Promise<unknown> =>
    new Promise((resolve) => {
      flooder.once('message', resolve);
      flooder.send(m);
    });
  await new Promise((r) => setTimeout(r, 1500)); // the flood reaches its pace
  const flood = await probes(running.port, key, o, async () => (await ask('count')) as number, running.cpuMs);
  const exited = new Promise((r) => flooder.once('exit', r));
  await ask('stop');
  await exited;
  out.servers[label] = { rest, flood };
}

export async function floodBench(o: FloodOptions): Promise<FloodReport> {
  const keys = generateKeyPairSync('ed25519');
  const publicHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  const { loadavg } = await import('node:os');
  const out: FloodReport = { options: o, servers: {}, load: [] };

  const baseline = extractBaseline();
  if (baseline) {
    try {
      const port = await freePort();
      const running = await startProcess(
        process.execPath,
        ['--v8-pool-size=1', '--import', 'tsx', 'src/doors/http/serve.ts'],
        baseline.dir,
        serverEnv(publicHex, port),
      );
      try {
        await measure(`before (${BASELINE_COMMIT.slice(0, 7)})`, running, keys.privateKey, o, out);
      } finally {
        await running.stop();
      }
    } finally {
      baseline.cleanup();
    }
  }
  const port = await freePort();
  const running = await startProcess(
    process.execPath,
    ['--v8-pool-size=1', 'bin/run.mjs', 'serve'],
    ROOT,
    serverEnv(publicHex, port, o.workers !== undefined ? { HTTP_WORKERS: String(o.workers) } : {}),
  );
  try {
    await measure('this build', running, keys.privateKey, o, out);
  } finally {
    await running.stop();
  }
  out.load = loadavg().map((x) => Math.round(x * 100) / 100);
  return out;
}

export function floodLines(r: FloodReport): string[] {
  const lines = [
    `Unsigned flood: ${r.options.flooders} keep-alive connections sending bad signatures (${r.options.floodBytes}-byte bodies); ${r.options.probes} genuine /org on new connections, one every ${r.options.probeGapMs} ms (time to first byte, ms; load ${r.load.join(' ')})`,
  ];
  for (const [label, s] of Object.entries(r.servers)) {
    const f = (t: TtfbStats): string =>
      `p50 ${t.p50} · p90 ${t.p90} · p99 ${t.p99} · max ${t.max}${t.errors ? ` · ${t.errors} errors` : ''}`;
    lines.push(`  ${label.padEnd(18)} at rest: ${f(s.rest)}`);
    const cpu = s.flood.serverCpuMsPerRequest;
    lines.push(
      `  ${''.padEnd(18)} flood:   ${f(s.flood)} (flood answered ${s.flood.floodPerSecond}/s${cpu !== undefined ? `, server CPU ${cpu} ms per request` : ''})`,
    );
  }
  return lines;
}
