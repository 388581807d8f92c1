/**
 * Every command, keyed by name. The `satisfies` makes the table exhaustive: adding a name to
 * COMMAND_NAMES without a module here (or the reverse) is a compile error.
 */
import type { CommandModule, CommandName } from '../src/core/command.js';
import { about } from './about.js';
import { ask } from './ask.js';
import { founded } from './founded.js';
import { help } from './help.js';
import { list } from './list.js';
import { org } from './org.js';
import { taiwan } from './taiwan.js';

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
