/**
 * Every command, keyed by name. The `satisfies` makes the table exhaustive: adding a name to
 * COMMAND_NAMES without a module here (or the reverse) is a compile error.
 */
import type { CommandModule, CommandName } from '../answers/command.js';
import { about } from '../../commands/about.js';
import { ask } from '../../commands/ask.js';
import { founded } from '../../commands/founded.js';
import { help } from '../../commands/help.js';
import { list } from '../../commands/list.js';
import { org } from '../../commands/org.js';
import { taiwan } from '../../commands/taiwan.js';

export const COMMANDS = { org, taiwan, founded, list, ask, about, help } as const satisfies Record<
  CommandName,
  CommandModule
>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Component handlers by custom_id prefix. */
export const COMPONENTS = new Map(
  Object.values(COMMANDS).flatMap((m: CommandModule) =>
    m.component ? [[m.component.prefix, m.component] as const] : [],
  ),
);
