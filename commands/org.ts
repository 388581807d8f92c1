/**
 * /org query — one organization: names, type, founding, what it is and does, headquarters, membership,
 * Taiwanese participants, 2006 websites, sources and data notes; close candidates when the match is unclear.
 * Taiwan's domestic city alliances (高高屏, 北臺, 台中縣市) answer here too, with their own card.
 * Autocomplete offers up to 25 organizations and alliances; a choice sends the stable id, answered directly.
 */
import { defineCommand, onComponent } from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { inputProblem } from '../src/answers/input-problem.js';
import { orgChoices } from '../src/answers/org-choices.js';
import { orgLookupAnswer, orgRecord, orgRecordCard, type OrgRecord } from '../src/answers/org-lookup.js';
import { ORG_PICK, ORG_SHOW } from '../src/answers/organization.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { cleanText } from '../src/kernel/input.js';
import { QUERY_MAX_LENGTH } from '../src/kernel/options.js';
import type { ComponentReply } from '../src/kernel/types.js';

/** A chosen organization or alliance replaces the message it was chosen from (menu or button). */
function shown(ctx: Ctx, r: OrgRecord | undefined): ComponentReply | undefined {
  if (!r) return undefined;
  const card = orgRecordCard(ctx, r);
  return { payload: { content: '', embeds: card.embeds ?? [], components: card.components ?? [] }, update: true };
}

export const org = defineCommand({
  name: 'org',
  options: [
    {
      name: 'query',
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
      maxLength: QUERY_MAX_LENGTH,
    },
  ],
  run(req, ctx) {
    const text = cleanText(req.options.query);
    if (!text.ok) return inputProblem(ctx, text.reason, 'org');
    // Autocomplete sends the stable id as the value: take it directly.
    const direct = orgRecord(ctx, text.text);
    if (direct) return orgRecordCard(ctx, direct);
    return orgLookupAnswer(ctx, text.text);
  },
  autocomplete(req, ctx) {
    return orgChoices(ctx, req.focused.value, { alliances: true });
  },
  components: [
    // The select menu's value is an organization's or an alliance's id.
    onComponent(ORG_PICK, ({ lang }, req, services) => {
      const ctx = withLang(services, lang);
      return shown(ctx, orgRecord(ctx, req.values?.[0] ?? ''));
    }),
    onComponent(ORG_SHOW, ({ lang, id }, _req, services) => {
      const ctx = withLang(services, lang);
      return shown(ctx, orgRecord(ctx, id));
    }),
  ],
});
