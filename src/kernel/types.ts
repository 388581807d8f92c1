/**
 * The plain request every door (gateway, HTTP, console) turns an interaction into, and the payload it
 * gets back. Handlers see nothing of the transport.
 */
import type { APIInteractionResponseCallbackData } from 'discord-api-types/v10';

export type Lang = 'zh-TW' | 'en';
export const LANGS: readonly Lang[] = ['zh-TW', 'en'];

export type OptionValue = string | number | boolean;

/** Option values by name, as a door received them: any name, any type (each handler checks its own). */
export type OptionBag = Readonly<Record<string, OptionValue | undefined>>;

export interface CommandRequest<O extends object = OptionBag> {
  command: string;
  /** Option values by name, as the door received them (they are validated by the handler). */
  options: O;
  /** The user's Discord locale (e.g. `zh-TW`, `en-US`), if known. */
  locale?: string | undefined;
  /** The guild's preferred locale, if the interaction came from a guild. */
  guildLocale?: string | undefined;
  user: { id: string };
}

export interface ComponentRequest {
  customId: string;
  /** Selected values of a select menu. */
  values?: readonly string[];
  locale?: string | undefined;
  guildLocale?: string | undefined;
  user: { id: string };
}

export interface AutocompleteRequest<O extends object = OptionBag> {
  command: string;
  /** The focused option's name and what the user has typed so far. */
  focused: { name: string; value: string };
  options: O;
  locale?: string | undefined;
  guildLocale?: string | undefined;
  user: { id: string };
}

/** The `data` of an interaction callback: content, embeds, components, flags, allowed_mentions. */
export type Payload = APIInteractionResponseCallbackData;

/** What a component handler returns: a new message body, and whether it replaces the clicked message. */
export interface ComponentReply {
  payload: Payload;
  /** true: update the message the component sits on (callback type 7); false: a new reply (type 4). */
  update: boolean;
}

export interface Choice {
  name: string;
  value: string;
}
