/**
 * /compare first second [third] — two or three organizations side by side: type, founding, headquarters,
 * members, aims and Taiwanese participants, one embed each with the same fields in the same order (the
 * builders /ask's comparisons use), after a line on which was founded first and how they are linked.
 * Each option takes an id from autocomplete, or free text that must name one organization clearly; an
 * unclear, unknown or repeated name gets a correction naming the option, never a guess.
 */
import { withActions } from '../src/answers/actions.js';
import { defineCommand } from '../src/answers/command.js';
import type { Ctx } from '../src/answers/context.js';
import { bullet, foundedText, notice, orgTitle, pick, quoteUser } from '../src/answers/format.js';
import { inputProblem } from '../src/answers/input-problem.js';
import { orgChoices } from '../src/answers/org-choices.js';
import { placeRecord } from '../src/answers/place.js';
import { compareEmbeds, compareLeads } from '../src/answers/question.js';
import type { Organization } from '../src/data/schema.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { cleanText } from '../src/kernel/input.js';
import { compact } from '../src/search/normalize.js';
import { inOrderTyped } from '../src/understanding/shared.js';
import { QUERY_MAX_LENGTH } from '../src/kernel/options.js';
import type { OptionValue } from '../src/kernel/types.js';

const SLOTS = ['first', 'second', 'third'] as const;
type Slot = (typeof SLOTS)[number];

/** Candidates shown for an unclear name: enough to find the one meant, short enough to read. */
const MAX_CANDIDATES = 5;

type Resolved = { slot: Slot; org: Organization } | { slot: Slot; problem: string; unknown?: true };

/** The option as the user sees it in Discord (its localized name), for messages that point at it. */
function label(ctx: Ctx, slot: Slot): string {
  return ctx.t(`commands:compare.options.${slot}.name`);
}

/** One option's value as an organization: an id from autocomplete, else one clear search match. */
function resolve(ctx: Ctx, slot: Slot, value: OptionValue | undefined): Resolved {
  const inSlot = (problem: string) => ctx.t('compare:option', { option: label(ctx, slot), problem });
  const text = cleanText(value);
  if (!text.ok) return { slot, problem: inSlot(inputProblem(ctx, text.reason, 'compare').content ?? '') };
  const direct = ctx.data.org(text.text);
  if (direct) return { slot, org: direct };
  const query = quoteUser(text.text);
  const result = ctx.search.search(text.text, { kinds: ['org'] });
  const orgs = result.hits.map((h) => ctx.data.org(h.id)).filter((o) => o !== undefined);
  const [best] = orgs;
  if (result.status === 'match' && best) return { slot, org: best };
  // A Taiwanese place or domestic alliance is not an organization to compare, and has its own command:
  // said when it is named exactly (`台北`, whose mentions in organizations' texts are not what was meant),
  // or when no organization comes close.
  const local = ctx.search.search(text.text, { kinds: ['place', 'alliance'], direct: true });
  const hit = local.status === 'match' ? local.hits[0] : undefined;
  const record = hit && (hit.tier === 'exact' || !best) ? placeRecord(ctx, hit.id) : undefined;
  if (record) return { slot, problem: inSlot(ctx.t('compare:notOrg', { query, name: pick(record.names, ctx.lang) })) };
  if (best) {
    const candidates = orgs
      .slice(0, MAX_CANDIDATES)
      .map((o) => bullet(`**${orgTitle(o, ctx.lang)}** · ${foundedText(ctx, o.founded)} · \`${o.id}\``));
    return { slot, problem: [inSlot(ctx.t('compare:unclear', { query })), ...candidates].join('\n') };
  }
  return { slot, problem: inSlot(ctx.t('compare:unknown', { query })), unknown: true };
}

/** What stands between names typed into one option (UNESCO's English name holds a comma: see below). */
const NAME_SEPARATORS = /\s*(?:[,，、;；|｜]|\s(?:vs\.?|versus)\s)\s*/i;

/**
 * Several organizations typed into `first` alone: the console's `/compare ICLEI UCLG` (its first option is
 * positional) or `/compare 城市聯盟、世界城市聯盟`. Discord always sends `second`, so this is read only when
 * it is missing. The names the text mentions come first, in the order typed (a separator may sit inside a
 * name); else the pieces between separators, each resolved (and corrected) like an option of its own.
 */
function severalInFirst(ctx: Ctx, options: Readonly<Record<string, OptionValue | undefined>>): string[] | undefined {
  const first = options.first;
  if (options.second !== undefined || options.third !== undefined || typeof first !== 'string') return undefined;
  const pieces = first.split(NAME_SEPARATORS).filter((x) => x.trim().length > 0);
  if (
    pieces.length < 2 &&
    (ctx.data.org(first.trim()) || ctx.search.search(first, { kinds: ['org'] }).status === 'match')
  )
    return undefined;
  const named = [
    ...new Set(inOrderTyped(compact(first), ctx.search.mentions(first, { kinds: ['org'] })).map((h) => h.id)),
  ];
  const fits = (list: readonly string[]): boolean => list.length >= 2 && list.length <= SLOTS.length;
  if (fits(named)) return named;
  return fits(pieces) ? pieces : undefined;
}

export const compare = defineCommand({
  name: 'compare',
  options: [
    {
      name: 'first',
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
      maxLength: QUERY_MAX_LENGTH,
    },
    {
      name: 'second',
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
      maxLength: QUERY_MAX_LENGTH,
    },
    { name: 'third', type: ApplicationCommandOptionType.String, autocomplete: true, maxLength: QUERY_MAX_LENGTH },
  ],
  run(req, ctx) {
    const several = severalInFirst(ctx, req.options);
    const options: Readonly<Record<string, OptionValue | undefined>> = several
      ? Object.fromEntries(several.map((v, i) => [SLOTS[i], v]))
      : req.options;
    // Only `third` may be left out; a required option that is missing or empty is pointed out like any other.
    const slots = SLOTS.filter((s) => s !== 'third' || options.third !== undefined);
    const picks = slots.map((s) => resolve(ctx, s, options[s]));
    // Every option's problem at once, so one correction fixes the whole command.
    const problems = picks.flatMap((p) => ('problem' in p ? [p] : []));
    if (problems.length > 0) {
      const hint = problems.some((p) => p.unknown) ? [ctx.t('compare:tryHint')] : [];
      return notice([...problems.map((p) => p.problem), ...hint].join('\n\n'));
    }
    const orgs = picks.flatMap((p) => ('org' in p ? [p] : []));
    for (const [i, a] of orgs.entries()) {
      const b = orgs.slice(i + 1).find((x) => x.org.id === a.org.id);
      if (b) {
        return notice(
          ctx.t('compare:same', { a: label(ctx, a.slot), b: label(ctx, b.slot), name: orgTitle(a.org, ctx.lang) }),
        );
      }
    }
    const list = orgs.map((p) => p.org);
    const names = list.map((o) => orgTitle(o, ctx.lang)).join(ctx.lang === 'en' ? ', ' : '、');
    // "Which is older" is the one ordering every comparison has; it also lists how the records are linked.
    const payload = {
      content: [ctx.t('compare:heading', { names }), ...compareLeads(ctx, 'older', list)].join('\n'),
      embeds: compareEmbeds(ctx, list),
    };
    return withActions(ctx, payload, { cite: null });
  },
  autocomplete(req, ctx) {
    // Not the organizations already chosen in the other options: comparing one with itself is no comparison.
    const chosen = SLOTS.filter((s) => s !== req.focused.name)
      .map((s) => req.options[s])
      .filter((v): v is string => typeof v === 'string');
    return orgChoices(ctx, req.focused.value, { exclude: chosen });
  },
});
