/**
 * The HTTP interactions door: Discord POSTs each interaction to /interactions, signed, and reads the
 * answer from the response. Order matters: size limit (413), then signature over the raw bytes (401),
 * then JSON (400), then shape (400) — a request that fails any of these never reaches a handler.
 * Everything after is the same core the gateway uses: runCommand / runAutocomplete / runComponent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Services } from '../../app/services.js';
import { rateLimitNotice, runAutocomplete, runCommand, runComponent } from '../../app/dispatch.js';
import { UserRateLimiter } from '../shared/rate-limit.js';
import type { AutocompleteRequest, CommandRequest, ComponentRequest, Payload } from '../../kernel/types.js';
import { LIMITS } from '../../kernel/limits.js';
import type { Logger } from '../shared/log.js';
import { DEFAULT_MAX_BODY_BYTES } from './config.js';
import { createVerifier } from './verify.js';
import { InteractionResponseType, InteractionType } from '../../kernel/discord-enums.js';
import { flattenOptions, isObject, shortString } from '../shared/options.js';

export const INTERACTIONS_PATH = '/interactions';
export const HEALTH_PATH = '/healthz';

export interface InteractionServerOptions {
  services: Services;
  /** The application's public key: 64 hex characters, or a key already built. */
  publicKey: string | KeyObject;
  logger: Logger;
  /** Per-user limit for commands and components; default: DEFAULT_RATE_LIMIT. */
  limiter?: UserRateLimiter;
  /** When set, an interaction for another application is refused (400): a misrouted endpoint. */
  applicationId?: string;
  maxBodyBytes?: number;
  maxSkewSeconds?: number;
  /** Clock for the timestamp check (ms); tests move it. */
  now?: () => number;
  /** How long close() lets in-flight requests run before cutting their connections. */
  shutdownGraceMs?: number;
}

export interface InteractionServer {
  server: Server;
  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, lets in-flight requests finish, resolves when every connection is closed. */
  close(): Promise<void>;
  /** Requests being handled right now. */
  inFlight(): number;
}

// ---------------------------------------------------------------------------------------------------
// Interaction JSON → plain requests

export type ParsedInteraction =
  | { kind: 'ping' }
  | { kind: 'command'; req: CommandRequest }
  | { kind: 'autocomplete'; req: AutocompleteRequest }
  | { kind: 'component'; req: ComponentRequest }
  | { kind: 'invalid'; reason: string };

/** Maps an interaction's JSON to the core's plain request, or says why it cannot be answered. */
export function parseInteraction(body: unknown, applicationId?: string): ParsedInteraction {
  if (!isObject(body)) return { kind: 'invalid', reason: 'body is not a JSON object' };
  const type = body.type;
  if (type === InteractionType.Ping) return { kind: 'ping' };
  if (
    type !== InteractionType.ApplicationCommand &&
    type !== InteractionType.MessageComponent &&
    type !== InteractionType.ApplicationCommandAutocomplete
  ) {
    return {
      kind: 'invalid',
      reason: `unsupported interaction type ${JSON.stringify(type)?.slice(0, 20) ?? 'undefined'}`,
    };
  }
  if (applicationId !== undefined && body.application_id !== undefined && body.application_id !== applicationId) {
    return { kind: 'invalid', reason: 'interaction for another application' };
  }
  // In a guild the user is member.user; in a DM or a user-installed context it is user.
  const member = isObject(body.member) ? body.member : undefined;
  const userObj = isObject(member?.user) ? member.user : isObject(body.user) ? body.user : undefined;
  const userId = shortString(userObj?.id, 32);
  if (!userId) return { kind: 'invalid', reason: 'no user' };
  const data = isObject(body.data) ? body.data : undefined;
  if (!data) return { kind: 'invalid', reason: 'no data' };
  const common = {
    locale: shortString(body.locale, 16),
    guildLocale: shortString(body.guild_locale, 16),
    user: { id: userId },
  };

  if (type === InteractionType.MessageComponent) {
    const customId = shortString(data.custom_id, 1000);
    if (!customId) return { kind: 'invalid', reason: 'no custom_id' };
    const values = Array.isArray(data.values)
      ? data.values.filter((v): v is string => typeof v === 'string').slice(0, LIMITS.SELECT_OPTIONS)
      : undefined;
    return { kind: 'component', req: { customId, ...(values ? { values } : {}), ...common } };
  }

  const command = shortString(data.name, 32);
  if (!command) return { kind: 'invalid', reason: 'no command name' };
  const flat = flattenOptions(data.options);
  if (type === InteractionType.ApplicationCommandAutocomplete) {
    if (!flat.focused) return { kind: 'invalid', reason: 'autocomplete without a focused option' };
    return { kind: 'autocomplete', req: { command, focused: flat.focused, options: flat.options, ...common } };
  }
  return { kind: 'command', req: { command, options: flat.options, ...common } };
}

// ---------------------------------------------------------------------------------------------------
// The server

type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; reason: string };

/** Reads the raw body, refusing it as soon as it passes `max` bytes (nothing beyond is buffered). */
function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(r);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        finish({ ok: false, status: 413, reason: 'body too large' });
        req.resume(); // drain and discard the rest
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, body: Buffer.concat(chunks, size) }));
    req.once('error', () => finish({ ok: false, status: 400, reason: 'body not received' }));
    req.once('close', () => finish({ ok: false, status: 400, reason: 'body not received' }));
  });
}

export function createInteractionServer(options: InteractionServerOptions): InteractionServer {
  const { services, logger } = options;
  const verifier = createVerifier(options.publicKey, {
    ...(options.maxSkewSeconds !== undefined ? { maxSkewSeconds: options.maxSkewSeconds } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const limiter = options.limiter ?? new UserRateLimiter();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const startedAt = Date.now();
  let draining = false;
  let active = 0;
  let closing: Promise<void> | undefined;

  function send(res: ServerResponse, status: number, body: unknown, close = false): void {
    const text = JSON.stringify(body);
    const headers: Record<string, string | number> = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    };
    // While draining, and after refusing a body we did not read, the connection is not reused.
    if (draining || close) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(text);
  }

  function reject(res: ServerResponse, status: number, reason: string, started: number, close = false): void {
    send(res, status, { error: reason }, close);
    logger.warn({ status, reason, latencyMs: elapsed(started) }, 'request refused');
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody) return reject(res, 413, 'body too large', started, true);
    const read = await readBody(req, maxBody);
    if (!read.ok) return reject(res, read.status, read.reason, started, true);

    const check = verifier(req.headers['x-signature-ed25519'], req.headers['x-signature-timestamp'], read.body);
    if (!check.ok) return reject(res, 401, `invalid request signature (${check.reason})`, started);

    let json: unknown;
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      return reject(res, 400, 'body is not valid JSON', started);
    }
    const parsed = parseInteraction(json, options.applicationId);
    switch (parsed.kind) {
      case 'invalid':
        return reject(res, 400, parsed.reason, started);
      case 'ping':
        send(res, 200, { type: InteractionResponseType.Pong });
        logger.debug({ type: 'ping', latencyMs: elapsed(started) }, 'interaction');
        return;
      case 'autocomplete': {
        // Not rate limited: Discord sends one per keystroke, and it only reads the dataset.
        const r = runAutocomplete(services, parsed.req);
        send(res, 200, {
          type: InteractionResponseType.ApplicationCommandAutocompleteResult,
          data: { choices: r.value },
        });
        return logged('autocomplete', parsed.req.command, r, started);
      }
      case 'command': {
        const limited = await rateLimited(parsed.req);
        if (limited) return answerLimited(res, 'command', parsed.req.command, limited, started);
        const r = runCommand(services, parsed.req);
        send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: r.value });
        return logged('command', parsed.req.command, r, started);
      }
      case 'component': {
        const prefix = parsed.req.customId.split(':')[0]!.slice(0, 16);
        const limited = await rateLimited(parsed.req);
        if (limited) return answerLimited(res, 'component', prefix, limited, started);
        const r = runComponent(services, parsed.req);
        const type = r.value.update
          ? InteractionResponseType.UpdateMessage
          : InteractionResponseType.ChannelMessageWithSource;
        send(res, 200, { type, data: r.value.payload });
        return logged('component', prefix, r, started);
      }
    }
  }

  async function rateLimited(req: CommandRequest | ComponentRequest): Promise<Payload | undefined> {
    const decision = await limiter.take(req.user.id);
    return decision.ok ? undefined : rateLimitNotice(services, req, decision.retryAfterSeconds);
  }

  function answerLimited(res: ServerResponse, type: string, command: string, notice: Payload, started: number): void {
    send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: notice });
    logger.info({ type, command, latencyMs: elapsed(started), outcome: 'rate-limited' }, 'interaction');
  }

  function logged(type: string, command: string, r: { outcome: string; error?: unknown }, started: number): void {
    // Option values and user ids are not logged: the bot keeps nothing personal, logs included.
    const line = { type, command: command.slice(0, 32), latencyMs: elapsed(started), outcome: r.outcome };
    if (r.outcome === 'error') logger.error({ ...line, err: r.error }, 'handler failed');
    else logger.info(line, 'interaction');
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    active++;
    res.once('close', () => active--);
    const path = (req.url ?? '/').split('?')[0];
    const route = async (): Promise<void> => {
      if (path === HEALTH_PATH) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return reject(res, 405, 'use GET', started);
        // 503 while draining, so a load balancer stops sending here before the process goes away.
        return send(res, draining ? 503 : 200, {
          status: draining ? 'draining' : 'ok',
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          inFlight: active - 1,
        });
      }
      if (path !== INTERACTIONS_PATH) return reject(res, 404, 'not found', started);
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return reject(res, 405, 'use POST', started);
      }
      return interaction(req, res, started);
    };
    route().catch((err: unknown) => {
      logger.error({ err, latencyMs: elapsed(started) }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' }, true);
      else res.destroy();
    });
  });
  // Discord waits 3 s for an answer: a request still arriving after 10 s is not a real one.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  // Longer than the idle timeout of common load balancers (60 s), so they never reuse a socket Node closed.
  server.keepAliveTimeout = 65_000;

  return {
    server,
    inFlight: () => active,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        draining = true;
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Keep-alive sockets with no request in flight would otherwise hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
