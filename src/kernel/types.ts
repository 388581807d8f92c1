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
  /**
   * The record a follow-up is about: a reply to one of the bot's answers carries the id of that answer's
   * subject (recovered from its buttons), so "and when was it founded?" needs no name.
   */
  subject?: string | undefined;
}

/** A message context-menu command on one message: its name (as deployed, in English) and the message's text. */
export interface MessageCommandRequest {
  command: string;
  /** What the message says: its content, or its embeds' titles and descriptions when it has none. */
  text: string;
  locale?: string | undefined;
  guildLocale?: string | undefined;
  user: { id: string };
}

/** What a component handler may read of the message its component sits on (Discord sends it with the click). */
export interface MessageSnapshot {
  content?: string | undefined;
  embeds?: Payload['embeds'];
  components?: Payload['components'];
  flags?: number | undefined;
}

export interface ComponentRequest {
  customId: string;
  /** Selected values of a select menu. */
  values?: readonly string[];
  locale?: string | undefined;
  guildLocale?: string | undefined;
  user: { id: string };
  /** The clicked message, when the door has it (both Discord doors do; the console keeps its last answer). */
  message?: MessageSnapshot | undefined;
}

/** A file sent with an answer (a CSV export): the doors attach it as Discord wants for each transport. */
export interface FileAttachment {
  name: string;
  data: Uint8Array;
  contentType: string;
  /** Alt text / description Discord shows for the attachment. */
  description?: string;
}

/**
 * A picture an answer shows, described as data so that handlers stay pure and synchronous: the door renders
 * it (the renderer loads on the first picture), attaches the PNG as `name` with `alt` as its description,
 * and keeps the text answer when rendering fails.
 */
export type PictureSpec =
  /** Founding timeline of the table's rows (all of them when `rows` is absent), by 1-based row number. */
  | { kind: 'timeline'; rows?: readonly number[] | undefined }
  /** Taiwan's participation map, with one place's links drawn strong when `focus` is given. */
  | { kind: 'taiwan-map'; focus?: string | undefined };

export interface PictureRequest {
  spec: PictureSpec;
  lang: Lang;
  /** The file name; the answer's embed shows it as `attachment://<name>`. */
  name: string;
  /** Alt text: the same facts as the picture, in words. */
  alt: string;
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
  /** Files to attach to the (new, ephemeral) reply. The HTTP door defers and then edits in the files. */
  files?: readonly FileAttachment[];
  /** A picture to render and attach to the (new) reply. */
  picture?: PictureRequest | undefined;
}

/** What a command that draws returns: its message, and the picture the message shows. */
export interface PictureAnswer {
  payload: Payload;
  picture: PictureRequest;
}

export interface Choice {
  name: string;
  value: string;
}
