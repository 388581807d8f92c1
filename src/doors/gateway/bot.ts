/**
 * The discord.js gateway client: turns interactions and @mentions into the plain requests of
 * src/app/dispatch.ts and sends back the payloads it returns. Dispatch by name happens there (one
 * exhaustive table); this file only knows the kinds of interaction and how Discord wants each answered.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TTLCache } from '@isaacs/ttlcache';
import type * as Gateway from '@discordjs/ws';
import type {
  FetchingStrategyOptions,
  IShardingStrategy,
  SessionInfo,
  WebSocketShard,
  WebSocketShardDestroyOptions,
  WebSocketShardStatus,
} from '@discordjs/ws';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  Partials,
  type ClientOptions,
  type GatewaySendPayload,
  type WebSocketOptions,
  type Interaction,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type Message,
  type MessageEditOptions,
  type MessageReplyOptions,
  type PartialMessage,
} from 'discord.js';
import type { Services } from '../../app/services.js';
import {
  internalErrorNotice,
  rateLimitNotice,
  runAutocomplete,
  runCommand,
  runComponent,
  runMessageCommand,
  type Outcome,
} from '../../app/dispatch.js';
import { subjectOf } from '../../answers/actions.js';
import type { UserRateLimiter } from '../shared/rate-limit.js';
import type { FileAttachment, MessageSnapshot, Payload, PictureRequest } from '../../kernel/types.js';
import { PicturesBusy, withPicture } from '../../app/pictures.js';
import { flattenOptions } from '../shared/options.js';
import type { Logger } from '../shared/log.js';

/**
 * The fewest intents that work. Guilds: guild and channel data, needed to receive messages in guild
 * channels at all. GuildMessages and DirectMessages: message events; a message that @mentions the bot
 * (and any DM) carries its content without the privileged Message Content intent.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** Process exit status when Discord refuses the bot for good (sysexits EX_CONFIG): restarting will not help. */
export const EXIT_REFUSED = 78;

/**
 * Close codes after which Discord will not take the connection back (discord.js does not reconnect, and
 * the client would otherwise sit disconnected while `isReady()` stays true). Plain words for a person.
 */
export const FATAL_CLOSE_CODES: ReadonlyMap<number, string> = new Map([
  [
    4004,
    'Discord refused the token (4004 Authentication failed). Check DISCORD_TOKEN: copy it again from the developer portal (your application → Bot → Reset Token).',
  ],
  [4010, 'Discord refused the shard settings (4010 Invalid shard). Check SHARD_COUNT.'],
  [
    4011,
    'Discord requires sharding for this bot (4011 Sharding required): it is in too many servers for one connection. Set SHARD_COUNT=auto.',
  ],
  [4012, 'Discord refused the gateway API version (4012 Invalid API version). Update discord.js.'],
  [4013, 'Discord refused the gateway intents (4013 Invalid intents). This is a bug in the bot: report it.'],
  [
    4014,
    'Discord refused a privileged intent (4014 Disallowed intents). Enable it in the developer portal (your application → Bot → Privileged Gateway Intents) or remove it from the bot.',
  ],
]);

export const TOKEN_REFUSED =
  'Discord refused the token (401 Unauthorized). Check DISCORD_TOKEN: copy it again from the developer portal (your application → Bot → Reset Token); the client secret is not the token.';

/** Discord will not let the bot in: the message says why, in plain words. */
export class GatewayRefusedError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayRefusedError';
  }
}

export interface BotOptions {
  token: string;
  apiUrl: string;
  /** The application the commands were deployed to: a warning if the token belongs to another. */
  applicationId?: string | undefined;
  services: Services;
  logger: Logger;
  limiter: UserRateLimiter;
  /** Extra discord.js options (tests pass fast REST retries and an identify throttler without delay). */
  clientOptions?: Partial<ClientOptions>;
}

export interface Bot {
  client: Client;
  /** Logs in; resolves once READY and the guilds arrived (ready to serve). Rejects with GatewayRefusedError. */
  start(): Promise<void>;
  /** Settles when Discord closes a shard for good after start-up (4004, 4010–4014). */
  refused: Promise<GatewayRefusedError>;
  /**
   * Closes the gateway connection and leaves nothing running (no reconnection, no socket), whatever the
   * connection is doing; resolves within STOP_DEADLINE_MS + 1 s, and never rejects.
   */
  stop(): Promise<void>;
}

type Outcomes = Outcome<unknown>['outcome'] | 'rate-limited' | 'failed' | 'ignored';

const MENTION_CHECK = (id: string): RegExp => new RegExp(`<@!?${id}>`);
const MENTION_STRIP = (id: string): RegExp => new RegExp(`<@!?${id}>`, 'g');

const EPHEMERAL: number = MessageFlags.Ephemeral;

/**
 * Who may be pinged: nobody, or the one colleague an answer is `for` (the core has already checked the id
 * and kept at most one). Repeated here so that no transport path can ever ping anyone else.
 */
function mentions(p: Payload): { parse: []; users?: string[] } {
  const users = p.allowed_mentions?.users?.slice(0, 1) ?? [];
  return users.length > 0 ? { parse: [], users } : { parse: [] };
}

/** A handler payload (interaction-callback `data`, snake_case JSON) as discord.js reply options. */
function replyOptions(p: Payload, files?: readonly FileAttachment[]): InteractionReplyOptions {
  return {
    ...(p.content !== undefined ? { content: p.content } : {}),
    ...(p.embeds ? { embeds: p.embeds } : {}),
    ...(p.components ? { components: p.components } : {}),
    ...(((p.flags ?? 0) & EPHEMERAL) !== 0 ? { flags: MessageFlags.Ephemeral } : {}),
    ...(files && files.length > 0
      ? {
          files: files.map((f) => ({
            attachment: Buffer.from(f.data),
            name: f.name,
            ...(f.description ? { description: f.description } : {}),
          })),
        }
      : {}),
    allowedMentions: mentions(p),
  };
}

/** The same body without flags, for calls that cannot set them (update, editReply, channel messages). */
function withoutFlags(o: InteractionReplyOptions): Omit<InteractionReplyOptions, 'flags'> {
  const { flags: _flags, ...rest } = o;
  return rest;
}

/** An update replaces the clicked message: same body, no ephemeral flag (Discord cannot change it). */
function updateOptions(p: Payload): InteractionUpdateOptions {
  return withoutFlags(replyOptions(p));
}

/** A channel reply to a mention: not ephemeral (channel messages cannot be), and no ping of the asker. */
function messageOptions(p: Payload): MessageReplyOptions {
  return { ...withoutFlags(replyOptions(p)), allowedMentions: { parse: [], repliedUser: false } };
}

/** The same body for editing an answer in place (the question was edited). */
function editOptions(p: Payload): MessageEditOptions {
  const { content, embeds, components } = messageOptions(p);
  return { content: content ?? '', embeds: embeds ?? [], components: components ?? [], allowedMentions: { parse: [] } };
}

/** What the core may read of a discord.js message: its text, embeds, components and flags, as API JSON. */
function snapshot(m: Message | PartialMessage): MessageSnapshot {
  return {
    content: m.content ?? '',
    embeds: m.embeds.map((e) => e.toJSON()),
    components: m.components.map((c) => c.toJSON()) as MessageSnapshot['components'],
    flags: m.flags.bitfield,
  };
}

/** The text a context-menu command reads off a message: its content, else its embeds' titles and descriptions. */
function messageText(m: Message): string {
  if (m.content.trim()) return m.content;
  return m.embeds
    .flatMap((e) => [e.title, e.description])
    .filter((x): x is string => Boolean(x))
    .join('\n');
}

/** How long an answer follows its question: an edit within EDIT_WINDOW_MS is answered again, a delete deletes it. */
export const EDIT_WINDOW_MS = 5 * 60_000;
/** Questions remembered at once: beyond it the oldest are forgotten (their answers simply stay). */
export const ANSWER_MEMORY = 10_000;

interface Answered {
  channelId: string;
  answerId: string;
  at: number;
}

/**
 * The mention's language is the question's script when it shows one: a message carries no user locale,
 * and a guild's locale is en-US unless its owner changed it, which would answer 高雄… in English.
 */
function scriptLocale(text: string): string | undefined {
  if (/\p{Script=Han}/u.test(text)) return 'zh-TW';
  if (/\p{Script=Latin}/u.test(text)) return 'en';
  return undefined;
}

// ---------------------------------------------------------------- stopping the gateway connection

/**
 * How long a stop lets the shards close their connections properly (a close frame and Discord's answer)
 * before it drops whatever is left. Well below the shard manager's 10 s before it SIGKILLs a shard process.
 */
export const STOP_DEADLINE_MS = 5_000;

/**
 * @discordjs/ws, the gateway library under discord.js. package.json pins the version discord.js 14.28 uses
 * (for the types, and so npm dedupes it), but it is loaded from where discord.js loads it: should the two
 * ever differ, the shards built here are still of the very classes discord.js drives. discord.js re-exports
 * most of it, but under its own WebSocketShard and WebSocketShardEvents.
 */
const requireFromDiscord = createRequire(createRequire(import.meta.url).resolve('discord.js'));
const gateway = requireFromDiscord('@discordjs/ws') as typeof Gateway;
const { CloseCodes, SimpleContextFetchingStrategy, WebSocketShardEvents } = gateway;
const Idle = gateway.WebSocketShardStatus.Idle;
const Connecting = gateway.WebSocketShardStatus.Connecting;
/** fetchStatus answers with @discordjs/ws's Collection class, its own copy (not discord.js's older one). */
type StatusCollection = Awaited<ReturnType<IShardingStrategy['fetchStatus']>>;
const StatusCollection = (
  createRequire(requireFromDiscord.resolve('@discordjs/ws'))('@discordjs/collection') as {
    Collection: new (entries: Iterable<readonly [number, WebSocketShardStatus]>) => StatusCollection;
  }
).Collection;

/** The @discordjs/ws manager discord.js builds (discord.js exports its own, other WebSocketManager). */
type GatewayManager = Parameters<NonNullable<WebSocketOptions['buildStrategy']>>[0];

/** One shard as StoppableShardingStrategy sees it. */
interface ShardState {
  /** Destroyed through the strategy: it must never connect or identify again. */
  retired: boolean;
  /** From the shard's decision to open a socket until HELLO or the close: the socket may still be opening. */
  opening: boolean;
  /** The strategy's own 'closed' (see close()) is the shard's business only: discord.js is not told. */
  releasing: boolean;
}

/** Never settles: what a retired shard waits on, so that what it meant to do next never happens. */
const NEVER = new Promise<never>(() => undefined);

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    const abort = (): void => reject(new Error('aborted'));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}

/** Whether `promise` settled within `ms` (the timer is cleared when it does, so it holds nothing up). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The next HELLO or close of a shard. */
function helloOrClose(shard: WebSocketShard): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      shard.off(WebSocketShardEvents.Hello, done);
      shard.off(WebSocketShardEvents.Closed, done);
      resolve();
    };
    shard.on(WebSocketShardEvents.Hello, done);
    shard.on(WebSocketShardEvents.Closed, done);
  });
}

/** What the last resort needs of a `ws` WebSocket. */
interface RawSocket {
  readonly readyState: number;
  terminate(): void;
  on(event: 'error', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}
const SOCKET_CLOSED = 3;

/**
 * A shard's socket: the private `connection` of @discordjs/ws 1.x, read only to drop a socket that outlived
 * the stop. Checked at run time: with a version that has no such field, only the last resort is lost.
 */
function socketOf(shard: WebSocketShard): RawSocket | undefined {
  const c: unknown = Reflect.get(shard, 'connection');
  if (typeof c !== 'object' || c === null) return undefined;
  const s = c as Partial<RawSocket>;
  const usable =
    typeof s.readyState === 'number' &&
    typeof s.terminate === 'function' &&
    typeof s.on === 'function' &&
    typeof s.once === 'function';
  return usable ? (s as RawSocket) : undefined;
}

/**
 * The shards' access to discord.js's session store and identify throttle, as SimpleContextFetchingStrategy
 * gives it, except that a retired shard is parked. A shard asks for its session right before it opens every
 * socket — including the one it still opens 500 ms after a failed attempt, even once destroyed — and waits
 * for its identify turn before every IDENTIFY. Throwing there would be an unhandled rejection inside the
 * shard: a retired shard gets a promise that never settles instead (it holds no timer and no socket).
 */
class ParkingContext extends SimpleContextFetchingStrategy {
  private readonly state: ShardState;
  private readonly idle: () => boolean;

  constructor(manager: GatewayManager, options: FetchingStrategyOptions, state: ShardState, idle: () => boolean) {
    super(manager, options);
    this.state = state;
    this.idle = idle;
  }

  override async retrieveSessionInfo(shardId: number): Promise<SessionInfo | null> {
    if (this.state.retired) return NEVER;
    // Asked while idle only by the shard's connect, before it opens a socket (else by a dispatch or a heartbeat).
    if (this.idle()) this.state.opening = true;
    return super.retrieveSessionInfo(shardId);
  }

  override async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    if (!this.state.retired) await super.waitForIdentify(shardId, signal);
    // Retired meanwhile: no IDENTIFY. The shard gives up quietly when the signal aborts (its socket closes).
    if (this.state.retired) await untilAborted(signal);
  }
}

/**
 * discord.js's default SimpleShardingStrategy (every shard in this process, the same events to the
 * manager), with a destroy that always ends and leaves nothing running. @discordjs/ws 1.2's
 * WebSocketShard.destroy() (unchanged in its main branch) cannot stop a shard that is reconnecting:
 * - between two attempts the shard is idle, so destroy() returns at once ("Tried to destroy a shard that
 *   was idle") while the failed attempt's own destroy sleeps 500 ms and then connects again; the default
 *   strategy has forgotten the shard by then, and it retries forever, keeping the process alive;
 * - waiting for HELLO or READY, destroy() aborts that wait, which takes it for a timeout and starts a second
 *   destroy (recover: Reconnect): that one takes over the socket's onclose the first destroy awaits (so
 *   it never settles) and connects and identifies again. With the socket still opening, both remove its
 *   error listener, and the failed handshake's error becomes an uncaught exception.
 * Here a destroyed shard is retired (ParkingContext parks it), a socket still opening is left to open or
 * fail first, a pending wait is released before destroy() could abort it, and any socket left after
 * STOP_DEADLINE_MS is dropped with a warning.
 */
class StoppableShardingStrategy implements IShardingStrategy {
  private readonly shards = new Map<number, { shard: WebSocketShard; state: ShardState }>();
  private readonly manager: GatewayManager;
  private readonly logger: Logger;
  /** True once the bot stops: a login still under way spawns nothing more. */
  private readonly stopping: () => boolean;

  constructor(manager: GatewayManager, logger: Logger, stopping: () => boolean) {
    this.manager = manager;
    this.logger = logger;
    this.stopping = stopping;
  }

  async spawn(shardIds: number[]): Promise<void> {
    if (this.stopping()) return;
    const options = await gateway.managerToFetchingStrategyOptions(this.manager);
    for (const shardId of shardIds) {
      const state: ShardState = { retired: false, opening: false, releasing: false };
      const idle = (): boolean => shard.status === Idle;
      const shard = new gateway.WebSocketShard(new ParkingContext(this.manager, options, state, idle), shardId);
      for (const event of Object.values(WebSocketShardEvents)) {
        // Typed per event in @discordjs/ws; forwarded generically, as SimpleShardingStrategy does.
        (shard as unknown as NodeJS.EventEmitter).on(event, (payload?: object) => {
          if (event === WebSocketShardEvents.Hello || event === WebSocketShardEvents.Closed) state.opening = false;
          if (event === WebSocketShardEvents.Closed && state.releasing) return;
          this.manager.emit(event, { ...payload, shardId });
        });
      }
      this.shards.set(shardId, { shard, state });
    }
  }

  async connect(): Promise<void> {
    await Promise.all([...this.shards.values()].map(({ shard }) => shard.connect()));
  }

  /** Retires every shard and closes its connection: within STOP_DEADLINE_MS, whatever the shard was doing. */
  async destroy(options: Omit<WebSocketShardDestroyOptions, 'recover'> = {}): Promise<void> {
    const shards = [...this.shards.values()];
    this.shards.clear();
    if (shards.length === 0) return;
    for (const { state } of shards) state.retired = true;
    const deadline = performance.now() + STOP_DEADLINE_MS;
    const closing = Promise.all(shards.map(({ shard, state }) => this.close(shard, state, options))).catch(
      (err: unknown) => this.logger.warn({ err }, 'closing the gateway connection failed'),
    );
    if (!(await settlesWithin(closing, STOP_DEADLINE_MS))) {
      this.logger.warn({ ms: STOP_DEADLINE_MS }, 'the gateway connection did not close in time');
    }
    const open = (): Array<[number, RawSocket]> =>
      shards.flatMap(({ shard }) => {
        const socket = socketOf(shard);
        return socket && socket.readyState !== SOCKET_CLOSED ? [[shard.id, socket] as [number, RawSocket]] : [];
      });
    // A socket the shard itself was closing already (told to reconnect by Discord) ends its close handshake
    // on its own: it gets the rest of the time.
    const closingAlone = open().map(([, socket]) => new Promise<void>((resolve) => socket.once('close', resolve)));
    if (closingAlone.length > 0) await settlesWithin(Promise.all(closingAlone), deadline - performance.now());
    for (const [shardId, socket] of open()) {
      this.logger.warn({ shard: shardId, readyState: socket.readyState }, 'dropping the gateway socket left open');
      // A socket still opening reports its abort as an error, maybe with no listener left: not an uncaught one.
      socket.on('error', () => undefined);
      socket.terminate();
    }
  }

  /** Closes a retired shard's connection properly (close code 1000), in whatever state it is. */
  private async close(
    shard: WebSocketShard,
    state: ShardState,
    options: Omit<WebSocketShardDestroyOptions, 'recover'>,
  ): Promise<void> {
    // A socket still opening would be left open, or throw, by destroy(): let it open or fail first.
    if (state.opening) await helloOrClose(shard);
    // What the shard does next (a failed attempt's own destroy, HELLO's identify or resume) runs in microtasks.
    await nextTurn();
    if (shard.status === Idle) return; // no socket: the next attempt is parked
    if (shard.status === Connecting) {
      // Waiting for its identify turn or for READY: end that wait as a close would, before destroy() aborts it.
      state.releasing = true;
      shard.emit(WebSocketShardEvents.Closed, { code: CloseCodes.Normal });
      state.releasing = false;
      await nextTurn();
    }
    await shard.destroy(options);
  }

  async send(shardId: number, payload: GatewaySendPayload): Promise<void> {
    const entry = this.shards.get(shardId);
    if (!entry) throw new RangeError(`Shard ${shardId} not found`);
    return entry.shard.send(payload);
  }

  async fetchStatus(): Promise<StatusCollection> {
    return new StatusCollection([...this.shards].map(([id, { shard }]) => [id, shard.status] as const));
  }
}

export function createBot(opts: BotOptions): Bot {
  const { services, logger, limiter } = opts;
  // Set by stop(): destroying the client closes the socket, which discord.js reports as "reconnecting".
  let stopping = false;
  const client = new Client({
    ...opts.clientOptions,
    ws: {
      ...opts.clientOptions?.ws,
      buildStrategy: (manager) => new StoppableShardingStrategy(manager, logger, () => stopping),
    },
    intents: INTENTS,
    // DM channels are not cached before their first message: without this, DMs would be dropped. Messages
    // are not cached at all, so a deleted or edited question arrives as a partial message.
    partials: [Partials.Channel, Partials.Message],
    // Defaults for every message discord.js sends: ping nobody, not even the person replied to.
    allowedMentions: { parse: [], repliedUser: false },
    // Answer even if the question was deleted meanwhile, rather than fail the reply.
    failIfNotExists: false,
    // The bot never reads old messages, members or presences: caching them would only cost memory.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (m) => m.id === m.client.user.id },
    }),
    rest: { ...opts.clientOptions?.rest, api: opts.apiUrl },
  });

  const localeOf = (i: { locale?: string | null; guildLocale?: string | null }) => ({
    locale: i.locale ?? undefined,
    guildLocale: i.guildLocale ?? undefined,
  });

  function logFailure(result: Outcome<unknown>, meta: object): void {
    if (result.error !== undefined) logger.error({ ...meta, err: result.error }, 'handler failed');
  }

  /** Answers one interaction; returns the outcome for the log line. Throws only on transport failures. */
  async function route(interaction: Interaction, meta: object): Promise<Outcomes> {
    const user = { id: interaction.user.id };
    const locales = localeOf(interaction);
    if (interaction.isAutocomplete()) {
      // Not rate limited: Discord sends one per keystroke, and a refused one only leaves the list empty.
      const focused = interaction.options.getFocused(true);
      const result = runAutocomplete(services, {
        command: interaction.commandName,
        focused: { name: focused.name, value: String(focused.value) },
        options: flattenOptions(interaction.options.data).options,
        ...locales,
        user,
      });
      logFailure(result, meta);
      await interaction.respond(result.value);
      return result.outcome;
    }
    if (!interaction.isRepliable()) return 'ignored';
    const decision = await limiter.take(user.id);
    if (!decision.ok) {
      await interaction.reply(replyOptions(rateLimitNotice(services, locales, decision.retryAfterSeconds)));
      return 'rate-limited';
    }
    if (interaction.isMessageContextMenuCommand()) {
      // Discord sends the target message with the interaction: no Message Content intent is needed.
      const result = runMessageCommand(services, {
        command: interaction.commandName,
        text: messageText(interaction.targetMessage),
        ...locales,
        user,
      });
      logFailure(result, meta);
      await interaction.reply(replyOptions(result.value));
      return result.outcome;
    }
    if (interaction.isCommand()) {
      // User context-menu and entry-point commands are not registered: they get the polite "unknown command".
      const result = runCommand(services, {
        command: interaction.commandName,
        options: interaction.isChatInputCommand() ? flattenOptions(interaction.options.data).options : {},
        ...locales,
        user,
      });
      logFailure(result, meta);
      const drawn = await draw(result.value, result.picture, meta);
      await interaction.reply(replyOptions(drawn.payload, drawn.files));
      return result.outcome;
    }
    // Buttons, select menus and (never sent by this bot, so always stale) modal submissions.
    const result = runComponent(services, {
      customId: interaction.customId,
      ...(interaction.isAnySelectMenu() ? { values: interaction.values } : {}),
      ...(interaction.isMessageComponent() ? { message: snapshot(interaction.message) } : {}),
      ...locales,
      user,
    });
    logFailure(result, meta);
    const { update } = result.value;
    if (update && interaction.isMessageComponent()) await interaction.update(updateOptions(result.value.payload));
    else {
      const drawn = await draw(result.value.payload, result.picture, meta);
      await interaction.reply(replyOptions(drawn.payload, [...(result.value.files ?? []), ...drawn.files]));
    }
    return result.outcome;
  }

  /**
   * The answer with its picture attached: drawn before the reply, within Discord's 3 s (a first render takes
   * ~0.2 s, a cached one nothing). A failed drawing is logged and the answer goes out as text.
   */
  async function draw(
    payload: Payload,
    picture: PictureRequest | undefined,
    meta: object,
  ): Promise<{ payload: Payload; files: FileAttachment[] }> {
    if (!picture) return { payload, files: [] };
    const drawn = await withPicture(services, payload, picture);
    if (drawn.error instanceof PicturesBusy)
      logger.warn({ ...meta, picture: picture.name }, 'too many pictures at once: sent as text');
    else if (drawn.error)
      logger.error({ ...meta, err: drawn.error, picture: picture.name }, 'drawing the picture failed');
    return drawn;
  }

  /** The one error boundary's answer: a localized ephemeral notice, by whatever call the state allows. */
  async function answerFailure(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const options = replyOptions(
      internalErrorNotice(services, { locale: interaction.locale, guildLocale: interaction.guildLocale ?? undefined }),
    );
    // Deferred: replace the "thinking…" placeholder (its ephemerality was fixed when it was deferred).
    if (interaction.deferred && !interaction.replied) await interaction.editReply(withoutFlags(options));
    else if (interaction.replied || interaction.deferred) await interaction.followUp(options);
    else await interaction.reply(options);
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const meta = {
      kind: interaction.isAutocomplete()
        ? 'autocomplete'
        : interaction.isCommand()
          ? 'command'
          : interaction.isMessageComponent()
            ? 'component'
            : 'other',
      command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
      customId: interaction.isMessageComponent() ? interaction.customId : undefined,
      locale: interaction.locale,
      user: interaction.user.id,
      interaction: interaction.id,
    };
    let outcome: Outcomes = 'failed';
    try {
      outcome = await route(interaction, meta);
    } catch (err) {
      logger.error({ ...meta, err }, 'answering an interaction failed');
      try {
        await answerFailure(interaction);
      } catch (err2) {
        // Nothing more can reach this user (the token expired, Discord is down): log and keep serving.
        logger.warn({ ...meta, err: err2 }, 'could not send the error notice either');
      }
    } finally {
      logger.info({ ...meta, ms: Math.round(performance.now() - started), outcome }, 'interaction');
    }
  }

  /** Questions answered lately, by question message id: an edit re-answers, a delete deletes the answer. */
  const answered = new TTLCache<string, Answered>({ ttl: EDIT_WINDOW_MS, max: ANSWER_MEMORY });

  /**
   * What a message asks the bot, or undefined when it is not addressed to it. Addressed: an explicit
   * @mention (not @everyone, not a role), any DM, or a reply to one of the bot's answers (with the reply
   * ping on, so the text arrives without the Message Content intent). A reply to an answer is a follow-up:
   * its subject is recovered from the answer's buttons, so any shard can answer it.
   */
  async function addressed(
    message: Message,
  ): Promise<{ question: string; subject: string | undefined; followUp: boolean } | undefined> {
    const me = client.user;
    if (!me || message.author.bot || message.webhookId || message.system) return undefined;
    const question = message.content.replace(MENTION_STRIP(me.id), ' ').trim();
    const explicit = !message.inGuild() || MENTION_CHECK(me.id).test(message.content);
    // The replied-to author comes with the message; only a reply to the bot costs a fetch of the answer.
    if (message.reference?.messageId && message.mentions.repliedUser?.id === me.id && question) {
      const answer = await message.fetchReference().catch(() => undefined);
      if (answer?.author.id === me.id) return { question, subject: subjectOf(snapshot(answer)), followUp: true };
    }
    return explicit ? { question, subject: undefined, followUp: false } : undefined;
  }

  /** The answer to an addressed message: rate limited per user, in the question's script. */
  async function answerFor(
    message: Message,
    asked: { question: string; subject: string | undefined },
    meta: object,
  ): Promise<{ payload: Payload; outcome: Outcomes }> {
    const locale = scriptLocale(asked.question);
    const guildLocale = message.guild?.preferredLocale;
    const decision = await limiter.take(message.author.id);
    if (!decision.ok) {
      return {
        payload: rateLimitNotice(services, { locale, guildLocale }, decision.retryAfterSeconds),
        outcome: 'rate-limited',
      };
    }
    const result = runCommand(services, {
      command: 'ask',
      options: { question: asked.question },
      locale,
      guildLocale,
      user: { id: message.author.id },
      subject: asked.subject,
    });
    logFailure(result, meta);
    return { payload: result.value, outcome: result.outcome };
  }

  async function onMessage(message: Message): Promise<void> {
    const asked = await addressed(message);
    if (!asked) return;
    const started = performance.now();
    const locale = scriptLocale(asked.question);
    const meta = {
      kind: asked.followUp ? 'follow-up' : 'mention',
      command: 'ask',
      locale,
      user: message.author.id,
      message: message.id,
    };
    let outcome: Outcomes = 'failed';
    try {
      const { payload, outcome: o } = await answerFor(message, asked, meta);
      const sent = await message.reply(messageOptions(payload));
      answered.set(message.id, { channelId: message.channelId, answerId: sent.id, at: Date.now() });
      outcome = o;
    } catch (err) {
      logger.error({ ...meta, err }, 'answering a mention failed');
      try {
        await message.reply(
          messageOptions(internalErrorNotice(services, { locale, guildLocale: message.guild?.preferredLocale })),
        );
      } catch (err2) {
        logger.warn({ ...meta, err: err2 }, 'could not send the error notice either');
      }
    } finally {
      logger.info({ ...meta, ms: Math.round(performance.now() - started), outcome }, 'mention');
    }
  }

  /** A deleted question takes its answer with it (when the bot still remembers answering it). */
  async function onDelete(message: Message | PartialMessage): Promise<void> {
    const a = answered.get(message.id);
    if (!a) return;
    answered.delete(message.id);
    try {
      await message.channel.messages.delete(a.answerId);
      logger.info({ kind: 'mention-deleted', message: message.id }, 'answer deleted with its question');
    } catch (err) {
      logger.warn({ message: message.id, err }, 'could not delete the answer of a deleted question');
    }
  }

  /**
   * A question edited within EDIT_WINDOW_MS gets its answer edited to match; one that no longer asks the
   * bot anything has its answer deleted.
   */
  async function onEdit(message: Message | PartialMessage): Promise<void> {
    const a = answered.get(message.id);
    if (!a || Date.now() - a.at > EDIT_WINDOW_MS) return;
    const full = message.partial ? await message.fetch().catch(() => undefined) : message;
    if (!full) return;
    const meta = { kind: 'mention-edited', command: 'ask', user: full.author.id, message: full.id };
    try {
      const asked = await addressed(full);
      if (!asked) {
        answered.delete(full.id);
        await full.channel.messages.delete(a.answerId);
        return;
      }
      const { payload } = await answerFor(full, asked, meta);
      await full.channel.messages.edit(a.answerId, editOptions(payload));
      logger.info(meta, 'answer edited with its question');
    } catch (err) {
      logger.warn({ ...meta, err }, 'could not edit the answer of an edited question');
    }
  }

  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
  client.on(Events.MessageCreate, (message) => void onMessage(message));
  client.on(Events.MessageDelete, (message) => void onDelete(message));
  // A moderator's bulk delete takes the answers with the questions too.
  client.on(Events.MessageBulkDelete, (messages) => {
    for (const message of messages.values()) void onDelete(message);
  });
  client.on(Events.MessageUpdate, (_old, message) => void onEdit(message));

  // Without an 'error' listener an EventEmitter error would end the process.
  client.on(Events.Error, (err) => logger.error({ err }, 'discord.js error'));
  client.on(Events.Warn, (msg) => logger.warn(msg));
  client.on(Events.ShardError, (err, shard) => logger.warn({ err, shard }, 'gateway connection error'));
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReady, (shard) => logger.info({ shard }, 'gateway shard ready'));
  client.on(Events.Invalidated, () => logger.warn('gateway session invalidated'));
  if (logger.isLevelEnabled('trace')) client.on(Events.Debug, (msg) => logger.trace(msg));

  const refused = new Promise<GatewayRefusedError>((resolve) => {
    client.on(Events.ShardDisconnect, (event, shard) => {
      const message = FATAL_CLOSE_CODES.get(event.code);
      logger.warn({ shard, code: event.code }, 'gateway closed and will not reconnect');
      if (message) resolve(new GatewayRefusedError(event.code, message));
    });
  });

  async function start(): Promise<void> {
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    const refusal = refused.then((e) => Promise.reject(e));
    // After start-up the caller watches `refused` itself: this copy must not become an unhandled rejection.
    refusal.catch(() => undefined);
    try {
      // login() resolves before READY: wait for clientReady too, unless Discord refuses first.
      await Promise.race([client.login(opts.token).then(() => ready), refusal]);
    } catch (err) {
      if (err instanceof GatewayRefusedError) throw err;
      if (err instanceof Error && 'code' in err && err.code === 'TokenInvalid') {
        throw new GatewayRefusedError(401, TOKEN_REFUSED);
      }
      throw err;
    }
    const appId = client.application?.id;
    if (opts.applicationId && appId && appId !== opts.applicationId) {
      logger.warn(
        { tokenApplication: appId, configured: opts.applicationId },
        'DISCORD_APPLICATION_ID is not the application this token belongs to: deploy-commands registers commands on the configured one',
      );
    }
    logger.info(
      { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.map((s) => s.id) },
      'ready to serve',
    );
  }

  return {
    client,
    start,
    refused,
    stop: async () => {
      stopping = true;
      // The shards close within STOP_DEADLINE_MS (StoppableShardingStrategy); this bounds the rest of destroy().
      const destroyed = client.destroy().catch((err: unknown) => logger.warn({ err }, 'stopping the client failed'));
      if (!(await settlesWithin(destroyed, STOP_DEADLINE_MS + 1_000))) {
        logger.warn('the discord.js client did not finish stopping in time: leaving it');
      }
    },
  };
}
