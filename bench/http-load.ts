/**
 * Load benchmark for the HTTP interactions door (a program, not a test):
 *
 *   node --import tsx bench/http-load.ts [--requests 10000] [--concurrency 32] [--in-process] [--json]
 *                                        [--flooders 200] [--flood-bytes 16384] [--probes 100] [--skip-flood]
 *
 * Starts the door on 127.0.0.1 — by default in a child process, so that the load generator and the
 * server each have a core of this 2-core machine and the server's memory is its own — then fires signed
 * interactions (a mix of /org, /ask, autocomplete and component clicks, each from a different user, as
 * real traffic is) with a fixed number in flight. Prints throughput, latency percentiles, errors and the
 * server's peak RSS; `--json` prints the same as one JSON object.
 *
 * Requests are built and signed before the clock starts, and a warm-up round is not counted, so the
 * figures measure the server, not the generator's signing or V8's first compilations. The server logs
 * every interaction at info level, as in production, into /dev/null.
 *
 * Then the unsigned-flood section (bench/http-flood.ts): the time to first byte of genuine interactions
 * on new connections while many connections send bad signatures, for `serve` as it is and as it was before
 * the flood fixes, side by side in the same run.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { createServices } from '../src/app/services.js';
import { UserRateLimiter } from '../src/doors/shared/rate-limit.js';
import { createLogger } from '../src/doors/shared/log.js';
import { createInteractionServer } from '../src/doors/http/server.js';
import { floodBench, floodLines } from './http-flood.js';

const APP_ID = '123456789012345678';

interface ServerReport {
  peakRssBytes: number;
  rssBytes: number;
  heapUsedBytes: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

type ChildMessage = { port: number } | { report: ServerReport };

// ---------------------------------------------------------------------------------------------------
// The server side (in the child, or in this process with --in-process)

async function startServer(publicKeyHex: string): Promise<{ port: number; stop: () => Promise<ServerReport> }> {
  const services = await createServices();
  const door = createInteractionServer({
    services,
    publicKey: publicKeyHex,
    logger: createLogger({ level: 'info', destination: createWriteStream('/dev/null') }),
    limiter: new UserRateLimiter(),
    applicationId: APP_ID,
  });
  const { port } = await door.listen(0, '127.0.0.1');
  return {
    port,
    stop: async () => {
      await door.close();
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      return {
        // maxRSS is in kilobytes: the process's peak resident memory since it started.
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
      };
    },
  };
}

async function childMain(publicKeyHex: string): Promise<void> {
  const server = await startServer(publicKeyHex);
  process.send?.({ port: server.port } satisfies ChildMessage);
  process.once('message', () => {
    void server.stop().then((report) => {
      process.send?.({ report } satisfies ChildMessage, () => process.exit(0));
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// The load generator

interface Prepared {
  kind: 'command' | 'autocomplete' | 'component';
  body: string;
  headers: Record<string, string | number>;
  expectType: number;
}

const ORG_QUERIES = [
  'ICLEI',
  'UCLG',
  '城市聯盟',
  'Cities Alliance',
  'metropolis',
  '世界大都市協會',
  'citynet',
  'sister cities',
  'no such thing',
  'eurocities',
];
const QUESTIONS = [
  '高雄參加了哪些國際組織?',
  'When was ICLEI founded?',
  'UCLG 總部在哪裡?',
  'How many members does Metropolis have?',
  '1990年代成立的組織',
  'what is the meaning of life',
];
const TYPED = ['ic', 'UC', '城市', 'kao', '臺北', 'met', '', 'x'];
const CLICKS: Array<[string, string[] | undefined, number]> = [
  ['ls:e:-:1', undefined, 7],
  ['ls:z:-:2', undefined, 7],
  ['ab:e:1', undefined, 7],
  ['fd:z:1990-1999:-:0', undefined, 7],
  ['org:e:pick', ['iclei'], 7],
  ['fd:e:9999-1:-:x', undefined, 4], // a stale id: answered with a notice
];

function prepare(n: number, key: KeyObject): Prepared[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const out: Prepared[] = [];
  for (let i = 0; i < n; i++) {
    const user = { id: String(10n ** 17n + BigInt(i)), username: `user${i}` };
    const common = {
      id: String(10n ** 18n + BigInt(i)),
      application_id: APP_ID,
      token: `token-${i}`,
      version: 1,
      locale: i % 3 === 0 ? 'en-US' : 'zh-TW',
      guild_id: '700000000000000001',
      guild_locale: 'zh-TW',
      member: { user, roles: [], permissions: '0' },
    };
    const slot = i % 20; // 8 /org, 4 /ask, 5 autocomplete, 3 component clicks in every 20
    let interaction: Record<string, unknown>;
    let kind: Prepared['kind'];
    let expectType: number;
    if (slot < 8) {
      kind = 'command';
      expectType = 4;
      const query = ORG_QUERIES[i % ORG_QUERIES.length]!;
      interaction = {
        ...common,
        type: 2,
        data: { id: '1', name: 'org', type: 1, options: [{ name: 'query', type: 3, value: query }] },
      };
    } else if (slot < 12) {
      kind = 'command';
      expectType = 4;
      const question = QUESTIONS[i % QUESTIONS.length]!;
      interaction = {
        ...common,
        type: 2,
        data: { id: '2', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: question }] },
      };
    } else if (slot < 17) {
      kind = 'autocomplete';
      expectType = 8;
      const [name, option] = i % 2 ? ['org', 'query'] : ['taiwan', 'city'];
      const value = TYPED[i % TYPED.length]!;
      interaction = {
        ...common,
        type: 4,
        data: { id: '3', name, type: 1, options: [{ name: option, type: 3, value, focused: true }] },
      };
    } else {
      kind = 'component';
      const [customId, values, type] = CLICKS[i % CLICKS.length]!;
      expectType = type;
      interaction = {
        ...common,
        type: 3,
        message: { id: '600000000000000001', content: '', embeds: [], components: [] },
        data: { custom_id: customId, component_type: values ? 3 : 2, ...(values ? { values } : {}) },
      };
    }
    const body = JSON.stringify(interaction);
    out.push({
      kind,
      body,
      expectType,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), key).toString('hex'),
        'x-signature-timestamp': timestamp,
      },
    });
  }
  return out;
}

interface Outcome {
  ms: number;
  ok: boolean;
  /** When it was sent, in ms from the start of the run. */
  at: number;
}

function send(agent: Agent, port: number, p: Prepared): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/interactions', method: 'POST', agent, headers: p.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let ok = res.statusCode === 200;
          try {
            ok &&= (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: number }).type === p.expectType;
          } catch {
            ok = false;
          }
          resolve({ ms: performance.now() - t0, ok, at: t0 });
        });
      },
    );
    req.on('error', () => resolve({ ms: performance.now() - t0, ok: false, at: t0 }));
    req.end(p.body);
  });
}

async function fire(
  agent: Agent,
  port: number,
  work: Prepared[],
  concurrency: number,
): Promise<{ outcomes: Outcome[]; seconds: number }> {
  const outcomes: Outcome[] = new Array<Outcome>(work.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < work.length; i = next++) outcomes[i] = await send(agent, port, work[i]!);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const o of outcomes) o.at -= t0;
  return { outcomes, seconds };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      requests: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '500' },
      'in-process': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      flooders: { type: 'string', default: '200' },
      'flood-bytes': { type: 'string', default: '16384' },
      probes: { type: 'string', default: '100' },
      'skip-flood': { type: 'boolean', default: false },
      'serve-child': { type: 'string' },
    },
  });
  if (args['serve-child']) return childMain(args['serve-child']);

  const requests = Number(args.requests);
  const concurrency = Number(args.concurrency);
  const warmup = Number(args.warmup);
  const flooders = Number(args.flooders);
  const probeCount = Number(args.probes);
  const floodBytes = Number(args['flood-bytes']);
  if (
    ![requests, concurrency, warmup, flooders, probeCount, floodBytes].every((n) => Number.isInteger(n) && n >= 0) ||
    requests < 1 ||
    concurrency < 1 ||
    flooders < 1 ||
    probeCount < 1
  ) {
    console.error(
      'usage: http-load.ts [--requests N] [--concurrency N] [--warmup N] [--in-process] [--json] [--flooders N] [--flood-bytes N] [--probes N] [--skip-flood]',
    );
    process.exitCode = 2;
    return;
  }
  const keys = generateKeyPairSync('ed25519');
  const publicHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

  let port: number;
  let stop: () => Promise<ServerReport>;
  if (args['in-process']) {
    const server = await startServer(publicHex);
    port = server.port;
    stop = server.stop;
  } else {
    // Same file, same loader (execArgv carries `--import tsx` when run from source).
    const child = fork(process.argv[1]!, ['--serve-child', publicHex], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: ChildMessage) =>
        'port' in m ? resolve(m.port) : reject(new Error('unexpected message')),
      );
      child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
    });
    stop = () =>
      new Promise<ServerReport>((resolve) => {
        child.once('message', (m: ChildMessage) => 'report' in m && resolve(m.report));
        child.send('stop');
      });
  }

  const all = prepare(warmup + requests, keys.privateKey);
  // One keep-alive pool for the warm-up and the run, as Discord keeps its connections open.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  if (warmup > 0) await fire(agent, port, all.slice(0, warmup), concurrency);
  const { outcomes, seconds } = await fire(agent, port, all.slice(warmup), concurrency);
  agent.destroy();
  const server = await stop();

  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const errors = outcomes.filter((o) => !o.ok).length;
  const mix = all
    .slice(warmup)
    .reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.kind]: (acc[p.kind] ?? 0) + 1 }), {});
  const byKind: Record<string, { p50: number; p99: number; max: number }> = {};
  for (const kind of Object.keys(mix)) {
    const k = outcomes
      .filter((_, i) => all[warmup + i]!.kind === kind)
      .map((o) => o.ms)
      .sort((a, b) => a - b);
    byKind[kind] = {
      p50: round(percentile(k, 0.5)),
      p99: round(percentile(k, 0.99)),
      max: round(k[k.length - 1] ?? NaN),
    };
  }
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
  const summary = {
    requests,
    concurrency,
    mix,
    server: args['in-process'] ? 'in-process' : 'child process',
    seconds: round(seconds, 3),
    throughputPerSecond: round(requests / seconds, 1),
    latencyMs: {
      p50: round(percentile(ms, 0.5)),
      p90: round(percentile(ms, 0.9)),
      p99: round(percentile(ms, 0.99)),
      max: round(ms[ms.length - 1] ?? NaN),
      mean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
      byKind,
      slowestSentAtMs: round(slowest.at, 0),
    },
    errors,
    serverPeakRssMB: mb(server.peakRssBytes),
    serverRssAtEndMB: mb(server.rssBytes),
    serverCpuSeconds: round((server.cpuUserMs + server.cpuSystemMs) / 1000, 2),
    generatorPeakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    node: process.version,
  };

  const flood = args['skip-flood']
    ? undefined
    : await floodBench({ flooders, floodBytes, probes: probeCount, probeGapMs: 30 });

  if (args.json) {
    console.log(JSON.stringify({ ...summary, ...(flood ? { flood } : {}) }));
  } else {
    const l = summary.latencyMs;
    console.log(
      [
        `HTTP interactions door: ${requests} signed interactions, ${concurrency} in flight (server: ${summary.server}, ${warmup} warm-up requests not counted)`,
        `  mix:         ${Object.entries(mix)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
        `  duration:    ${summary.seconds} s`,
        `  throughput:  ${summary.throughputPerSecond} requests/s`,
        `  latency:     p50 ${l.p50} ms · p90 ${l.p90} ms · p99 ${l.p99} ms · max ${l.max} ms (mean ${l.mean} ms)`,
        `  by kind:     ${Object.entries(byKind)
          .map(([k, v]) => `${k} p50 ${v.p50} / p99 ${v.p99} / max ${v.max} ms`)
          .join(' · ')}`,
        `  slowest:     sent ${l.slowestSentAtMs} ms into the run`,
        `  errors:      ${errors}`,
        `  server:      peak RSS ${summary.serverPeakRssMB} MB (${summary.serverRssAtEndMB} MB at the end), CPU ${summary.serverCpuSeconds} s`,
        `  generator:   peak RSS ${summary.generatorPeakRssMB} MB · ${summary.node}`,
        ...(flood ? ['', ...floodLines(flood)] : []),
      ].join('\n'),
    );
  }
  if (errors > 0) process.exitCode = 1;
}

await main();
