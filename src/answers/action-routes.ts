/**
 * What a click on an action button answers (Full record, Cite, Share): no command owns them, every answer
 * may carry them. Apart from src/answers/actions.ts (the codecs and button builders), so that the cards
 * the answers are built from can add action buttons without importing the routes that render cards.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { MessageFlags } from '../kernel/discord-enums.js';
import type { ComponentReply, MessageSnapshot, Payload } from '../kernel/types.js';
import { CITE, FULL, SHARE, actionButton, customIds, withButton, type Row } from './actions.js';
import { citationPayload } from './citation.js';
import { onComponent, type ComponentRoute } from './command.js';
import { withLang, type Ctx } from './context.js';
import { notice } from './format.js';
import { orgRecord, orgRecordFull } from './org-lookup.js';
import { placeEmbed } from './place.js';
import { PIC, pictureButtonLabel, sharedPicture } from './pictures.js';

/** The whole record behind an id: an organization's, an alliance's or a place's full card. */
export function fullEmbed(ctx: Ctx, id: string): APIEmbed | undefined {
  // orgRecord answers an alliance that is also a table organization with the organization, as /org does.
  const r = orgRecord(ctx, id);
  if (r) return orgRecordFull(ctx, r);
  const p = ctx.data.place(id);
  return p ? placeEmbed(ctx, p) : undefined;
}

/** The message without its Share button: what the channel sees once shared. */
function withoutShare(components: MessageSnapshot['components']): Payload['components'] {
  const rows = ((components ?? []) as Row[])
    .map((r) => ({
      ...r,
      components: r.components.filter((c) => !('custom_id' in c && SHARE.decode(c.custom_id) !== undefined)),
    }))
    .filter((r) => r.components.length > 0);
  return rows;
}

export const ACTION_ROUTES: readonly ComponentRoute[] = [
  onComponent(FULL, ({ lang, id }, req, services): ComponentReply | undefined => {
    const ctx = withLang(services, lang);
    const embed = fullEmbed(ctx, id);
    if (!embed) return undefined;
    // The short answer's lead line goes: the full record says it all. Its Cite, picture and Share buttons stay.
    const kept = customIds(req.message?.components);
    const base: Payload = { content: '', embeds: [embed], components: [] };
    const cite = kept.find((c) => CITE.decode(c));
    const picture = kept.find((c) => PIC.decode(c));
    const share = kept.find((c) => SHARE.decode(c));
    let payload = cite ? withButton(base, actionButton(cite, ctx.t('actions:cite'))) : base;
    if (picture) payload = withButton(payload, actionButton(picture, pictureButtonLabel(ctx, picture)));
    if (share) payload = withButton(payload, actionButton(share, ctx.t('actions:share')));
    return { payload, update: true };
  }),
  onComponent(CITE, ({ lang, id }, _req, services): ComponentReply | undefined => {
    const payload = citationPayload(withLang(services, lang), id);
    return payload ? { payload: { ...payload, flags: MessageFlags.Ephemeral }, update: false } : undefined;
  }),
  onComponent(SHARE, ({ lang, for: forUser }, req, services): ComponentReply => {
    const ctx = withLang(services, lang);
    const m = req.message;
    if (!m || (!m.content && (m.embeds ?? []).length === 0)) {
      return { payload: notice(ctx.t('actions:nothingToShare')), update: false };
    }
    // A new public message answering this click (callback type 4), not a follow-up: Discord's limit of five
    // follow-ups per interaction for user-installed apps never applies, however often it is shared.
    // A picture is drawn again from its file name: the clicked message's image is a URL a new message cannot attach.
    const picture = sharedPicture(services, m.embeds ?? []);
    const payload: Payload = {
      content: m.content ?? '',
      embeds: picture?.embeds ?? m.embeds ?? [],
      components: withoutShare(m.components),
      ...(forUser ? { allowed_mentions: { parse: [], users: [forUser] } } : {}),
    };
    return { payload, update: false, ...(picture ? { picture: picture.picture } : {}) };
  }),
];
