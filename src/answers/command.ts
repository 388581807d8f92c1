/**
 * The shape of a command module (commands/*.ts) and what they share: the `lang` and `hide` options,
 * localized definitions built from locales/<lang>/commands.json, and compact component ids.
 */
import type {
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from '../kernel/discord-enums.js';
import type { Translator } from '../i18n/index.js';
import { withLang, type Ctx, type Services } from './context.js';
import { resolveLang } from '../kernel/locale.js';
import { optionBool } from '../kernel/input.js';
import type {
  AutocompleteRequest,
  Choice,
  CommandRequest,
  ComponentReply,
  ComponentRequest,
  Lang,
  Payload,
} from '../kernel/types.js';

export const COMMAND_NAMES = ['org', 'taiwan', 'founded', 'list', 'ask', 'about', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command's options as a plain, translatable skeleton: names and descriptions come from locale files. */
export interface OptionSpec {
  name: string;
  type: (typeof ApplicationCommandOptionType)[keyof typeof ApplicationCommandOptionType];
  required?: boolean;
  autocomplete?: boolean;
  maxLength?: number;
  /** Choice values; their display names come from commands.json `<command>.choices.<value>`. */
  choices?: readonly string[];
}

export interface CommandModule {
  name: CommandName;
  options: readonly OptionSpec[];
  /** `hide`: answer ephemerally (only the user sees it). */
  run(req: CommandRequest, ctx: Ctx, hide: boolean): Payload;
  autocomplete?(req: AutocompleteRequest, ctx: Ctx): Choice[];
  /** Component id prefix this command answers (its buttons and menus), and the handler. */
  /** Returns undefined for an id it cannot answer (stale or forged): the dispatcher answers politely. */
  component?: {
    prefix: string;
    handle(parts: readonly string[], req: ComponentRequest, services: Services): ComponentReply | undefined;
  };
}

/** Options every command has: an explicit answer language, and an ephemeral ("only you") answer. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  { name: 'lang', type: ApplicationCommandOptionType.String, choices: ['zh-TW', 'en'] },
  { name: 'hide', type: ApplicationCommandOptionType.Boolean },
];

export const QUERY_MAX_LENGTH = 100;

/** Resolves the answer language and the hide flag from a request. */
export function prepare(
  services: Services,
  req: Pick<CommandRequest, 'options' | 'locale' | 'guildLocale'>,
): { ctx: Ctx; hide: boolean } {
  const lang = resolveLang(req.options.lang, req.locale, req.guildLocale);
  return { ctx: withLang(services, lang), hide: optionBool(req.options.hide) };
}

// Component ids: `<prefix>:<lang>:<state…>`; the language is one letter to save room in 100 characters.
export function langCode(lang: Lang): string {
  return lang === 'en' ? 'e' : 'z';
}
export function langFromCode(code: string | undefined): Lang | undefined {
  return code === 'e' ? 'en' : code === 'z' ? 'zh-TW' : undefined;
}

type Lookup = (key: string) => string;

/** Keys here are built from the command skeletons, so they are checked by a test, not by the compiler. */
function lookup(tr: Translator, lang: Lang): Lookup {
  return tr.t(lang) as unknown as Lookup;
}

function describe(t: Lookup, key: string): string {
  return t(key);
}

function localizedOption(tr: Translator, command: CommandName, spec: OptionSpec): APIApplicationCommandOption {
  const en = lookup(tr, 'en');
  const zh = lookup(tr, 'zh-TW');
  const base =
    spec.name === 'lang' || spec.name === 'hide'
      ? `commands:common.${spec.name}`
      : `commands:${command}.options.${spec.name}`;
  const option = {
    type: spec.type,
    name: describe(en, `${base}.name`),
    name_localizations: { 'zh-TW': describe(zh, `${base}.name`) },
    description: describe(en, `${base}.description`),
    description_localizations: { 'zh-TW': describe(zh, `${base}.description`) },
    required: spec.required ?? false,
    ...(spec.autocomplete ? { autocomplete: true } : {}),
    ...(spec.maxLength ? { max_length: spec.maxLength } : {}),
    ...(spec.choices
      ? {
          choices: spec.choices.map((value) => {
            const key = spec.name === 'lang' ? `commands:common.lang.choices.${value}` : `${base}.choices.${value}`;
            return { name: describe(en, key), name_localizations: { 'zh-TW': describe(zh, key) }, value };
          }),
        }
      : {}),
  };
  return option as APIApplicationCommandOption;
}

/** The JSON Discord receives for one command, with zh-TW localizations from the same locale files. */
export function commandDefinition(tr: Translator, mod: CommandModule): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const en = lookup(tr, 'en');
  const zh = lookup(tr, 'zh-TW');
  return {
    name: mod.name,
    name_localizations: { 'zh-TW': describe(zh, `commands:${mod.name}.name`) },
    description: describe(en, `commands:${mod.name}.description`),
    description_localizations: { 'zh-TW': describe(zh, `commands:${mod.name}.description`) },
    options: [...mod.options, ...COMMON_OPTIONS].map((o) => localizedOption(tr, mod.name, o)),
    // Works in servers, in DMs with the bot, and when a user installs the app for themselves.
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  };
}
