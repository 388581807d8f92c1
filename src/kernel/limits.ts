/**
 * Discord's message limits, and the one helper that makes any payload fit them. Every handler's
 * output passes through `fitPayload`, so no reply is ever refused by Discord for its size.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import type { Payload } from './types.js';

export const LIMITS = {
  CONTENT: 2000,
  EMBED_TITLE: 256,
  EMBED_DESCRIPTION: 4096,
  EMBED_FIELDS: 25,
  FIELD_NAME: 256,
  FIELD_VALUE: 1024,
  FOOTER_TEXT: 2048,
  AUTHOR_NAME: 256,
  EMBEDS_TOTAL_CHARS: 6000,
  EMBEDS_PER_MESSAGE: 10,
  ACTION_ROWS: 5,
  COMPONENTS_PER_ROW: 5,
  CUSTOM_ID: 100,
  BUTTON_LABEL: 80,
  SELECT_OPTIONS: 25,
  SELECT_OPTION_LABEL: 100,
  SELECT_OPTION_VALUE: 100,
  SELECT_OPTION_DESCRIPTION: 100,
  SELECT_PLACEHOLDER: 150,
  AUTOCOMPLETE_CHOICES: 25,
  CHOICE_NAME: 100,
  CHOICE_VALUE: 100,
  /** An attachment's description: the alt text screen readers and Discord's image viewer show. */
  ATTACHMENT_DESCRIPTION: 1024,
} as const;

const ELLIPSIS = '…';

/** Cuts a text to `max` characters (UTF-16 units, as Discord counts), never splitting a surrogate pair. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

function embedChars(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = clamp(out.title, LIMITS.EMBED_TITLE);
  if (out.description !== undefined) out.description = clamp(out.description, LIMITS.EMBED_DESCRIPTION);
  if (out.footer) out.footer = { ...out.footer, text: clamp(out.footer.text, LIMITS.FOOTER_TEXT) };
  if (out.author) out.author = { ...out.author, name: clamp(out.author.name, LIMITS.AUTHOR_NAME) };
  if (out.fields) {
    out.fields = out.fields
      .filter((f) => f.value.trim().length > 0)
      .slice(0, LIMITS.EMBED_FIELDS)
      .map((f) => ({ ...f, name: clamp(f.name, LIMITS.FIELD_NAME), value: clamp(f.value, LIMITS.FIELD_VALUE) }));
  }
  return out;
}

/** Drops trailing fields, then shortens descriptions, until all embeds together fit 6000 characters. */
function fitTotal(embeds: APIEmbed[]): APIEmbed[] {
  const total = (): number => embeds.reduce((n, e) => n + embedChars(e), 0);
  for (let i = embeds.length - 1; i >= 0 && total() > LIMITS.EMBEDS_TOTAL_CHARS; i--) {
    const e = embeds[i]!;
    while ((e.fields?.length ?? 0) > 0 && total() > LIMITS.EMBEDS_TOTAL_CHARS) e.fields = e.fields!.slice(0, -1);
    const over = total() - LIMITS.EMBEDS_TOTAL_CHARS;
    if (over > 0 && e.description) e.description = clamp(e.description, Math.max(1, e.description.length - over));
    if (total() > LIMITS.EMBEDS_TOTAL_CHARS && i > 0) embeds.splice(i, 1);
  }
  return embeds;
}

function fitRow(
  row: APIActionRowComponent<APIComponentInMessageActionRow>,
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    ...row,
    components: row.components.slice(0, LIMITS.COMPONENTS_PER_ROW).map((c) => {
      const out = { ...c };
      if ('custom_id' in out && out.custom_id.length > LIMITS.CUSTOM_ID) {
        // A cut custom_id would carry corrupt state: it is a programming error, not user input.
        throw new Error(`custom_id over ${LIMITS.CUSTOM_ID} characters: ${out.custom_id}`);
      }
      if ('label' in out && typeof out.label === 'string') out.label = clamp(out.label, LIMITS.BUTTON_LABEL);
      if ('placeholder' in out && typeof out.placeholder === 'string') {
        out.placeholder = clamp(out.placeholder, LIMITS.SELECT_PLACEHOLDER);
      }
      if ('options' in out && Array.isArray(out.options)) {
        out.options = out.options.slice(0, LIMITS.SELECT_OPTIONS).map((o) => ({
          ...o,
          label: clamp(o.label, LIMITS.SELECT_OPTION_LABEL),
          value: clamp(o.value, LIMITS.SELECT_OPTION_VALUE),
          ...(o.description !== undefined
            ? { description: clamp(o.description, LIMITS.SELECT_OPTION_DESCRIPTION) }
            : {}),
        }));
      }
      return out;
    }),
  };
}

/** Makes a payload fit every Discord limit, and pings nobody. */
/**
 * Who an answer may ping: nobody, or the one colleague it was sent to (`for`), named by user id. Never
 * roles, never @everyone, never more than one person, whatever a handler asked for.
 */
function allowedMentions(p: Payload): NonNullable<Payload['allowed_mentions']> {
  const one = p.allowed_mentions?.users?.filter((id) => /^\d{15,21}$/.test(id)).slice(0, 1) ?? [];
  return one.length > 0 ? { parse: [], users: one } : { parse: [] };
}

export function fitPayload(p: Payload): Payload {
  const out: Payload = { ...p, allowed_mentions: allowedMentions(p) };
  if (out.content !== undefined) out.content = clamp(out.content, LIMITS.CONTENT);
  if (out.embeds) out.embeds = fitTotal(out.embeds.slice(0, LIMITS.EMBEDS_PER_MESSAGE).map(fitEmbed));
  if (out.components) {
    out.components = out.components
      .slice(0, LIMITS.ACTION_ROWS)
      .map((row) => ('components' in row && row.type === 1 ? fitRow(row) : row));
  }
  return out;
}

/** Every way a payload could break a limit, for tests and fuzzing: an empty list means it fits. */
export function limitViolations(p: Payload): string[] {
  const v: string[] = [];
  if ((p.content?.length ?? 0) > LIMITS.CONTENT) v.push('content');
  const embeds = p.embeds ?? [];
  if (embeds.length > LIMITS.EMBEDS_PER_MESSAGE) v.push('embeds count');
  if (embeds.reduce((n, e) => n + embedChars(e), 0) > LIMITS.EMBEDS_TOTAL_CHARS) v.push('embeds total');
  embeds.forEach((e, i) => {
    if ((e.title?.length ?? 0) > LIMITS.EMBED_TITLE) v.push(`embed ${i} title`);
    if ((e.description?.length ?? 0) > LIMITS.EMBED_DESCRIPTION) v.push(`embed ${i} description`);
    if ((e.footer?.text.length ?? 0) > LIMITS.FOOTER_TEXT) v.push(`embed ${i} footer`);
    if ((e.fields?.length ?? 0) > LIMITS.EMBED_FIELDS) v.push(`embed ${i} fields count`);
    e.fields?.forEach((f, j) => {
      if (f.name.length > LIMITS.FIELD_NAME || f.name.length === 0) v.push(`embed ${i} field ${j} name`);
      if (f.value.length > LIMITS.FIELD_VALUE || f.value.length === 0) v.push(`embed ${i} field ${j} value`);
    });
  });
  const rows = p.components ?? [];
  if (rows.length > LIMITS.ACTION_ROWS) v.push('action rows');
  for (const row of rows) {
    if (!('components' in row) || row.type !== 1) continue;
    if (row.components.length > LIMITS.COMPONENTS_PER_ROW) v.push('row size');
    for (const c of row.components) {
      if ('custom_id' in c && c.custom_id.length > LIMITS.CUSTOM_ID) v.push('custom_id');
      if ('options' in c && Array.isArray(c.options) && c.options.length > LIMITS.SELECT_OPTIONS)
        v.push('select options');
    }
  }
  if (!p.content && embeds.length === 0) v.push('empty message');
  if (!p.allowed_mentions || (p.allowed_mentions.parse?.length ?? 0) > 0) v.push('allowed_mentions');
  return v;
}
