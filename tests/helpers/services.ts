/** One Services instance for the unit tests (loading data and locales once per test file). */
import { createServices, type Services } from '../../src/app/services.js';
import { customIds } from '../../src/answers/actions.js';
import { runCommand, runComponent } from '../../src/app/dispatch.js';
import type { CommandRequest, OptionValue, Payload } from '../../src/kernel/types.js';

export const services: Services = await createServices();

export function run(
  command: string,
  options: Record<string, OptionValue | undefined> = {},
  extra: Partial<CommandRequest> = {},
): Payload {
  return runCommand(services, { command, options, user: { id: '100000000000000001' }, ...extra }).value;
}

/** All the text a user would read in a payload, for content assertions. */
export function text(p: Payload): string {
  const parts: string[] = [p.content ?? ''];
  for (const e of p.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

/**
 * The whole record behind a short answer: what a click on its "Full record" button shows (the payload
 * itself when it has no such button, so a test of a record's details reads the same either way).
 */
export function full(p: Payload): Payload {
  const id = customIds(p.components).find((c) => c.startsWith('full:'));
  if (!id) return p;
  return runComponent(services, { customId: id, user: { id: '100000000000000001' }, message: p }).value.payload;
}
