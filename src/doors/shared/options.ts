/**
 * Discord's option list, as both Discord doors receive it (the HTTP door as raw JSON, the gateway door as
 * discord.js's `interaction.options.data`, which has the same shape), turned into the plain option bag of
 * a request. One function for both, so the two doors can never read the same interaction differently.
 */
import type { OptionValue } from '../../kernel/types.js';

export type Json = Record<string, unknown>;

export function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A non-empty string of at most `max` characters, or undefined. */
export function shortString(x: unknown, max: number): string | undefined {
  return typeof x === 'string' && x.length > 0 && x.length <= max ? x : undefined;
}

export interface FlatOptions {
  options: Record<string, OptionValue>;
  focused?: { name: string; value: string };
}

/**
 * Discord sends options as a list of `{name, type, value, focused?}`; a subcommand or group nests its own
 * list under `options`. The commands here have no subcommands, so nested lists are flattened to their
 * leaves. Values other than string/number/boolean (none exist for these commands) are dropped.
 */
export function flattenOptions(list: unknown): FlatOptions {
  const entries: Array<[string, OptionValue]> = [];
  let focused: FlatOptions['focused'];
  const walk = (items: unknown, depth: number): void => {
    if (!Array.isArray(items) || depth > 2) return;
    for (const item of items.slice(0, 25)) {
      if (!isObject(item)) continue;
      const name = shortString(item.name, 32);
      if (!name) continue;
      if (Array.isArray(item.options)) {
        walk(item.options, depth + 1);
        continue;
      }
      const v = item.value;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') entries.push([name, v]);
      // Discord sends what the user has typed so far as a string, whatever the option's type.
      if (item.focused === true)
        focused = { name, value: typeof v === 'string' ? v : v === undefined ? '' : String(v) };
    }
  };
  walk(list, 0);
  // fromEntries defines own properties, so an option named "__proto__" cannot reach a prototype.
  return { options: Object.fromEntries(entries), ...(focused ? { focused } : {}) };
}
