/**
 * Every command, keyed by name, and every component route, keyed by custom_id tag. The `satisfies`
 * makes the table exhaustive: adding a name to COMMAND_NAMES without a module here (or the reverse) is a
 * compile error.
 */
import { about } from '../../commands/about.js';
import { ask } from '../../commands/ask.js';
import { compare } from '../../commands/compare.js';
import { founded } from '../../commands/founded.js';
import { help } from '../../commands/help.js';
import { list } from '../../commands/list.js';
import { lookUp } from '../../commands/look-up.js';
import { org } from '../../commands/org.js';
import { taiwan } from '../../commands/taiwan.js';
import { timeline } from '../../commands/timeline.js';
import { ACTION_ROUTES } from '../answers/action-routes.js';
import { PICTURE_ROUTES } from '../answers/pictures.js';
import type { CommandModule, CommandName, ComponentRoute, MessageCommandModule } from '../answers/command.js';

export { COMMAND_NAMES, type CommandName } from '../answers/command.js';

export const COMMANDS = { org, compare, taiwan, founded, list, timeline, ask, about, help } as const satisfies Record<
  CommandName,
  CommandModule
>;

/** The message context-menu commands, by the English name Discord sends back. */
export const MESSAGE_COMMANDS: readonly MessageCommandModule[] = [lookUp];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The command a name picks, as the plain module the dispatcher and the doors work with. */
export function commandModule(name: CommandName): CommandModule {
  return COMMANDS[name];
}

/**
 * Component routes by custom_id tag (one tag may have several shapes, such as `org:…:pick` and `org:…:show:…`):
 * each command's own, the action buttons every answer may carry (Full record, Cite, Share), and the picture
 * buttons (Timeline, Participation map) that several commands' answers carry.
 */
export const COMPONENT_ROUTES: ReadonlyMap<string, readonly ComponentRoute[]> = (() => {
  const routes = new Map<string, ComponentRoute[]>();
  const all = [
    ...(Object.values(COMMANDS) as CommandModule[]).flatMap((c) => c.components ?? []),
    ...ACTION_ROUTES,
    ...PICTURE_ROUTES,
  ];
  for (const route of all) routes.set(route.tag, [...(routes.get(route.tag) ?? []), route]);
  return routes;
})();
