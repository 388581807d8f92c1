/**
 * The gateway bot's and deploy script's configuration, read from the environment and checked before
 * anything connects. Every problem is reported at once, one line per variable, as a ConfigError
 * (src/doors/shared/startup.ts prints it and exits 1). The token's value is never echoed: only whether it is usable.
 */
import { z } from 'zod';
import {
  DEFAULT_API_URL,
  LOG_LEVELS,
  apiUrl,
  commonEnvShape,
  readEnv,
  wholeNumber,
  type LogLevel,
} from '../shared/config.js';
import type { RateLimitConfig } from '../shared/rate-limit.js';

export { LOG_LEVELS, type LogLevel };

export { DEFAULT_API_URL };

export interface DeployConfig {
  token: string;
  applicationId: string;
  /** Register to this guild only (instant, for testing) instead of globally. */
  guildId: string | undefined;
  /** REST base without the version, e.g. https://discord.com/api (discord.js appends /v10). */
  apiUrl: string;
}

export interface GatewayConfig extends DeployConfig {
  logLevel: LogLevel;
  /** undefined: one process, one connection. Otherwise discord.js's ShardingManager runs the shards. */
  shardCount: 'auto' | number | undefined;
  rateLimit: RateLimitConfig;
}

const SNOWFLAKE = /^\d{17,20}$/;

// The messages below never interpolate the token: zod's own messages do not include the input either.
const token = z
  .string({
    error: 'DISCORD_TOKEN is required: the bot token from the developer portal (your application → Bot → Reset Token)',
  })
  .regex(/^[^\s"'`]+$/, {
    error: 'DISCORD_TOKEN must be the bare token: no spaces or quotes (and no "Bot " prefix)',
  })
  .min(20, { error: 'DISCORD_TOKEN is too short to be a bot token: copy the whole token from the Bot page' });

const snowflake = (name: string, where: string) =>
  z.string({ error: `${name} is required: ${where}` }).regex(SNOWFLAKE, {
    error: `${name} must be a Discord id (a snowflake: 17 to 20 digits); ${where}`,
  });

const deployShape = {
  DISCORD_TOKEN: token,
  DISCORD_APPLICATION_ID: snowflake(
    'DISCORD_APPLICATION_ID',
    'developer portal → your application → General Information → Application ID',
  ),
  DISCORD_GUILD_ID: z
    .string()
    .regex(SNOWFLAKE, {
      error: 'DISCORD_GUILD_ID must be a server id (17 to 20 digits: right-click the server → Copy Server ID)',
    })
    .optional(),
  DISCORD_API_URL: apiUrl,
};

const DeployEnv = z.object(deployShape);

const GatewayEnv = z.object({
  ...deployShape,
  SHARD_COUNT: z
    .union([z.literal('auto'), wholeNumber('SHARD_COUNT', 1, 100_000)], {
      error: 'SHARD_COUNT must be "auto" or a whole number of shards (1 or more)',
    })
    .optional(),
  ...commonEnvShape,
});

/** What `npm run deploy-commands` needs: the token, the application and where to register. */
export function loadDeployConfig(env: NodeJS.ProcessEnv = process.env): DeployConfig {
  // No value is echoed back: DISCORD_TOKEN is secret, and the others are read together with it.
  const v = readEnv(DeployEnv, env);
  return {
    token: v.DISCORD_TOKEN,
    applicationId: v.DISCORD_APPLICATION_ID,
    guildId: v.DISCORD_GUILD_ID,
    apiUrl: v.DISCORD_API_URL,
  };
}

/** Everything the gateway bot reads from the environment; throws a ConfigError naming each bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const v = readEnv(GatewayEnv, env);
  return {
    token: v.DISCORD_TOKEN,
    applicationId: v.DISCORD_APPLICATION_ID,
    guildId: v.DISCORD_GUILD_ID,
    apiUrl: v.DISCORD_API_URL,
    logLevel: v.LOG_LEVEL,
    shardCount: v.SHARD_COUNT,
    rateLimit: { points: v.RATE_LIMIT_POINTS, windowSeconds: v.RATE_LIMIT_WINDOW_SECONDS },
  };
}
