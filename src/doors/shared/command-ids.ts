/**
 * The ids Discord gave the slash commands, written by `npm run deploy-commands` and read by both Discord
 * doors, so that /help, hints and "equivalent slash command" lines can show clickable command mentions
 * (`</org:123…>`). A file rather than a REST call: the HTTP door has no token to ask Discord with. No file,
 * or one for another application, means plain `/org` text, never an error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../kernel/paths.js';

/** The two log calls used here (a pino logger fits; a test passes a recorder). */
interface LineLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/** Default place of the file (COMMAND_IDS_FILE overrides it). Not in git: ids belong to one deployment. */
export const DEFAULT_COMMAND_IDS_FILE = join(PROJECT_ROOT, '.discord-commands.json');

const SNOWFLAKE = z.string().regex(/^\d{15,21}$/);
const CommandIdsFile = z.strictObject({
  applicationId: SNOWFLAKE,
  guildId: SNOWFLAKE.nullable(),
  commands: z.record(z.string().regex(/^[a-z0-9_-]{1,32}$/), SNOWFLAKE),
});
export type CommandIdsFile = z.infer<typeof CommandIdsFile>;

export function commandIdsPath(env: NodeJS.ProcessEnv): string {
  return env.COMMAND_IDS_FILE?.trim() || DEFAULT_COMMAND_IDS_FILE;
}

/** Writes what deploy-commands got back; the reason in words when it cannot (a read-only checkout). */
export function writeCommandIds(path: string, file: CommandIdsFile): string | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

/**
 * The command ids for this application, or undefined (plain text) when there is no file, when it is for
 * another application, or when it is not valid — the last two are logged, since someone should redeploy.
 */
export function readCommandIds(
  path: string,
  applicationId: string | undefined,
  logger?: LineLogger,
): ReadonlyMap<string, string> | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: ReturnType<typeof CommandIdsFile.safeParse>;
  try {
    parsed = CommandIdsFile.safeParse(JSON.parse(raw));
  } catch {
    logger?.warn({ file: path }, 'the command ids file is not JSON: run npm run deploy-commands again');
    return undefined;
  }
  if (!parsed.success) {
    logger?.warn(
      { file: path, problem: parsed.error.issues[0]?.message },
      'the command ids file is not valid: run npm run deploy-commands again',
    );
    return undefined;
  }
  if (applicationId && parsed.data.applicationId !== applicationId) {
    logger?.warn(
      { file: path, fileApplication: parsed.data.applicationId, configured: applicationId },
      'the command ids file is for another application: commands are shown as plain text until deploy-commands runs again',
    );
    return undefined;
  }
  logger?.info({ file: path, commands: Object.keys(parsed.data.commands).length }, 'command mentions enabled');
  return new Map(Object.entries(parsed.data.commands));
}
