/**
 * /org query — one organization: names, type, founding, what it is and does, headquarters, membership,
 * Taiwanese participants, 2006 websites, sources and data notes; close candidates when the match is unclear.
 * Autocomplete offers up to 25 organizations; a choice sends the stable id, answered directly.
 */
import { defineCommand, onComponent } from '../src/answers/command.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { foundedText, orgTitle } from '../src/answers/format.js';
import { inputProblem } from '../src/answers/input-problem.js';
import { ORG_PICK, ORG_SHOW, orgCard, orgEmbed, orgSearchAnswer } from '../src/answers/organization.js';
import type { Organization } from '../src/data/schema.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { cleanText } from '../src/kernel/input.js';
import { LIMITS, clamp } from '../src/kernel/limits.js';
import { QUERY_MAX_LENGTH } from '../src/kernel/options.js';
import type { Choice, ComponentReply } from '../src/kernel/types.js';

/** Autocomplete: up to 25 organizations, value = stable id, a useful default list for an empty query. */
function orgChoices(ctx: Ctx, typed: string): Choice[] {
  const text = cleanText(typed);
  const toChoice = (o: Organization): Choice => ({
    name: clamp(`${orgTitle(o, ctx.lang)} · ${foundedText(ctx, o.founded)}`, LIMITS.CHOICE_NAME),
    value: o.id,
  });
  if (!text.ok) {
    // Default: the organizations the article describes in full (section 參), then the table in order.
    const described = ctx.data.organizations.filter((o) => o.sections.some((s) => s.startsWith('參、')));
    const rest = ctx.data.organizations.filter((o) => !described.includes(o));
    return [...described, ...rest].slice(0, LIMITS.AUTOCOMPLETE_CHOICES).map(toChoice);
  }
  return ctx.search
    .suggest(text.text, { kinds: ['org'], limit: LIMITS.AUTOCOMPLETE_CHOICES })
    .map((h) => ctx.data.org(h.id))
    .filter((o): o is Organization => o !== undefined)
    .map(toChoice);
}

/** A chosen organization replaces the message it was chosen from (menu or button). */
function shown(ctx: Ctx, o: Organization | undefined): ComponentReply | undefined {
  return o ? { payload: { content: '', embeds: [orgEmbed(ctx, o)], components: [] }, update: true } : undefined;
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
    const direct = ctx.data.org(text.text);
    if (direct) return orgCard(ctx, direct);
    return orgSearchAnswer(ctx, text.text, ctx.search.search(text.text, { kinds: ['org'] }));
  },
  autocomplete(req, ctx) {
    return orgChoices(ctx, req.focused.value);
  },
  components: [
    // The select menu's value is the organization's id.
    onComponent(ORG_PICK, ({ lang }, req, services) =>
      shown(withLang(services, lang), services.data.org(req.values?.[0] ?? '')),
    ),
    onComponent(ORG_SHOW, ({ lang, id }, _req, services) => shown(withLang(services, lang), services.data.org(id))),
  ],
});
