/**
 * Autocomplete choices for an option that names an organization (/org query, /compare first|second|third):
 * up to 25, value = the stable id, so the handler takes a chosen value directly. /org also offers Taiwan's
 * domestic alliances (their ids share one namespace with organizations: the dataset refuses a duplicate).
 */
import type { Dataset } from '../data/load.js';
import type { DomesticAlliance, Organization } from '../data/schema.js';
import { cleanText } from '../kernel/input.js';
import { LIMITS, clamp } from '../kernel/limits.js';
import type { Choice } from '../kernel/types.js';
import type { Ctx } from './context.js';
import { dateText, foundedText, orgTitle, pick } from './format.js';

export interface OrgChoiceOptions {
  /** Offer domestic alliances too (/org answers them; /compare compares organizations only). */
  alliances?: boolean;
  /** Ids not to offer, such as those already chosen in the command's other options. */
  exclude?: readonly string[];
}

function orgChoice(ctx: Ctx, o: Organization): Choice {
  return { name: clamp(`${orgTitle(o, ctx.lang)} · ${foundedText(ctx, o.founded)}`, LIMITS.CHOICE_NAME), value: o.id };
}

function allianceChoice(ctx: Ctx, a: DomesticAlliance): Choice {
  const name = ctx.t('org:allianceChoice', {
    name: pick(a.names, ctx.lang),
    established: dateText(ctx, a.established, false, 'short'),
  });
  return { name: clamp(name, LIMITS.CHOICE_NAME), value: a.id };
}

const DEFAULT_ORDER = new WeakMap<Dataset, readonly Organization[]>();
/**
 * What an empty box offers: the organizations the article describes in full (section 參), then the table
 * in order; enough of them to fill a menu with every excluded one left out. Worked out once per dataset,
 * not on every keystroke (it walks every organization).
 */
function defaultOrder(data: Dataset): readonly Organization[] {
  let order = DEFAULT_ORDER.get(data);
  if (!order) {
    const described = (o: Organization) => o.sections.some((s) => s.startsWith('參、'));
    // A menu's worth and as many again: no command excludes more than a handful of chosen ids.
    const enough = 2 * LIMITS.AUTOCOMPLETE_CHOICES;
    order = [
      ...data.organizations.filter(described).slice(0, enough),
      ...data.organizations.filter((o) => !described(o)).slice(0, enough),
    ].slice(0, enough);
    DEFAULT_ORDER.set(data, order);
  }
  return order;
}

export function orgChoices(ctx: Ctx, typed: string, options: OrgChoiceOptions = {}): Choice[] {
  const exclude = new Set(options.exclude ?? []);
  const text = cleanText(typed);
  if (!text.ok) {
    return defaultOrder(ctx.data)
      .filter((o) => !exclude.has(o.id))
      .slice(0, LIMITS.AUTOCOMPLETE_CHOICES)
      .map((o) => orgChoice(ctx, o));
  }
  const kinds = options.alliances ? (['org', 'alliance'] as const) : (['org'] as const);
  const choices: Choice[] = [];
  // As many more as are excluded, so that leaving out the chosen ids still fills the list.
  for (const h of ctx.search.suggest(text.text, { kinds, limit: LIMITS.AUTOCOMPLETE_CHOICES + exclude.size })) {
    if (exclude.has(h.id)) continue;
    const o = h.kind === 'org' ? ctx.data.org(h.id) : undefined;
    const a = h.kind === 'alliance' ? ctx.data.alliance(h.id) : undefined;
    if (o) choices.push(orgChoice(ctx, o));
    else if (a) choices.push(allianceChoice(ctx, a));
  }
  return choices.slice(0, LIMITS.AUTOCOMPLETE_CHOICES);
}
