/**
 * The one entry point the three doors call. It resolves the answer's language and the `hide` flag,
 * dispatches through the exhaustive command table and the component routes, answers unknown commands and
 * stale or forged component ids politely, turns any handler failure into a localized message (the doors
 * log the error; the process keeps serving), and makes every payload fit Discord's limits and ping nobody.
 * Handlers return plain payloads; only here are `hide` and the limits applied.
 */
import { SHARE, SNOWFLAKE, shareButton, shareIdOn, withButton } from '../answers/actions.js';
import { withLang, type Ctx, type Services } from '../answers/context.js';
import { notice, quoteUser } from '../answers/format.js';
import { MessageFlags } from '../kernel/discord-enums.js';
import { shownText, optionBool, yesNo } from '../kernel/input.js';
import { LIMITS, fitPayload } from '../kernel/limits.js';
import { fromTag, resolveLang } from '../kernel/locale.js';
import type {
  AutocompleteRequest,
  Choice,
  CommandRequest,
  ComponentReply,
  ComponentRequest,
  OptionBag,
  MessageCommandRequest,
  OptionValue,
  Payload,
  PictureRequest,
} from '../kernel/types.js';
import { isPictureAnswer } from '../answers/pictures.js';
import { COMPONENT_ROUTES, MESSAGE_COMMANDS, commandModule, isCommandName } from './registry.js';

export interface Outcome<T> {
  value: T;
  /** 'ok', or why the answer is a notice: unknown command, stale component, handler error. */
  outcome: 'ok' | 'unknown' | 'stale' | 'error';
  error?: unknown;
  /** The picture the answer shows: the door draws it (withPicture) and attaches it. */
  picture?: PictureRequest | undefined;
}

interface Locales {
  locale?: string | undefined;
  guildLocale?: string | undefined;
}

/** The language of an answer to a request that names none: the user's, then the guild's, then zh-TW. */
function ctxFor(services: Services, req: Locales, explicit?: OptionValue): Ctx {
  return withLang(services, resolveLang(explicit, req.locale, req.guildLocale));
}

/** The last step of every answer: ephemeral when asked, within every Discord limit, pinging nobody. */
function deliver(payload: Payload, hide: boolean): Payload {
  return fitPayload(hide ? { ...payload, flags: (payload.flags ?? 0) | MessageFlags.Ephemeral } : payload);
}

const isNotice = (p: Payload): boolean => ((p.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/**
 * A handler's answer as sent: mentioning the colleague it is `for` (who alone may be pinged), and, when
 * hidden, with a Share button that posts it for the channel. Notices (corrections, errors) are for the
 * asker only and get neither.
 */
function answer(ctx: Ctx, payload: Payload, hide: boolean, forUser: string | undefined): Payload {
  if (isNotice(payload)) return deliver(payload, hide);
  let p = payload;
  if (forUser) {
    const line = ctx.t('actions:for', { user: `<@${forUser}>` });
    p = {
      ...p,
      content: p.content ? `${line}\n${p.content}` : line,
      allowed_mentions: { parse: [], users: [forUser] },
    };
  }
  if (hide) p = withButton(p, shareButton(ctx, forUser));
  return deliver(p, hide);
}

export function runCommand(services: Services, req: CommandRequest): Outcome<Payload> {
  const ctx = ctxFor(services, req, req.options.lang);
  const hide = optionBool(req.options.hide);
  if (!isCommandName(req.command)) {
    return {
      value: deliver(
        notice(ctx.t('common:errors.unknownCommand', { command: quoteUser(req.command.slice(0, 32).toWellFormed()) })),
        hide,
      ),
      outcome: 'unknown',
    };
  }
  const common = commonOptionProblem(req.options);
  if (common) {
    return {
      value: deliver(notice(ctx.t(common.key, { value: quoteUser(shownText(common.value)) })), hide),
      outcome: 'ok',
    };
  }
  const forUser = typeof req.options.for === 'string' ? req.options.for : undefined;
  try {
    const result = commandModule(req.command).run(req, ctx);
    if (isPictureAnswer(result))
      return { value: answer(ctx, result.payload, hide, forUser), outcome: 'ok', picture: result.picture };
    return { value: answer(ctx, result, hide, forUser), outcome: 'ok' };
  } catch (error) {
    return { value: deliver(notice(ctx.t('common:errors.internal')), hide), outcome: 'error', error };
  }
}

/**
 * The message context-menu command ("查詢城市聯盟 / Look up city alliances"): what the message asks or
 * names, answered as /ask would, hidden (the asker decides whether to share it with the Share button).
 */
export function runMessageCommand(services: Services, req: MessageCommandRequest): Outcome<Payload> {
  const ctx = ctxFor(services, req);
  const command = MESSAGE_COMMANDS.find((c) => c.name === req.command);
  if (!command) {
    return {
      value: deliver(
        notice(ctx.t('common:errors.unknownCommand', { command: quoteUser(req.command.slice(0, 32).toWellFormed()) })),
        true,
      ),
      outcome: 'unknown',
    };
  }
  try {
    return { value: answer(ctx, command.run(req, ctx), true, undefined), outcome: 'ok' };
  } catch (error) {
    return { value: deliver(notice(ctx.t('common:errors.internal')), true), outcome: 'error', error };
  }
}

/**
 * `lang` and `hide`, which every command takes. Discord only sends a listed language and a boolean, but
 * the console and a forged request can send anything: say so rather than silently answer otherwise.
 */
function commonOptionProblem(
  options: OptionBag,
): { key: 'common:input.badLang' | 'common:input.badHide' | 'actions:badFor'; value: OptionValue } | undefined {
  const { lang, hide, for: forUser } = options;
  if (lang !== undefined && fromTag(lang) === undefined) return { key: 'common:input.badLang', value: lang };
  if (hide !== undefined && typeof hide !== 'boolean' && yesNo(String(hide)) === undefined)
    return { key: 'common:input.badHide', value: hide };
  if (forUser !== undefined && !(typeof forUser === 'string' && SNOWFLAKE.test(forUser)))
    return { key: 'actions:badFor', value: forUser };
  return undefined;
}

export function runComponent(services: Services, req: ComponentRequest): Outcome<ComponentReply> {
  const ctx = ctxFor(services, req);
  const stale = (): Outcome<ComponentReply> => ({
    value: { payload: deliver(notice(ctx.t('common:errors.staleComponent')), false), update: false },
    outcome: 'stale',
  });
  if (typeof req.customId !== 'string' || req.customId.length > LIMITS.CUSTOM_ID) return stale();
  const routes = COMPONENT_ROUTES.get(req.customId.split(':', 1)[0] ?? '') ?? [];
  try {
    for (const route of routes) {
      const reply = route.answer(req.customId, req, services);
      if (reply)
        return {
          value: { ...reply, payload: deliver(keepShare(services, reply, req), false) },
          outcome: 'ok',
          ...(reply.picture ? { picture: reply.picture } : {}),
        };
    }
    return stale();
  } catch (error) {
    return {
      value: { payload: deliver(notice(ctx.t('common:errors.internal')), false), update: false },
      outcome: 'error',
      error,
    };
  }
}

/** A hidden answer paged or opened in full keeps its Share button (the new body is built without it). */
function keepShare(services: Services, reply: ComponentReply, req: ComponentRequest): Payload {
  const share = reply.update ? shareIdOn(req.message) : undefined;
  const state = share ? SHARE.decode(share) : undefined;
  if (!share || !state || shareIdOn(reply.payload)) return reply.payload;
  return withButton(reply.payload, shareButton(withLang(services, state.lang), state.for));
}

export function runAutocomplete(services: Services, req: AutocompleteRequest): Outcome<Choice[]> {
  if (!isCommandName(req.command)) return { value: [], outcome: 'unknown' };
  const handler = commandModule(req.command);
  if (!handler.autocomplete) return { value: [], outcome: 'ok' };
  try {
    const ctx = ctxFor(services, req, req.options.lang);
    const value = typeof req.focused?.value === 'string' ? handler.autocomplete(req, ctx) : [];
    return { value: value.slice(0, LIMITS.AUTOCOMPLETE_CHOICES), outcome: 'ok' };
  } catch (error) {
    return { value: [], outcome: 'error', error };
  }
}

/** The ephemeral notice a rate-limited user gets, in their language. */
export function rateLimitNotice(services: Services, req: Locales, retryAfterSeconds: number): Payload {
  return deliver(notice(ctxFor(services, req).t('common:errors.rateLimited', { seconds: retryAfterSeconds })), false);
}

/** The ephemeral notice when the shared store behind the rate limit cannot answer (the HTTP door refuses then). */
export function limitsUnavailableNotice(services: Services, req: Locales): Payload {
  return deliver(notice(ctxFor(services, req).t('common:errors.limitsUnavailable')), false);
}

/** What a user sees when answering failed outside a handler (a door's own error boundary), in their language. */
export function internalErrorNotice(services: Services, req: Locales): Payload {
  return deliver(notice(ctxFor(services, req).t('common:errors.internal')), false);
}
