/**
 * A command's options as a plain, translatable skeleton (names and descriptions come from locale files),
 * and the option types derived from it: a handler's `req.options` has exactly the names its `as const`
 * list declares, plus `lang` and `hide`, so a misspelt name is a compile error (as the discord.js docs
 * bot's ArgumentsOf does). Values stay `OptionValue`: the console and a forged request can send any
 * type for any option, so each handler still checks what it gets.
 */
import { ApplicationCommandOptionType } from './discord-enums.js';
import type { OptionValue } from './types.js';

export interface OptionSpec {
  readonly name: string;
  readonly type: (typeof ApplicationCommandOptionType)[keyof typeof ApplicationCommandOptionType];
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly maxLength?: number;
  /** Choice values; their display names come from commands.json `<command>.choices.<value>`. */
  readonly choices?: readonly string[];
}

/** Options every command has: an explicit answer language, an ephemeral ("only you") answer, and a colleague to point it to. */
export const COMMON_OPTIONS = [
  { name: 'lang', type: ApplicationCommandOptionType.String, choices: ['zh-TW', 'en'] },
  { name: 'hide', type: ApplicationCommandOptionType.Boolean },
  // One colleague the answer is for: mentioned in it, and the only one it may ping.
  { name: 'for', type: ApplicationCommandOptionType.User },
] as const satisfies readonly OptionSpec[];

export type CommonOptionName = (typeof COMMON_OPTIONS)[number]['name'];

/** The option values a handler of these options receives, by name, as the door received them. */
export type OptionsOf<O extends readonly OptionSpec[]> = {
  readonly [K in O[number]['name'] | CommonOptionName]?: OptionValue | undefined;
};

/** Longest query Discord lets a user type into a search option. */
export const QUERY_MAX_LENGTH = 100;
