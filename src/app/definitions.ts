/**
 * The JSON Discord receives for each slash command (`npm run deploy-commands`), with its zh-TW
 * localizations built from the same locale files the answers use.
 */
import type {
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandModule, CommandName, MessageCommandModule } from '../answers/command.js';
import type { Translator } from '../i18n/index.js';
import { ApplicationCommandType, ApplicationIntegrationType, InteractionContextType } from '../kernel/discord-enums.js';
import { COMMON_OPTIONS, type OptionSpec } from '../kernel/options.js';
import type { Lang } from '../kernel/types.js';

type Lookup = (key: string) => string;

/** Keys here are built from the command skeletons, so they are checked by a test, not by the compiler. */
function lookup(tr: Translator, lang: Lang): Lookup {
  return tr.t(lang) as unknown as Lookup;
}

function localizedOption(tr: Translator, command: CommandName, spec: OptionSpec): APIApplicationCommandOption {
  const en = lookup(tr, 'en');
  const zh = lookup(tr, 'zh-TW');
  const base = COMMON_OPTIONS.some((c) => c.name === spec.name)
    ? `commands:common.${spec.name}`
    : `commands:${command}.options.${spec.name}`;
  const option = {
    type: spec.type,
    name: en(`${base}.name`),
    name_localizations: { 'zh-TW': zh(`${base}.name`) },
    description: en(`${base}.description`),
    description_localizations: { 'zh-TW': zh(`${base}.description`) },
    required: spec.required ?? false,
    ...(spec.autocomplete ? { autocomplete: true } : {}),
    ...(spec.maxLength ? { max_length: spec.maxLength } : {}),
    ...(spec.choices
      ? {
          choices: spec.choices.map((value) => {
            const key = spec.name === 'lang' ? `commands:common.lang.choices.${value}` : `${base}.choices.${value}`;
            return { name: en(key), name_localizations: { 'zh-TW': zh(key) }, value };
          }),
        }
      : {}),
  };
  return option as APIApplicationCommandOption;
}

/** The JSON of a message context-menu command: a name (up to 32 characters, spaces allowed), no description. */
export function messageCommandDefinition(
  tr: Translator,
  mod: MessageCommandModule,
): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  const zh = lookup(tr, 'zh-TW');
  return {
    type: ApplicationCommandType.Message,
    name: mod.name,
    name_localizations: { 'zh-TW': zh(`commands:${mod.key}.name`) },
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  };
}

/** The JSON Discord receives for one command, with zh-TW localizations from the same locale files. */
export function commandDefinition(tr: Translator, mod: CommandModule): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const en = lookup(tr, 'en');
  const zh = lookup(tr, 'zh-TW');
  return {
    name: mod.name,
    name_localizations: { 'zh-TW': zh(`commands:${mod.name}.name`) },
    description: en(`commands:${mod.name}.description`),
    description_localizations: { 'zh-TW': zh(`commands:${mod.name}.description`) },
    options: [...mod.options, ...COMMON_OPTIONS].map((o) => localizedOption(tr, mod.name, o)),
    // Works in servers, in DMs with the bot, and when a user installs the app for themselves.
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  };
}
