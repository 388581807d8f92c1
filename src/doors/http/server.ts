/**
 * The HTTP interactions door: Discord POSTs each interaction to /interactions, signed, and reads the
 * answer from the response. Order matters: size limit (413), then signature over the raw bytes (401),
 * then JSON (400), then shape (400) — a request that fails any of these never reaches a handler.
 * Everything after is the same core the gateway uses: runCommand / runMessageCommand / runAutocomplete /
 * runComponent. The answer goes back in the response body, except an answer carrying files (a CSV export, a
 * picture): a response body is JSON and cannot carry them, so the door answers "thinking…" (deferred), then
 * draws the picture, if any, and edits the files into that answer through the interaction's webhook
 * (editOriginalWithFiles).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Services } from '../../app/services.js';
import { setTimeout as delay } from 'node:timers/promises';
import {
  limitsUnavailableNotice,
  rateLimitNotice,
  runAutocomplete,
  runCommand,
  runComponent,
  runMessageCommand,
} from '../../app/dispatch.js';
import { LimitsUnavailable, UserRateLimiter } from '../shared/rate-limit.js';
import { memoryReplayGuard, type ReplayGuard } from './state.js';
import type {
  AutocompleteRequest,
  CommandRequest,
  ComponentRequest,
  FileAttachment,
  MessageCommandRequest,
  MessageSnapshot,
  Payload,
  PictureRequest,
} from '../../kernel/types.js';
import { PicturesBusy, textOnly, withPicture } from '../../app/pictures.js';

/** A deferred answer as edited in: the payload and the files it carries. */
interface Attached {
  payload: Payload;
  files: readonly FileAttachment[];
}
import { LIMITS } from '../../kernel/limits.js';
import type { Logger } from '../shared/log.js';
import { DEFAULT_API_URL, DEFAULT_MAX_BODY_BYTES } from './config.js';
import { createHeaderCheck, createSignatureCheck } from './verify.js';
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from '../../kernel/discord-enums.js';
import { flattenOptions, isObject, shortString, type Json } from '../shared/options.js';

export const INTERACTIONS_PATH = '/interactions';
export const HEALTH_PATH = '/healthz';

export interface InteractionServerOptions {
  services: Services;
  /** The application's public key: 64 hex characters, or a key already built. */
  publicKey: string | KeyObject;
  logger: Logger;
  /** Per-user limit for commands and components; default: DEFAULT_RATE_LIMIT, in memory. */
  limiter?: UserRateLimiter;
  /** The ids of interactions already answered (replays are refused); default: in memory. */
  replays?: ReplayGuard;
  /** How long a slow client may take; default DOOR_TIMEOUTS (SECURITY.md promises them). */
  timeouts?: Partial<DoorTimeouts>;
  /** Refused requests are logged one line per reason per interval; default 10 s. */
  refusalLogIntervalMs?: number;
  /** When set, an interaction for another application is refused (400): a misrouted endpoint. */
  applicationId?: string;
  maxBodyBytes?: number;
  maxSkewSeconds?: number;
  /** Clock for the timestamp check (ms); tests move it. */
  now?: () => number;
  /** How long close() lets in-flight requests run before cutting their connections. */
  shutdownGraceMs?: number;
  /**
   * REST base without the version (DISCORD_API_URL); default https://discord.com/api. Only file exports use
   * it: their files are edited into the deferred answer through the interaction's webhook.
   */
  apiUrl?: string;
  /** Timeouts of that edit; tests shorten them. */
  edit?: EditOptions;
}

/** The limits on slow clients, in ms. */
export interface DoorTimeouts {
  /** From a connection's first byte (or the end of its previous request) to the end of the headers. */
  headersMs: number;
  /** From the start of a request to its last body byte. */
  requestMs: number;
  /** A keep-alive connection with no request in flight is closed after this long. */
  keepAliveMs: number;
  /** A connection on which nothing arrives at all is closed after this long. */
  idleMs: number;
  /**
   * How often Node looks for requests over headersMs / requestMs (its default, 30 s, is why slow clients
   * were held 30 s whatever the limits said): a request is cut at most this long after its limit.
   */
  checkIntervalMs: number;
}

/**
 * Discord sends a whole interaction in milliseconds and waits 3 s for the answer, so a request still
 * arriving after 10 s is not a real one. Keep-alive and idle connections are held as long, no longer:
 * Discord (or a load balancer in front) opens another connection when it needs one.
 */
export const DOOR_TIMEOUTS: DoorTimeouts = {
  headersMs: 5_000,
  requestMs: 10_000,
  keepAliveMs: 10_000,
  idleMs: 10_000,
  checkIntervalMs: 500,
};

/** A connection is closed at its this-many-th bad signature (see where it is counted). */
export const MAX_REFUSED_PER_CONNECTION = 32;

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

/** What answering later needs: the interaction's webhook (its application and token, valid 15 minutes). */
export interface InteractionWebhook {
  applicationId: string;
  token: string;
}

export type ParsedInteraction =
  | { kind: 'ping' }
  | { kind: 'command'; req: CommandRequest; webhook?: InteractionWebhook }
  | { kind: 'message-command'; req: MessageCommandRequest }
  | { kind: 'autocomplete'; req: AutocompleteRequest }
  | { kind: 'component'; req: ComponentRequest; webhook?: InteractionWebhook }
  | { kind: 'invalid'; reason: string };

/** The most of a target message's text the context-menu command reads (it reads from the start). */
export const MAX_TARGET_TEXT = 4000;
/** Discord's largest message content (with Nitro); anything longer is not a real message. */
const MAX_MESSAGE_CONTENT = 4000;
const SNOWFLAKE = /^\d{15,21}$/;
/** An interaction token: a few hundred printable characters (it goes into a URL path, percent-encoded). */
const TOKEN = /^[!-~]{1,500}$/;

/**
 * The text of a message a context-menu command targets: its content, or, when it has none (an embed-only
 * message, such as one of the bot's answers), its embeds' titles and descriptions, one per line; a forwarded
 * message has its text in its snapshot. Every string is bounded; the result is at most MAX_TARGET_TEXT.
 */
export function messageText(message: unknown, depth = 0): string {
  if (!isObject(message)) return '';
  const content = shortString(message.content, MAX_MESSAGE_CONTENT);
  let text = content && content.trim() !== '' ? content : '';
  if (!text && Array.isArray(message.embeds)) {
    text = message.embeds
      .slice(0, LIMITS.EMBEDS_PER_MESSAGE)
      .filter(isObject)
      .flatMap((e) => [shortString(e.title, LIMITS.EMBED_TITLE), shortString(e.description, LIMITS.EMBED_DESCRIPTION)])
      .filter((t): t is string => t !== undefined && t.trim() !== '')
      .join('\n');
  }
  if (!text && depth === 0 && Array.isArray(message.message_snapshots)) {
    const snapshot: unknown = message.message_snapshots[0];
    if (isObject(snapshot)) return messageText(snapshot.message, 1);
  }
  return text.slice(0, MAX_TARGET_TEXT).toWellFormed();
}

/** The target message of a message command: `data.resolved.messages[data.target_id]`. */
function targetMessage(data: Json): unknown {
  const id = shortString(data.target_id, 32);
  const resolved = isObject(data.resolved) ? data.resolved : undefined;
  const messages = isObject(resolved?.messages) ? resolved.messages : undefined;
  return id && messages && Object.hasOwn(messages, id) ? messages[id] : undefined;
}

/** A component row or one of its children as the core may read it: objects, custom_id a bounded string. */
function boundedComponent(x: unknown): Json | undefined {
  if (!isObject(x)) return undefined;
  if ('custom_id' in x && shortString(x.custom_id, LIMITS.CUSTOM_ID) === undefined) return undefined;
  return x;
}

/**
 * The clicked message, as Discord sends it with every component interaction, bounded: content a string,
 * embeds and components arrays of objects (rows holding arrays of objects), flags a whole number. The Share
 * button reposts it; paging keeps its Share button.
 */
export function messageSnapshot(message: unknown): MessageSnapshot | undefined {
  if (!isObject(message)) return undefined;
  const embeds = Array.isArray(message.embeds)
    ? message.embeds.filter(isObject).slice(0, LIMITS.EMBEDS_PER_MESSAGE)
    : [];
  const components = Array.isArray(message.components)
    ? message.components
        .slice(0, LIMITS.ACTION_ROWS)
        .map(boundedComponent)
        .filter((r): r is Json => r !== undefined)
        .map((r) =>
          'components' in r
            ? {
                ...r,
                components: Array.isArray(r.components)
                  ? r.components
                      .slice(0, LIMITS.COMPONENTS_PER_ROW)
                      .map(boundedComponent)
                      .filter((c): c is Json => c !== undefined)
                  : [],
              }
            : r,
        )
    : [];
  const flags = message.flags;
  return {
    content: shortString(message.content, MAX_MESSAGE_CONTENT) ?? '',
    // Discord's own objects: the core reposts them as they are, and fitPayload clamps what it sends.
    embeds: embeds as MessageSnapshot['embeds'],
    components: components as unknown as MessageSnapshot['components'],
    ...(typeof flags === 'number' && Number.isSafeInteger(flags) && flags >= 0 ? { flags } : {}),
  };
}

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
    const message = messageSnapshot(body.message);
    const webhook = webhookOf(body);
    return {
      kind: 'component',
      req: { customId, ...(values ? { values } : {}), ...common, ...(message ? { message } : {}) },
      ...(webhook ? { webhook } : {}),
    };
  }

  const command = shortString(data.name, 32);
  if (!command) return { kind: 'invalid', reason: 'no command name' };
  if (type === InteractionType.ApplicationCommand && data.type === ApplicationCommandType.Message) {
    // The target message's text comes with the interaction: no Message Content intent is needed.
    return { kind: 'message-command', req: { command, text: messageText(targetMessage(data)), ...common } };
  }
  const flat = flattenOptions(data.options);
  if (type === InteractionType.ApplicationCommandAutocomplete) {
    if (!flat.focused) return { kind: 'invalid', reason: 'autocomplete without a focused option' };
    return { kind: 'autocomplete', req: { command, focused: flat.focused, options: flat.options, ...common } };
  }
  const webhook = webhookOf(body);
  return { kind: 'command', req: { command, options: flat.options, ...common }, ...(webhook ? { webhook } : {}) };
}

/** The interaction's webhook, when its application id and token are well formed (a deferred answer needs it). */
function webhookOf(body: Json): InteractionWebhook | undefined {
  const appId = shortString(body.application_id, 32);
  const token = shortString(body.token, 500);
  return appId && SNOWFLAKE.test(appId) && token && TOKEN.test(token) ? { applicationId: appId, token } : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Files: a deferred answer, then an edit of it through the interaction's webhook

export interface EditOptions {
  /** Bound on each attempt, response included; default EDIT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Pause before the one retry after a 5xx, a 404 or a network failure; default 1 s. */
  retryDelayMs?: number;
  /** The longest Retry-After of a 429 worth waiting for; beyond it the edit gives up. Default 5 s. */
  maxRetryAfterMs?: number;
}

export interface EditResult {
  ok: boolean;
  /** The last HTTP status, when a response came. */
  status?: number;
  attempts: number;
}

export const EDIT_TIMEOUT_MS = 10_000;
/** Discord takes at most 10 attachments per message. */
const MAX_FILES = 10;

/**
 * The multipart body of a message edit with files: `payload_json` (the payload, plus the attachments'
 * metadata, `id` matching the `files[n]` part) and one `files[n]` part per file. The ephemeral bit is not
 * sent: an edit cannot change it (the deferred response already made the answer ephemeral).
 */
export function filesForm(payload: Payload, files: readonly FileAttachment[]): FormData {
  const shown = files.slice(0, MAX_FILES);
  const { flags, ...rest } = payload;
  const kept = (flags ?? 0) & ~MessageFlags.Ephemeral;
  const json = {
    ...rest,
    ...(kept ? { flags: kept } : {}),
    attachments: shown.map((f, id) => ({
      id,
      filename: f.name,
      ...(f.description !== undefined ? { description: f.description } : {}),
    })),
  };
  const form = new FormData();
  form.append('payload_json', JSON.stringify(json));
  // A copy: the Blob must own plain ArrayBuffer bytes whatever view the handler returned.
  shown.forEach((f, i) =>
    form.append(`files[${i}]`, new Blob([new Uint8Array(f.data)], { type: f.contentType }), f.name),
  );
  return form;
}

/** How long a 429 asks to wait, in ms: the JSON body's `retry_after` (seconds), else the Retry-After header. */
function retryAfterMs(res: Response, text: string): number {
  let seconds: unknown;
  try {
    const body: unknown = JSON.parse(text);
    if (isObject(body)) seconds = body.retry_after;
  } catch {
    // not JSON: the header below
  }
  const header = res.headers.get('retry-after');
  if (typeof seconds !== 'number' && header !== null) seconds = Number(header);
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 1000;
}

/** Discord's error code and message from an error response, short (never the request, which holds the token). */
function discordError(text: string): { code?: unknown; message?: string } {
  try {
    const body: unknown = JSON.parse(text);
    if (isObject(body)) return { code: body.code, message: String(body.message ?? '').slice(0, 200) };
  } catch {
    // not JSON
  }
  return {};
}

/**
 * Edits the interaction's original (deferred) response to the payload with the files attached: PATCH
 * `{apiUrl}/v10/webhooks/{application}/{token}/messages/@original`, multipart/form-data. Webhook endpoints
 * take no bot token: the interaction token in the path is the credential, so it is never logged. Each
 * attempt is bounded; one retry on 429 (when Retry-After is short), 5xx, 404 (the deferred response may not
 * have landed yet) or a network failure — an edit is idempotent, so a retry after a lost response is safe.
 * Never throws: a failure is logged and returned.
 */
export async function editOriginalWithFiles(
  apiUrl: string,
  applicationId: string,
  token: string,
  payload: Payload,
  files: readonly FileAttachment[],
  logger: Logger,
  options: EditOptions = {},
): Promise<EditResult> {
  const timeoutMs = options.timeoutMs ?? EDIT_TIMEOUT_MS;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5000;
  const base = apiUrl.replace(/\/+$/, '');
  const url = `${base}/v10/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(token)}/messages/@original`;
  const started = performance.now();
  const line = (attempts: number, extra: Json): Json => ({
    type: 'edit',
    files: files.length,
    attempts,
    latencyMs: elapsed(started),
    ...extra,
  });
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= 2;
    let wait = retryDelayMs;
    try {
      const res = await fetch(url, {
        method: 'PATCH',
        body: filesForm(payload, files),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (res.ok) {
        logger.info(line(attempt, { status: res.status, outcome: 'ok' }), 'files edited into the answer');
        return { ok: true, status: res.status, attempts: attempt };
      }
      const retryable = res.status === 429 || res.status === 404 || res.status >= 500;
      if (res.status === 429) wait = retryAfterMs(res, text);
      if (!retryable || last || wait > maxRetryAfterMs) {
        logger.error(
          line(attempt, { status: res.status, outcome: 'error', discord: discordError(text) }),
          'editing the files into the answer failed',
        );
        return { ok: false, status: res.status, attempts: attempt };
      }
      logger.warn(line(attempt, { status: res.status, retryInMs: wait }), 'editing the files in: retrying');
    } catch (err) {
      // A timeout or a network failure. Only the error's name and code: never the URL, which holds the token.
      const e = err instanceof Error ? err : new Error(String(err));
      const cause = (e.cause as { code?: unknown } | undefined)?.code;
      const reason = { name: e.name, ...(typeof cause === 'string' ? { code: cause } : {}) };
      if (last) {
        logger.error(line(attempt, { outcome: 'error', reason }), 'editing the files into the answer failed');
        return { ok: false, attempts: attempt };
      }
      logger.warn(line(attempt, { reason, retryInMs: wait }), 'editing the files in: retrying');
    }
    await delay(wait);
  }
}

// ---------------------------------------------------------------------------------------------------
// The server

type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; reason: string };

/**
 * Reads the raw body, refusing it as soon as it passes `max` bytes (nothing beyond is buffered). The result
 * starts with `prefix` (the signature's timestamp): what is signed is `timestamp + body`, and reading it in
 * one buffer spares a second copy of every body, bad ones included (a profile of a flood of 16 KiB bad
 * requests spent a twentieth of its time copying).
 */
function readBody(req: IncomingMessage, max: number, prefix: Buffer): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [prefix];
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
    req.once('end', () => finish({ ok: true, body: Buffer.concat(chunks, prefix.length + size) }));
    req.once('error', () => finish({ ok: false, status: 400, reason: 'body not received' }));
    req.once('close', () => finish({ ok: false, status: 400, reason: 'body not received' }));
  });
}

export function createInteractionServer(options: InteractionServerOptions): InteractionServer {
  const { services, logger } = options;
  // The signature is checked in two halves, around reading the body: the headers first, then Ed25519.
  const signatureValid = createSignatureCheck(options.publicKey);
  const headerCheck = createHeaderCheck({
    ...(options.maxSkewSeconds !== undefined ? { maxSkewSeconds: options.maxSkewSeconds } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const limiter = options.limiter ?? new UserRateLimiter();
  const replays = options.replays ?? memoryReplayGuard(logger);
  const timeouts = { ...DOOR_TIMEOUTS, ...options.timeouts };
  const refusals = refusalLog(logger, options.refusalLogIntervalMs ?? 10_000);
  /** Bad signatures seen on each connection. */
  const refusedOn = new WeakMap<object, number>();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const startedAt = Date.now();
  let draining = false;
  let active = 0;
  let closing: Promise<void> | undefined;
  const apiUrl = options.apiUrl ?? DEFAULT_API_URL;
  /** File edits still running after their deferred response went out: close() waits for them (bounded). */
  const edits = new Set<Promise<unknown>>();

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
    refusals.refused(status, reason, elapsed(started));
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody) return reject(res, 413, 'body too large', started, true);
    // Cheapest first: a request with missing, malformed or stale signature headers is refused before a byte
    // of its body is read (and its connection closed: the unread body cannot be skipped).
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    const pre = headerCheck(signature, timestamp);
    if (!pre.ok) return reject(res, 401, `invalid request signature (${pre.reason})`, started, true);
    // The header check made sure the timestamp is one string of digits.
    const stamp = Buffer.from(timestamp as string, 'latin1');
    const read = await readBody(req, maxBody, stamp);
    if (!read.ok) return reject(res, read.status, read.reason, started, true);
    const signedBytes = read.body;
    const body = signedBytes.subarray(stamp.length);

    // The header check made sure the signature is one string of 128 hex characters.
    if (!signatureValid(signature as string, signedBytes)) {
      // Discord never sends a bad signature, so a connection that keeps sending them is not Discord's: it
      // may have a few refused, then it is closed. Not at the first: a reconnect costs the door more than
      // a refusal (the accept, and in a cluster the hand-over to a worker), so closing at once would make a
      // flood dearer for the door than for the attacker (measured in docs/http-interactions.md).
      const socket = req.socket;
      const refused = (refusedOn.get(socket) ?? 0) + 1;
      refusedOn.set(socket, refused);
      return reject(
        res,
        401,
        'invalid request signature (bad-signature)',
        started,
        refused >= MAX_REFUSED_PER_CONNECTION,
      );
    }

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return reject(res, 400, 'body is not valid JSON', started);
    }
    const parsed = parseInteraction(json, options.applicationId);
    if (parsed.kind === 'invalid') return reject(res, 400, parsed.reason, started);
    if (parsed.kind !== 'ping') {
      // A signed interaction replayed within the timestamp window is answered once. (A PING changes
      // nothing, and Discord sends the same one when it checks the endpoint.)
      const id = isObject(json) ? shortString(json.id, 32) : undefined;
      if (!id) return reject(res, 400, 'no interaction id', started);
      let first: boolean;
      try {
        first = await replays.firstSeen(id);
      } catch (err) {
        if (!(err instanceof LimitsUnavailable)) throw err;
        return answerUnavailable(res, parsed, started, err);
      }
      if (!first) return reject(res, 401, 'interaction already answered (replayed)', started, true);
    }
    switch (parsed.kind) {
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
        if (r.picture && parsed.webhook) {
          const picture = r.picture;
          return defer(
            res,
            parsed.webhook,
            r.value,
            () => drawn(r.value, picture, parsed.req.command),
            () => logged('command', parsed.req.command, r, started),
          );
        }
        // No usable token to edit a picture in later: the answer as text, saying the picture is missing.
        const data = r.picture ? textOnly(services, r.value, r.picture) : r.value;
        send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data });
        return logged('command', parsed.req.command, r, started);
      }
      case 'message-command': {
        const limited = await rateLimited(parsed.req);
        if (limited) return answerLimited(res, 'message-command', parsed.req.command, limited, started);
        const r = runMessageCommand(services, parsed.req);
        send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: r.value });
        return logged('message-command', parsed.req.command, r, started);
      }
      case 'component': {
        const prefix = parsed.req.customId.split(':')[0]!.slice(0, 16);
        const limited = await rateLimited(parsed.req);
        if (limited) return answerLimited(res, 'component', prefix, limited, started);
        const r = runComponent(services, parsed.req);
        const files = r.value.files ?? [];
        const picture = r.value.update ? undefined : r.picture;
        if ((files.length > 0 || picture) && parsed.webhook) {
          const { payload } = r.value;
          const attach = async (): Promise<Attached> => {
            const d = picture ? await drawn(payload, picture, prefix) : { payload, files: [] };
            return { payload: d.payload, files: [...files, ...d.files] };
          };
          return defer(res, parsed.webhook, payload, attach, () => logged('component', prefix, r, started));
        }
        if (files.length > 0 || picture)
          logger.warn({ type: 'component', command: prefix }, 'no interaction token: files dropped');
        const type = r.value.update
          ? InteractionResponseType.UpdateMessage
          : InteractionResponseType.ChannelMessageWithSource;
        send(res, 200, { type, data: picture ? textOnly(services, r.value.payload, picture) : r.value.payload });
        return logged('component', prefix, r, started);
      }
    }
  }

  /**
   * A reply with files: a response body is JSON and cannot carry them, so answer "thinking…" now (type 5,
   * ephemeral when the reply is) and, once that response is out, edit the files into it. Always a new reply:
   * files never replace the clicked message.
   */
  function defer(
    res: ServerResponse,
    webhook: InteractionWebhook,
    payload: Payload,
    attach: () => Promise<Attached>,
    log: () => void,
  ): void {
    const ephemeral = ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    res.once('finish', () => {
      // The picture is drawn after "thinking…" is out, so a first render never risks Discord's 3 s.
      const edit = attach().then((a) =>
        editOriginalWithFiles(apiUrl, webhook.applicationId, webhook.token, a.payload, a.files, logger, options.edit),
      );
      edits.add(edit);
      void edit.finally(() => edits.delete(edit));
    });
    send(res, 200, {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
    });
    log();
  }

  /** The answer with its picture drawn; a failed drawing is logged, and the answer goes as text. */
  async function drawn(payload: Payload, picture: PictureRequest, command: string): Promise<Attached> {
    const d = await withPicture(services, payload, picture);
    if (d.error instanceof PicturesBusy)
      logger.warn({ command, picture: picture.name }, 'too many pictures at once: sent as text');
    else if (d.error) logger.error({ command, picture: picture.name, err: d.error }, 'drawing the picture failed');
    return d;
  }

  async function rateLimited(
    req: CommandRequest | MessageCommandRequest | ComponentRequest,
  ): Promise<Payload | undefined> {
    try {
      const decision = await limiter.take(req.user.id);
      return decision.ok ? undefined : rateLimitNotice(services, req, decision.retryAfterSeconds);
    } catch (err) {
      if (!(err instanceof LimitsUnavailable)) throw err;
      storeDown(err);
      return limitsUnavailableNotice(services, req);
    }
  }

  /** One error line per outage of the shared store is logged by the store itself; each refusal at debug. */
  function storeDown(err: LimitsUnavailable): void {
    logger.debug({ err: { message: err.message } }, 'shared limits unavailable: interaction refused');
  }

  /** The replay memory could not answer: refuse politely (autocomplete: no choices) rather than unchecked. */
  function answerUnavailable(
    res: ServerResponse,
    parsed: Exclude<ParsedInteraction, { kind: 'ping' | 'invalid' }>,
    started: number,
    err: LimitsUnavailable,
  ): void {
    storeDown(err);
    const command = parsed.kind === 'component' ? parsed.req.customId.split(':')[0]!.slice(0, 16) : parsed.req.command;
    if (parsed.kind === 'autocomplete') {
      send(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    } else {
      send(res, 200, {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: limitsUnavailableNotice(services, parsed.req),
      });
    }
    logger.info(
      { type: parsed.kind, command, latencyMs: elapsed(started), outcome: 'limits-unavailable' },
      'interaction',
    );
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

  const server = createServer(
    {
      // Node checks headersTimeout / requestTimeout every connectionsCheckingInterval (default 30 s).
      connectionsCheckingInterval: timeouts.checkIntervalMs,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Node holds an idle keep-alive socket one second past keepAliveTimeout (and tells the client the
      // shorter figure, so it never reuses a socket being closed): this closes it at keepAliveMs.
      keepAliveTimeout: Math.max(1, timeouts.keepAliveMs - 1000),
    },
    (req, res) => {
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
    },
  );
  // Socket inactivity (no byte either way), whatever the request state: with no 'timeout' listener Node
  // destroys the socket. This is what cuts a connection that never sends a byte.
  server.timeout = timeouts.idleMs;

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
        refusals.flush();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          // File edits whose deferred response already went out: let them land, within the same grace.
          const rest = delay(graceMs, undefined, { ref: false });
          void Promise.race([Promise.allSettled([...edits]), rest]).then(() => resolve());
        });
        // Keep-alive sockets with no request in flight would otherwise hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * Refused requests, logged one line per reason per interval rather than one per request: a flood of bad
 * requests must not become a flood of log lines (each costs the CPU the flood is competing for and, when
 * stderr is a pipe, memory until the reader catches up). The first refusal of a reason is logged at once;
 * the interval's total follows at its end.
 */
function refusalLog(
  logger: Logger,
  intervalMs: number,
): {
  refused(status: number, reason: string, latencyMs: number): void;
  flush(): void;
} {
  const counts = new Map<string, { status: number; count: number }>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const [reason, { status, count }] of counts)
      if (count > 1) logger.warn({ status, reason, count, seconds: intervalMs / 1000 }, 'requests refused');
    counts.clear();
  };
  return {
    refused(status, reason, latencyMs) {
      const c = counts.get(reason);
      if (c) {
        c.count++;
        return;
      }
      counts.set(reason, { status, count: 1 });
      logger.warn({ status, reason, latencyMs }, 'request refused');
      timer ??= setTimeout(flush, intervalMs).unref();
    },
    flush,
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
