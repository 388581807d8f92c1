/**
 * The buttons under an answer that act on it rather than page it: "完整資料 / Full record" (the whole record
 * in place of a short answer), "引用 / Cite" (the citation forms, ephemeral), "分享到頻道 / Share to channel"
 * (a hidden answer posted for the channel) and "匯出 CSV / Export CSV" (a list as a file). Each carries its
 * state in its custom_id, so any shard or HTTP instance answers the click; Share reads the clicked message,
 * which Discord sends with every click, so the shared answer is exactly what the user saw.
 */
import type { APIActionRowComponent, APIButtonComponent, APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { INVALID, fields, idCodec, type Field } from '../kernel/custom-id.js';
import { ButtonStyle, ComponentType } from '../kernel/discord-enums.js';
import type { MessageSnapshot, Payload } from '../kernel/types.js';
import type { Ctx } from './context.js';
import { button } from './format.js';

/** A Discord user id: the only kind of mention an answer may carry. */
export const SNOWFLAKE = /^\d{15,21}$/;
const userId: Field<string> = {
  encode: (id) => id,
  decode: (s) => (SNOWFLAKE.test(s) ? s : INVALID),
};

/** `full:<lang>:<id>`: the whole record of an organization, an alliance or a place, in place of the short answer. */
export const FULL = idCodec('full', 1, { lang: fields.lang, id: fields.recordId });
/** `cite:<lang>:<id|->`: the citation of a record's facts, or (`-`) of the article itself. */
export const CITE = idCodec('cite', 1, { lang: fields.lang, id: fields.optional(fields.recordId) });
/** `share:<lang>:<user|->`: post the hidden answer for the channel, pinging the colleague it is for, if any. */
export const SHARE = idCodec('share', 1, { lang: fields.lang, for: fields.optional(userId) });

/** What an answer offers: its record (Full record, and the subject a reply follows up on), citation, export. */
export interface Actions {
  /** The record the short answer is about: a "Full record" button shows it whole. */
  full?: string | undefined;
  /** The record whose facts the answer cites, or null for the article as a whole. */
  cite?: string | null | undefined;
  /** The custom_id of the list's own CSV export button (each list command answers its own). */
  csv?: string | undefined;
}

export function actionButton(customId: string, label: string, primary = false): APIButtonComponent {
  return button(customId, label, false, primary ? ButtonStyle.Primary : ButtonStyle.Secondary);
}

/** The row of action buttons for an answer, or undefined when it offers none. */
export function actionRow(ctx: Ctx, actions: Actions): APIActionRowComponent<APIButtonComponent> | undefined {
  const buttons: APIButtonComponent[] = [];
  if (actions.full)
    buttons.push(actionButton(FULL.encode({ lang: ctx.lang, id: actions.full }), ctx.t('actions:full'), true));
  if (actions.cite !== undefined)
    buttons.push(actionButton(CITE.encode({ lang: ctx.lang, id: actions.cite ?? undefined }), ctx.t('actions:cite')));
  if (actions.csv) buttons.push(actionButton(actions.csv, ctx.t('actions:csv')));
  return buttons.length > 0 ? { type: ComponentType.ActionRow, components: buttons } : undefined;
}

export type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The payload with the answer's action buttons added as a last row (when there is room for one). */
export function withActions(ctx: Ctx, payload: Payload, actions: Actions): Payload {
  const r = actionRow(ctx, actions);
  if (!r) return payload;
  const rows = (payload.components ?? []) as Row[];
  return rows.length >= 5 ? payload : { ...payload, components: [...rows, r] };
}

/** Adds one button to the last button row with room, or as a new row; the payload unchanged if neither fits. */
export function withButton(payload: Payload, b: APIButtonComponent): Payload {
  const rows = [...((payload.components ?? []) as Row[])];
  const last = rows[rows.length - 1];
  const buttonsOnly = last?.components.every((c) => c.type === ComponentType.Button);
  if (last && buttonsOnly && last.components.length < 5) {
    rows[rows.length - 1] = { ...last, components: [...last.components, b] };
    return { ...payload, components: rows };
  }
  if (rows.length >= 5) return payload;
  return { ...payload, components: [...rows, { type: ComponentType.ActionRow, components: [b] }] };
}

export function shareButton(ctx: Ctx, forUser: string | undefined): APIButtonComponent {
  return actionButton(SHARE.encode({ lang: ctx.lang, for: forUser }), ctx.t('actions:share'));
}

/** Every custom_id on a message, row by row. */
export function customIds(components: MessageSnapshot['components']): string[] {
  return (components ?? []).flatMap((r) =>
    'components' in r ? r.components.flatMap((c) => ('custom_id' in c && c.custom_id ? [c.custom_id] : [])) : [],
  );
}

/** The Share button's id on a message, if it has one (kept when a hidden answer is paged or opened in full). */
export function shareIdOn(message: MessageSnapshot | undefined): string | undefined {
  return customIds(message?.components).find((id) => SHARE.decode(id) !== undefined);
}

/**
 * The record one of the bot's answers is about, recovered from its buttons (Full record, Cite): a reply to
 * the answer follows up on it. Stateless, so any shard can answer the reply.
 */
export function subjectOf(message: MessageSnapshot): string | undefined {
  for (const id of customIds(message.components)) {
    const full = FULL.decode(id);
    if (full) return full.id;
    const cite = CITE.decode(id);
    if (cite?.id) return cite.id;
  }
  return undefined;
}
