/** One Services instance for the unit tests (loading data and locales once per test file). */
import { createServices, type Services } from '../../src/app/services.js';
import { runCommand } from '../../src/app/dispatch.js';
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
