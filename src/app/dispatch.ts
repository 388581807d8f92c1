/**
 * The one entry point the three doors call. It resolves language and hide flag, dispatches through the
 * exhaustive command table, answers unknown commands and stale or forged component ids politely, and
 * turns any handler failure into a localized message (the doors log the error; the process keeps serving).
 */
import { COMMANDS, COMPONENTS, isCommandName } from './registry.js';
import { prepare } from '../answers/command.js';
import type { Services } from '../answers/context.js';
import { fromTag, resolveLang } from '../kernel/locale.js';
import { withLang } from '../answers/context.js';
import { notice, quoteUser } from '../answers/format.js';
import { LIMITS } from '../kernel/limits.js';
import { shownText } from '../kernel/input.js';
import type {
  AutocompleteRequest,
  Choice,
  CommandRequest,
  ComponentReply,
  ComponentRequest,
  OptionValue,
  Payload,
} from '../kernel/types.js';

export interface Outcome<T> {
  value: T;
  /** 'ok', or why the answer is a notice: unknown command, stale component, handler error. */
  outcome: 'ok' | 'unknown' | 'stale' | 'error';
  error?: unknown;
}

export function runCommand(services: Services, req: CommandRequest): Outcome<Payload> {
  const { ctx, hide } = prepare(services, req);
  if (!isCommandName(req.command)) {
    return {
      value: notice(
        ctx.t('common:errors.unknownCommand', { command: quoteUser(req.command.slice(0, 32).toWellFormed()) }),
      ),
      outcome: 'unknown',
    };
  }
  const common = commonOptionProblem(req.options);
  if (common) return { value: notice(ctx.t(common.key, { value: quoteUser(shownText(common.value)) })), outcome: 'ok' };
  try {
    return { value: COMMANDS[req.command].run(req, ctx, hide), outcome: 'ok' };
  } catch (error) {
    return { value: notice(ctx.t('common:errors.internal')), outcome: 'error', error };
  }
}

const BOOLEAN_WORDS = /^(true|false|yes|no|y|n|1|0|on|off|是|否)$/i;

/**
 * `lang` and `hide`, which every command takes. Discord only sends a listed language and a boolean, but
 * the console and a forged request can send anything: say so rather than silently answer otherwise.
 */
function commonOptionProblem(
  options: CommandRequest['options'],
): { key: 'common:input.badLang' | 'common:input.badHide'; value: OptionValue } | undefined {
  const { lang, hide } = options;
  if (lang !== undefined && fromTag(lang) === undefined) return { key: 'common:input.badLang', value: lang };
  if (hide !== undefined && typeof hide !== 'boolean' && !BOOLEAN_WORDS.test(String(hide).trim()))
    return { key: 'common:input.badHide', value: hide };
  return undefined;
}

export function runComponent(services: Services, req: ComponentRequest): Outcome<ComponentReply> {
  const lang = resolveLang(undefined, req.locale, req.guildLocale);
  const ctx = withLang(services, lang);
  const stale = (): Outcome<ComponentReply> => ({
    value: { payload: notice(ctx.t('common:errors.staleComponent')), update: false },
    outcome: 'stale',
  });
  if (typeof req.customId !== 'string' || req.customId.length > LIMITS.CUSTOM_ID) return stale();
  const parts = req.customId.split(':');
  const handler = COMPONENTS.get(parts[0] ?? '');
  if (!handler) return stale();
  try {
    const reply = handler.handle(parts, req, services);
    return reply ? { value: reply, outcome: 'ok' } : stale();
  } catch (error) {
    return { value: { payload: notice(ctx.t('common:errors.internal')), update: false }, outcome: 'error', error };
  }
}

export function runAutocomplete(services: Services, req: AutocompleteRequest): Outcome<Choice[]> {
  const { ctx } = prepare(services, req);
  if (!isCommandName(req.command)) return { value: [], outcome: 'unknown' };
  const handler = COMMANDS[req.command];
  if (!('autocomplete' in handler) || !handler.autocomplete) return { value: [], outcome: 'ok' };
  try {
    const value = typeof req.focused?.value === 'string' ? handler.autocomplete(req, ctx) : [];
    return { value: value.slice(0, LIMITS.AUTOCOMPLETE_CHOICES), outcome: 'ok' };
  } catch (error) {
    return { value: [], outcome: 'error', error };
  }
}

/** The ephemeral notice a rate-limited user gets, in their language. */
export function rateLimitNotice(
  services: Services,
  req: { locale?: string | undefined; guildLocale?: string | undefined },
  retryAfterSeconds: number,
): Payload {
  const ctx = withLang(services, resolveLang(undefined, req.locale, req.guildLocale));
  return notice(ctx.t('common:errors.rateLimited', { seconds: retryAfterSeconds }));
}
