/**
 * The HTTP door's test harness, shared by tests/http.test.ts and tests/http-actions.test.ts: a key pair
 * made here, interactions as Discord sends them, requests signed with Discord's scheme (Ed25519 over
 * `timestamp + body`), and the real server on a free loopback port with its log lines captured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { UserRateLimiter } from '../../src/doors/shared/rate-limit.js';
import { createLogger } from '../../src/doors/shared/log.js';
import { createInteractionServer, type InteractionServerOptions } from '../../src/doors/http/server.js';
import { capture } from './output.js';
import { services } from './services.js';

export type Json = Record<string, unknown>;

export const APP_ID = '123456789012345678';
export const USER_A = '222222222222222222';
/** An interaction token of the length and alphabet Discord's have (it goes into webhook paths). */
export const TOKEN = 'aW50ZXJhY3Rpb246OTAwMDAwMDAwMDAwMDAwMDAxOnNlY3JldC10b2tlbi12YWx1ZQ';

export const keys = generateKeyPairSync('ed25519');
/** The raw 32-byte key as hex, the form the developer portal shows: the SPKI DER minus its 12-byte header. */
export function rawHex(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
}
export const PUBLIC_HEX = rawHex(keys.publicKey);

export function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

export function signed(body: string, opts: { key?: KeyObject; timestamp?: string } = {}): Record<string, string> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const signature = sign(null, Buffer.from(timestamp + body), opts.key ?? keys.privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

export interface Who {
  user?: string;
  locale?: string;
  guildLocale?: string;
  /** true: a DM (top-level `user`); false: a guild (`member.user`). */
  dm?: boolean;
}

/** Each interaction Discord sends has its own id (the door refuses a replayed one): a counter makes them. */
let nextId = 900000000000000001n;
export function interactionId(): string {
  return String(nextId++);
}

export function base(type: number, who: Who = {}): Json {
  const user = { id: who.user ?? USER_A, username: 'tester', discriminator: '0', global_name: null, avatar: null };
  return {
    id: interactionId(),
    application_id: APP_ID,
    type,
    token: TOKEN,
    version: 1,
    locale: who.locale ?? 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    ...(who.dm
      ? { user, context: 1 }
      : {
          guild_id: '700000000000000001',
          guild_locale: who.guildLocale ?? 'zh-TW',
          member: { user, roles: [], permissions: '0', joined_at: '2024-01-01T00:00:00.000Z' },
          context: 0,
        }),
  };
}

export function slash(name: string, options: Json[] = [], who: Who = {}): Json {
  return { ...base(2, who), data: { id: '800000000000000001', name, type: 1, options } };
}

/** One option as Discord sends it (string 3 by default). */
export function opt(name: string, value: string | number | boolean, type = 3): Json {
  return { name, type, value };
}

export interface Reply {
  status: number;
  body: Json;
  ms: number;
  /** When the request was sent and answered (performance.now()). */
  sentAt?: number;
  doneAt?: number;
  /** performance.timeOrigin of the thread that took sentAt/doneAt (the flood worker's differs). */
  origin?: number;
}

export async function post(url: string, body: string, headers: Record<string, string>): Promise<Reply> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  const t1 = performance.now();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, ms: t1 - t0, sentAt: t0, doneAt: t1 };
}

export function postSigned(url: string, interaction: Json): Promise<Reply> {
  const body = JSON.stringify(interaction);
  return post(url, body, signed(body));
}

/** What the core returns, as it looks after a trip through JSON. */
export function viaJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** pino's JSON lines, parsed. */
export class Lines extends Writable {
  readonly lines: Json[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Json);
    cb();
  }
  get text(): string {
    return JSON.stringify(this.lines);
  }
}

export interface Started {
  url: string;
  base: string;
  door: ReturnType<typeof createInteractionServer>;
  logs: Lines;
}

/** The real server on a free loopback port, with a generous rate limit and debug logs captured. */
export async function start(options: Partial<InteractionServerOptions> = {}): Promise<Started> {
  const logs = new Lines();
  const door = createInteractionServer({
    services,
    publicKey: PUBLIC_HEX,
    logger: createLogger({ level: 'debug', destination: logs }),
    applicationId: APP_ID,
    limiter: new UserRateLimiter({ points: 1000, windowSeconds: 60 }),
    ...options,
  });
  const address = await door.listen(0, '127.0.0.1');
  const root = `http://127.0.0.1:${address.port}`;
  return { url: `${root}/interactions`, base: root, door, logs };
}

/**
 * The real server for the tests of a file or a describe block: started before them (with the options the
 * thunk gives then, so they may use a fake Discord started before it), closed after; `set` gets it.
 */
export function useDoor(
  set: (started: Started) => void,
  options: () => Partial<InteractionServerOptions> = () => ({}),
): void {
  let started: Started | undefined;
  beforeAll(async () => {
    started = await start(options());
    set(started);
  });
  afterAll(() => started?.door.close());
}

const ROOT = join(import.meta.dirname, '..', '..');

export interface Served {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

/** Runs the real `serve` entry, as `npm run serve` starts it (bin/run.mjs), on a free loopback port. */
export async function spawnServe(env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/run.mjs'), 'serve'], {
    cwd: tmpdir(), // no stray .env
    env: {
      PATH: process.env.PATH,
      DISCORD_PUBLIC_KEY: PUBLIC_HEX,
      DISCORD_APPLICATION_ID: APP_ID,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = capture(child, 'serve');
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const url = await new Promise<string>((resolve, reject) => {
    // Never leave a server behind: one that has not said where it listens within 15 s is stopped.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within 15 s: ${output.stderr()}`));
    }, 15_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/interactions)/.exec(output.stdout());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${output.stderr()}`));
    });
  });
  return {
    url,
    child,
    stderr: output.stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return (await exited)[0];
    },
  };
}
