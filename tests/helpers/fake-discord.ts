/**
 * A small fake Discord on 127.0.0.1 for end-to-end tests of the real discord.js client: REST on node:http
 * and the gateway on `ws`, on one port. It answers what the bot calls (gateway info, command registration,
 * interaction callbacks, webhooks, channel messages), records everything it receives, dispatches
 * INTERACTION_CREATE and MESSAGE_CREATE, and injects faults (op 7, op 9, close codes, 429 and 5xx).
 * Protocol facts: shared/notes/discord-offline-testing.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientOptions } from 'discord.js';
import type { Services } from '../../src/answers/context.js';
import type { Bot } from '../../src/doors/gateway/bot.js';
import { runGateway } from '../../src/doors/gateway/start.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, valid snowflake (19 digits today), increasing within the process. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, percent-decoded (`/webhooks/…/messages/@original`). */
  path: string;
  query: string;
  /** Authorization header was `Bot <the valid token>`. */
  authorized: boolean;
  body: unknown;
  /** The files of a multipart/form-data request (its `payload_json` is `body`), in the order sent. */
  files?: RecordedFile[];
  status: number;
  at: number;
}

export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  name: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface Callback {
  interactionId: string;
  type: number;
  data: Record<string, unknown> | undefined;
  at: number;
  /** How the fake answered this attempt (204, or the injected fault's status). */
  status: number;
}

export interface GatewayFrame {
  session: number;
  op: number;
  d: unknown;
  at: number;
}

interface Session {
  /** Connection number, for the test's own bookkeeping. */
  n: number;
  ws: WebSocket;
  sessionId?: string;
  shard?: [number, number];
  open: boolean;
}

interface SessionState {
  sessionId: string;
  seq: number;
  shard: [number, number];
  valid: boolean;
  current: Session;
}

interface Fault {
  match: (method: string, path: string) => boolean;
  status: number;
  retryAfter?: number;
  times: number;
}

export interface FakeDiscordOptions {
  token?: string;
  /** Recommended shard count in GET /gateway/bot. */
  shards?: number;
  guildLocale?: string;
}

type Json = Record<string, unknown>;

export const BOT_TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GfAkEt.secret-fake-token-value-for-tests-0123456789';

/** Fast, deterministic discord.js settings for tests (the notes' recommendations). */
export const FAST_CLIENT: Partial<ClientOptions> = {
  rest: { offset: 0, retries: 1, timeout: 2000 },
  // Re-identify after op 9 is otherwise throttled 5–6.5 s.
  ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) },
};

/** A Writable that keeps every line written to it (pino's destination, plain stderr). */
export class LineSink extends Writable {
  readonly chunks: string[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.chunks.join('');
  }
  /** pino lines parsed as JSON (non-JSON lines skipped). */
  get records(): Json[] {
    return this.text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Json);
  }
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botId = this.applicationId;
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly roleId = snowflake();
  readonly dmChannelId = snowflake();
  /** Where deploy-commands run against this fake stores the command ids. */
  readonly commandIdsFile = join(tmpdir(), `fake-discord-${this.applicationId}`, 'commands.json');
  readonly requests: RecordedRequest[] = [];
  readonly callbacks: Callback[] = [];
  /** Messages the bot posted (or a test stored), by id: GET, PATCH and DELETE on them work like Discord's. */
  readonly stored = new Map<string, Json>();
  readonly frames: GatewayFrame[] = [];
  /** performance.now() when each interaction was dispatched, by id. */
  readonly dispatchedAt = new Map<string, number>();
  recommendedShards: number;
  guildLocale: string;
  /** Set to a close code to refuse every IDENTIFY with it (e.g. 4004 for a token the gateway rejects). */
  refuseIdentify: number | undefined;
  /**
   * Set to refuse every gateway WebSocket (its upgrade request's socket is destroyed unanswered, as by a
   * gateway that is down) while REST keeps answering; `refusedWebSockets` counts the refused attempts.
   */
  refuseWebSocket = false;
  refusedWebSockets = 0;
  /** Set to leave every IDENTIFY unanswered (no READY, no close), as a gateway that stalls after HELLO. */
  holdIdentify = false;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sessions: Session[] = [];
  private readonly states = new Map<string, SessionState>();
  private readonly faults: Fault[] = [];
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? BOT_TOKEN;
    this.recommendedShards = options.shards ?? 1;
    this.guildLocale = options.guildLocale ?? 'en-US';
    this.server = createServer((req, res) => void this.onHttp(req, res));
    // The upgrades are ours to route (rather than `ws`'s own listener) so that refuseWebSocket can drop them.
    this.wss = new WebSocketServer({ noServer: true });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    this.server.on('upgrade', (req, socket, head) => {
      if (this.refuseWebSocket) {
        this.refusedWebSockets += 1;
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** The environment `npm start` / deploy-commands would get, pointed at this fake. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      DISCORD_TOKEN: this.token,
      DISCORD_APPLICATION_ID: this.applicationId,
      DISCORD_API_URL: this.apiUrl,
      LOG_LEVEL: 'info',
      // deploy-commands stores the ids it gets back: in a folder of this fake, never in the checkout.
      COMMAND_IDS_FILE: this.commandIdsFile,
      ...extra,
    };
  }

  get botUser(): Json {
    return {
      id: this.botId,
      username: 'city-alliance-bot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    };
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- REST

  /** The next `times` requests matching method and path get `status` (429 with Retry-After seconds). */
  fault(method: string, path: RegExp, status: number, times = 1, retryAfter?: number): void {
    this.faults.push({
      match: (m, p) => m === method && path.test(p),
      status,
      times,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }

  failCallbacks(status: number, times = 1, retryAfter?: number): void {
    this.fault('POST', /^\/interactions\/\d+\/[^/]+\/callback$/, status, times, retryAfter);
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const raw = rawBytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    let body: unknown;
    let files: RecordedFile[] | undefined;
    const contentType = req.headers['content-type'] ?? '';
    if (/^multipart\/form-data\b/i.test(contentType)) {
      // Messages with files (discord.js's, the HTTP door's edits): `payload_json` is the body, the rest files.
      try {
        const form = await new Response(rawBytes, { headers: { 'content-type': contentType } }).formData();
        files = [];
        for (const [name, value] of form.entries()) {
          if (typeof value === 'string') {
            if (name === 'payload_json') body = JSON.parse(value) as unknown;
            continue;
          }
          files.push({
            name,
            filename: value.name,
            contentType: value.type,
            data: Buffer.from(await value.arrayBuffer()),
          });
        }
      } catch {
        body = raw;
      }
    } else {
      try {
        body = raw ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = {
      method,
      path,
      query: url.search,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      body,
      ...(files ? { files } : {}),
      status: 0,
      at: performance.now(),
    };
    this.requests.push(record);
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, json === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };

    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    const fault = this.faults.find((f) => f.times > 0 && f.match(method, path));
    if (fault) {
      fault.times -= 1;
      if (callback) this.recordCallback(callback[1]!, body, fault.status, record.at);
      if (fault.status === 429) {
        const after = fault.retryAfter ?? 1;
        return send(
          429,
          { message: 'You are being rate limited.', retry_after: after, global: false },
          { 'retry-after': String(after), 'x-ratelimit-scope': 'user' },
        );
      }
      return send(fault.status, { message: 'Injected server error', code: 0 });
    }

    if (callback) {
      // Like Discord: one response per interaction; a second one (e.g. a client retry after a timeout) fails.
      if (this.answersTo(callback[1]!).length > 0) {
        this.recordCallback(callback[1]!, body, 400, record.at);
        return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      }
      this.recordCallback(callback[1]!, body, 204, record.at);
      return send(204);
    }
    const needsAuth = !path.startsWith('/webhooks/');
    if (needsAuth && !record.authorized) return send(401, { message: '401: Unauthorized', code: 0 });

    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: this.gatewayUrl,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
      });
    }
    if (method === 'GET' && path === '/gateway') return send(200, { url: this.gatewayUrl });
    if (method === 'GET' && path === '/users/@me') return send(200, this.botUser);
    const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (commands && method === 'PUT') {
      if (commands[1] !== this.applicationId) return send(403, { message: 'Missing Access', code: 50001 });
      const list = Array.isArray(body) ? (body as Json[]) : [];
      return send(
        200,
        list.map((c) => ({
          ...c,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          ...(commands[2] ? { guild_id: commands[2] } : {}),
        })),
      );
    }
    // A message with files lists them as Discord would (attachment objects), replacing the metadata sent.
    const withFiles = (b: unknown): Json => ({
      ...(b as Json),
      ...(files && files.length > 0
        ? {
            attachments: files.map((f) => {
              const id = snowflake();
              const link = `${this.apiUrl.replace(/\/api$/, '')}/attachments/${this.channelId}/${id}/${f.filename}`;
              return {
                id,
                filename: f.filename,
                size: f.data.length,
                content_type: f.contentType,
                url: link,
                proxy_url: link,
              };
            }),
          }
        : {}),
    });
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path) && method === 'PATCH') {
      return send(200, this.message(this.channelId, withFiles(body)));
    }
    if (/^\/webhooks\/\d+\/[^/]+$/.test(path) && method === 'POST') {
      return send(200, this.message(this.channelId, withFiles(body)));
    }
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessage && method === 'POST') {
      const sent = this.message(channelMessage[1]!, body as Json);
      this.stored.set(sent.id as string, sent);
      return send(200, sent);
    }
    // One message: fetched (a reply's referenced answer), edited or deleted, as the bot's own.
    const oneMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (oneMessage) {
      const known = this.stored.get(oneMessage[2]!);
      if (!known) return send(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'GET') return send(200, known);
      if (method === 'PATCH') {
        const edited = { ...known, ...(body as Json), edited_timestamp: new Date().toISOString() };
        this.stored.set(oneMessage[2]!, edited);
        return send(200, edited);
      }
      if (method === 'DELETE') {
        this.stored.delete(oneMessage[2]!);
        return send(204);
      }
    }
    return send(404, { message: '404: Not Found', code: 0 });
  }

  private recordCallback(interactionId: string, body: unknown, status: number, at: number): void {
    const b = (body ?? {}) as { type?: number; data?: Record<string, unknown> };
    this.callbacks.push({ interactionId, type: b.type ?? -1, data: b.data, at, status });
  }

  /** A message object as Discord returns it (discord.js builds a Message from it). */
  message(channelId: string, body: Json = {}, author: Json = this.botUser): Json {
    return messageJson(channelId, body, author);
  }

  /** Requests by method and path pattern. */
  received(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Accepted (204) callbacks for one interaction. */
  answersTo(interactionId: string): Callback[] {
    return this.callbacks.filter((c) => c.interactionId === interactionId && c.status === 204);
  }

  /** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
  async waitFor<T>(check: () => T | undefined | false, ms = 5_000, what = 'condition'): Promise<T> {
    const until = performance.now() + ms;
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v;
      if (performance.now() > until) throw new Error(`fake Discord: timed out after ${ms} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The one accepted answer to an interaction, once it arrives. */
  answer(interactionId: string, ms = 5_000): Promise<Callback> {
    return this.waitFor(() => this.answersTo(interactionId)[0], ms, `the answer to interaction ${interactionId}`);
  }

  // ---------------------------------------------------------------- gateway

  /** IDENTIFY payloads received, in order. */
  get identifies(): GatewayFrame[] {
    return this.frames.filter((f) => f.op === 2);
  }

  get resumes(): GatewayFrame[] {
    return this.frames.filter((f) => f.op === 6);
  }

  /** Sessions that completed IDENTIFY or RESUME and are still connected. */
  get liveSessions(): SessionState[] {
    return [...this.states.values()].filter((s) => s.valid && s.current.open);
  }

  private onConnection(ws: WebSocket): void {
    const session: Session = { n: this.sessions.length, ws, open: true };
    this.sessions.push(session);
    ws.on('close', () => (session.open = false));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.frames.push({ session: session.n, op: frame.op, d: frame.d, at: performance.now() });
      this.onFrame(session, frame.op, frame.d);
    });
    this.sendRaw(session, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private sendRaw(session: Session, payload: Json): void {
    if (session.ws.readyState === session.ws.OPEN) session.ws.send(JSON.stringify(payload));
  }

  private dispatchTo(state: SessionState, t: string, d: unknown): void {
    state.seq += 1;
    this.sendRaw(state.current, { op: 0, t, s: state.seq, d });
  }

  /** The shard a guild belongs to: (guild_id >> 22) % shard count, as Discord computes it. */
  static shardOf(guildId: string, count: number): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  private onFrame(session: Session, op: number, d: unknown): void {
    if (op === 1) return this.sendRaw(session, { op: 11 });
    if (op === 2) {
      if (this.holdIdentify) return;
      const identify = d as { token: string; shard?: [number, number] };
      if (identify.token !== this.token || this.refuseIdentify !== undefined) {
        session.ws.close(this.refuseIdentify ?? 4004, 'Refused by the fake');
        return;
      }
      const shard = identify.shard ?? [0, 1];
      const state: SessionState = { sessionId: snowflake(), seq: 0, shard, valid: true, current: session };
      this.states.set(state.sessionId, state);
      session.sessionId = state.sessionId;
      session.shard = shard;
      const mine = FakeDiscord.shardOf(this.guildId, shard[1]) === shard[0];
      this.dispatchTo(state, 'READY', {
        v: 10,
        user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0 },
        guilds: mine ? [{ id: this.guildId, unavailable: true }] : [],
        session_id: state.sessionId,
        resume_gateway_url: this.gatewayUrl,
        shard,
        application: { id: this.applicationId, flags: 0 },
        private_channels: [],
      });
      if (mine) this.dispatchTo(state, 'GUILD_CREATE', this.guild());
      return;
    }
    if (op === 6) {
      const resume = d as { session_id: string; seq: number; token: string };
      const state = this.states.get(resume.session_id);
      if (!state || !state.valid || resume.token !== this.token) {
        this.sendRaw(session, { op: 9, d: false });
        return;
      }
      state.current = session;
      session.sessionId = state.sessionId;
      session.shard = state.shard;
      this.dispatchTo(state, 'RESUMED', null);
    }
  }

  private guild(): Json {
    return {
      id: this.guildId,
      name: 'Fake Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: snowflake(),
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: this.guildId,
          name: '@everyone',
          color: 0,
          hoist: false,
          position: 0,
          permissions: '0',
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: this.roleId,
          name: 'staff',
          color: 0,
          hoist: false,
          position: 1,
          permissions: '0',
          managed: false,
          mentionable: true,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: this.guildLocale,
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [],
      channels: [
        {
          id: this.channelId,
          type: 0,
          guild_id: this.guildId,
          name: 'general',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
          topic: null,
          last_message_id: null,
          rate_limit_per_user: 0,
        },
      ],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private target(shard?: number): SessionState {
    const live = this.liveSessions;
    const state = shard === undefined ? live[0] : live.find((s) => s.shard[0] === shard);
    if (!state)
      throw new Error(`fake Discord: no live gateway session${shard === undefined ? '' : ` for shard ${shard}`}`);
    return state;
  }

  /** Sends a dispatch event to a live session (the first, or the one for `shard`). */
  dispatch(t: string, d: unknown, shard?: number): void {
    this.dispatchTo(this.target(shard), t, d);
  }

  /** op 7: asks the client to reconnect and resume. */
  requestReconnect(shard?: number): void {
    this.sendRaw(this.target(shard).current, { op: 7, d: null });
  }

  /** op 9 with d:false: the session is gone; the client must identify again on a new connection. */
  invalidateSession(shard?: number): void {
    const state = this.target(shard);
    state.valid = false;
    this.sendRaw(state.current, { op: 9, d: false });
  }

  /**
   * Closes a live session's socket with a close code. Like Discord, the session stays resumable after
   * codes such as 4000 (unknown error) and is gone after 4004, 4007, 4009 and 4010–4014.
   */
  closeGateway(code: number, shard?: number): void {
    const state = this.target(shard);
    if (code === 4004 || code === 4007 || code === 4009 || (code >= 4010 && code <= 4014)) state.valid = false;
    state.current.ws.close(code, 'closed by the fake');
  }

  // ---------------------------------------------------------------- interactions and messages

  user(id = snowflake()): Json {
    return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null };
  }

  private base(type: number, opts: InteractionOpts): Json {
    const id = snowflake();
    const user = this.user(opts.userId);
    return {
      id,
      application_id: this.applicationId,
      type,
      token: `interaction-token-${id}`,
      version: 1,
      locale: opts.locale ?? 'zh-TW',
      app_permissions: '0',
      entitlements: [],
      attachment_size_limit: 8 * 1024 * 1024,
      ...(opts.dm
        ? {
            channel_id: this.dmChannelId,
            channel: { id: this.dmChannelId, type: 1 },
            user,
            context: 1,
            authorizing_integration_owners: { '1': user.id },
          }
        : {
            guild_id: this.guildId,
            guild_locale: this.guildLocale,
            channel_id: this.channelId,
            channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: 'general' },
            member: {
              user,
              roles: [],
              permissions: '0',
              joined_at: new Date().toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
            },
            context: 0,
            authorizing_integration_owners: { '0': this.guildId },
          }),
    };
  }

  /** A slash command (type 2). Option types follow the values: string 3, integer 4, boolean 5. */
  command(name: string, options: Record<string, string | number | boolean> = {}, opts: InteractionOpts = {}): Json {
    return {
      ...this.base(2, opts),
      data: { id: snowflake(), name, type: 1, options: toOptions(options) },
    };
  }

  /** Autocomplete (type 4): `focused` is the option being typed. */
  autocomplete(
    name: string,
    focused: string,
    typed: string,
    others: Record<string, string | number | boolean> = {},
    opts: InteractionOpts = {},
  ): Json {
    return {
      ...this.base(4, opts),
      data: {
        id: snowflake(),
        name,
        type: 1,
        options: [...toOptions(others), { name: focused, type: 3, value: typed, focused: true }],
      },
    };
  }

  /** A message context-menu command (type 2, data.type 3) on `target`, as Discord sends it with the message resolved. */
  messageCommand(name: string, target: Json, opts: InteractionOpts = {}): Json {
    const id = target.id as string;
    return {
      ...this.base(2, opts),
      data: { id: snowflake(), name, type: 3, target_id: id, resolved: { messages: { [id]: target } } },
    };
  }

  /** A button click (values undefined) or string-select choice on `message` (type 3). */
  component(customId: string, message: Json, values?: string[], opts: InteractionOpts = {}): Json {
    return {
      ...this.base(3, opts),
      message: this.message(this.channelId, message),
      data: values ? { custom_id: customId, component_type: 3, values } : { custom_id: customId, component_type: 2 },
    };
  }

  /** Dispatches INTERACTION_CREATE and notes when, for latency. Returns the interaction id. */
  send(interaction: Json, shard?: number): string {
    const id = interaction.id as string;
    this.dispatchedAt.set(id, performance.now());
    this.dispatch('INTERACTION_CREATE', interaction, shard);
    return id;
  }

  /** A channel message; `mentionBot` puts `<@bot>` in front and the bot in `mentions`. */
  channelMessage(content: string, opts: MessageOpts = {}): Json {
    const author = opts.author ?? this.user(opts.userId);
    const channelId = opts.dm ? this.dmChannelId : this.channelId;
    return {
      ...this.message(channelId, { content }, author),
      ...(opts.dm
        ? {}
        : {
            guild_id: this.guildId,
            member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
          }),
      mentions: opts.mentions ?? [],
      mention_roles: opts.mentionRoles ?? [],
      mention_everyone: opts.mentionEveryone ?? false,
    };
  }

  /** A reply to `to` (a stored message): `referenced_message` and, when `ping`, its author in `mentions`. */
  replyMessage(content: string, to: Json, opts: MessageOpts & { ping?: boolean } = {}): Json {
    const base = this.channelMessage(content, opts);
    const toAuthor = to.author as Json;
    return {
      ...base,
      type: 19,
      message_reference: { type: 0, message_id: to.id, channel_id: to.channel_id, guild_id: this.guildId },
      referenced_message: to,
      mentions: opts.ping === false ? (opts.mentions ?? []) : [...(opts.mentions ?? []), toAuthor],
    };
  }

  /** Dispatches MESSAGE_DELETE for a message of the test channel. */
  deleteMessage(id: string, opts: { dm?: boolean } = {}): void {
    this.dispatch('MESSAGE_DELETE', {
      id,
      channel_id: opts.dm ? this.dmChannelId : this.channelId,
      ...(opts.dm ? {} : { guild_id: this.guildId }),
    });
  }

  /** Dispatches MESSAGE_UPDATE with the message's new content (the whole message, as Discord sends it). */
  editMessage(message: Json, content: string): Json {
    const edited = { ...message, content, edited_timestamp: new Date().toISOString() };
    this.dispatch('MESSAGE_UPDATE', edited);
    return edited;
  }

  /** Dispatches MESSAGE_CREATE; returns the message id. */
  sendMessage(message: Json, shard?: number): string {
    this.dispatch('MESSAGE_CREATE', message, shard);
    return message.id as string;
  }

  /** Channel-message POSTs that reply to `messageId`. */
  repliesTo(messageId: string): RecordedRequest[] {
    return this.received('POST', /^\/channels\/\d+\/messages$/).filter(
      (r) => (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === messageId,
    );
  }
}

export interface InteractionOpts {
  locale?: string;
  userId?: string;
  dm?: boolean;
}

export interface MessageOpts {
  userId?: string;
  author?: Json;
  dm?: boolean;
  mentions?: Json[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
}

function toOptions(options: Record<string, string | number | boolean>): Json[] {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3,
    value,
  }));
}

// ---------------------------------------------------------------- running the real bot against the fake

export interface RunningBot {
  bot: Bot;
  /** pino's JSON lines. */
  logs: LineSink;
  /** The plain messages for people. */
  stderr: LineSink;
  /** runGateway's exit status, once it returns. */
  exit: Promise<number>;
  /** Stops the bot as SIGTERM would; resolves with the exit status. */
  stop(): Promise<number>;
}

/** A message object as Discord sends it (in an event, a REST answer, or with an interaction): `body` overrides. */
export function messageJson(channelId: string, body: Json, author: Json): Json {
  return {
    id: snowflake(),
    channel_id: channelId,
    author,
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [],
    ...body,
  };
}

/** A fake Discord for the tests of a file or a describe block: started before them, closed after. */
export function useFakeDiscord(set: (fake: FakeDiscord) => void): void {
  let fake: FakeDiscord | undefined;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    set(fake);
  });
  afterAll(() => fake?.close());
}

/**
 * A fake Discord with the real bot connected to it, for the tests of a file or a describe block: `set`
 * gets both once the bot is ready; after the tests the bot must stop cleanly (status 0), then the fake closes.
 */
export function useBot(
  set: (started: { fake: FakeDiscord; running: RunningBot }) => void,
  opts: Parameters<typeof startBot>[1] = {},
): void {
  let fake: FakeDiscord | undefined;
  let running: RunningBot | undefined;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    running = await startBot(fake, opts);
    set({ fake, running });
  });
  afterAll(async () => {
    expect(await running?.stop()).toBe(0);
    await fake?.close();
  });
}

/**
 * Runs the same start-up code as `npm start` (runGateway) against the fake, in this process, and resolves
 * once the bot is ready to serve. Signals are left alone: the test stops it through an AbortSignal.
 */
export async function startBot(
  fake: FakeDiscord,
  opts: { env?: Record<string, string>; services?: Services; clientOptions?: Partial<ClientOptions> } = {},
): Promise<RunningBot> {
  const logs = new LineSink();
  const stderr = new LineSink();
  const abort = new AbortController();
  let onReady!: (bot: Bot) => void;
  const ready = new Promise<Bot>((resolve) => (onReady = resolve));
  const exit = runGateway(fake.env(opts.env), {
    processHandlers: false,
    signal: abort.signal,
    logDestination: logs,
    stderr,
    clientOptions: opts.clientOptions ?? FAST_CLIENT,
    ...(opts.services ? { services: opts.services } : {}),
    onReady: (bot) => bot && onReady(bot),
  });
  const early = exit.then((code) => {
    throw new Error(`the bot exited (${code}) before it was ready:\n${stderr.text}\n${logs.text}`);
  });
  const bot = await Promise.race([ready, early]);
  early.catch(() => undefined);
  return {
    bot,
    logs,
    stderr,
    exit,
    stop: () => {
      abort.abort();
      return exit;
    },
  };
}
