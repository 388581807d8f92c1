/**
 * `npm run deploy-commands`: one bulk overwrite (PUT) of every slash command, globally or to
 * DISCORD_GUILD_ID, with zh-TW localizations, integration types and contexts (built by the same code the
 * handlers' locale files feed). A PUT replaces the whole set, so a removed command disappears too, and
 * running it twice changes nothing. Needs only DISCORD_TOKEN and DISCORD_APPLICATION_ID.
 */
import { fileURLToPath } from 'node:url';
import { DiscordAPIError, HTTPError, REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { COMMAND_NAMES, COMMANDS, MESSAGE_COMMANDS } from '../../app/registry.js';
import { commandDefinition, messageCommandDefinition } from '../../app/definitions.js';
import { createTranslator, readResources } from '../../i18n/index.js';
import { ApplicationCommandType } from '../../kernel/discord-enums.js';
import { commandIdsPath, writeCommandIds } from '../shared/command-ids.js';
import { runEntry } from '../shared/startup.js';
import { loadDotEnv } from '../shared/dotenv.js';
import { loadDeployConfig, type DeployConfig } from './config.js';

export interface DeployIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Per-request timeout in ms (tests shorten it). */
  timeoutMs?: number;
}

/** The JSON body of the PUT: every slash command, in COMMAND_NAMES order, then the message context-menu commands. */
export function commandDefinitions(localesDir?: string) {
  const translator = createTranslator(readResources(localesDir ?? process.env.LOCALES_DIR));
  return [
    ...COMMAND_NAMES.map((name) => commandDefinition(translator, COMMANDS[name])),
    ...MESSAGE_COMMANDS.map((m) => messageCommandDefinition(translator, m)),
  ];
}

/** Why the PUT failed, in words that say what to do; never the token. */
function explain(err: unknown, config: DeployConfig): string {
  if (err instanceof DiscordAPIError) {
    switch (err.status) {
      case 401:
        return 'Discord refused the token (401 Unauthorized). Check DISCORD_TOKEN: copy it again from the developer portal (your application → Bot → Reset Token); the client secret is not the token.';
      case 403:
        return config.guildId
          ? `Discord refused access to server ${config.guildId} (403 ${err.message}). Invite the bot to that server with the applications.commands scope, or unset DISCORD_GUILD_ID to register globally.`
          : `Discord refused access (403 ${err.message}). Check that DISCORD_APPLICATION_ID is the application this token belongs to.`;
      case 404:
        return `Discord does not know this application or server (404 ${err.message}). Check DISCORD_APPLICATION_ID${config.guildId ? ' and DISCORD_GUILD_ID' : ''}.`;
      default:
        return `Discord rejected the commands (${err.status} ${err.message}): ${JSON.stringify(err.rawError)}`;
    }
  }
  if (err instanceof HTTPError) return `Discord answered ${err.status} ${err.message}: try again later.`;
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const detail = e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
  return `Could not reach Discord at ${config.apiUrl} (${e.name === 'AbortError' ? 'timed out' : detail}). Check the network, or DISCORD_API_URL.`;
}

/** Registers the commands; returns the exit status (0 registered, 1 refused or unreachable). */
export async function deployCommands(env: NodeJS.ProcessEnv, io: DeployIo = {}): Promise<number> {
  const out = io.stdout ?? process.stdout;
  const err = io.stderr ?? process.stderr;
  const config = loadDeployConfig(env);
  const body = commandDefinitions();
  const rest = new REST({ api: config.apiUrl, retries: 1, timeout: io.timeoutMs ?? 15_000 }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  let registered: RESTPutAPIApplicationCommandsResult;
  try {
    registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  } catch (e) {
    // Messages are built from our own words and Discord's error text; scrub anyway, in case a proxy echoes.
    err.write(`${explain(e, config).split(config.token).join('[redacted]')}\nNo commands were registered.\n`);
    return 1;
  }
  const where = config.guildId ? `to server ${config.guildId}` : 'globally (all servers and user installs)';
  out.write(`Registered ${registered.length} commands ${where} for application ${config.applicationId}:\n`);
  for (const c of registered) {
    const zh = c.name_localizations?.['zh-TW'];
    const slash = c.type === undefined || c.type === ApplicationCommandType.ChatInput;
    out.write(
      slash
        ? `  /${c.name}${zh ? `  (zh-TW: /${zh})` : ''} — ${c.description}\n`
        : `  ${c.name}${zh ? `  (zh-TW: ${zh})` : ''} — message menu (Apps → on any message)\n`,
    );
  }
  if (!config.guildId) out.write('Global commands can take a few minutes to show up in Discord clients.\n');
  // The doors read these ids to show clickable command mentions (`</org:id>`); the HTTP door has no token to ask.
  const idsFile = commandIdsPath(env);
  const slash = registered.filter((c) => c.type === undefined || c.type === ApplicationCommandType.ChatInput);
  const failed = writeCommandIds(idsFile, {
    applicationId: config.applicationId,
    guildId: config.guildId ?? null,
    commands: Object.fromEntries(slash.map((c) => [c.name, c.id])),
  });
  out.write(
    failed
      ? `Could not store the command ids in ${idsFile} (${failed}): answers will show commands as plain text. Set COMMAND_IDS_FILE to a writable path.\n`
      : `Stored the command ids in ${idsFile}: restart the bot to show clickable command mentions.\n`,
  );
  return 0;
}

// Run when started as a script (bin/run.mjs points process.argv[1] here), not when imported by tests.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  loadDotEnv();
  runEntry(() => deployCommands(process.env));
}
