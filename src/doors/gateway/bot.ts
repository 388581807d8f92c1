/**
 * The discord.js gateway client: turns interactions and @mentions into the plain requests of
 * src/app/dispatch.ts and sends back the payloads it returns. Dispatch by name happens there (one
 * exhaustive table); this file only knows the kinds of interaction and how Discord wants each answered.
 */
import { performance } from 'node:perf_hooks';
import { TTLCache } from '@isaacs/ttlcache';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  Partials,
  type ClientOptions,
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

export function createBot(opts: BotOptions): Bot {
  const { services, logger, limiter } = opts;
  const client = new Client({
    ...opts.clientOptions,
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
  // Set by stop(): destroying the client closes the socket, which discord.js reports as "reconnecting".
  let stopping = false;
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
    stop: () => {
      stopping = true;
      return client.destroy();
    },
  };
}
