/**
 * `npm start` with DISCORD_TOKEN: checks the configuration, then runs the bot in this process, or — with
 * SHARD_COUNT — lets discord.js's ShardingManager run one child process per shard (each child comes
 * back here with SHARDING_MANAGER set and runs a single client for its shards).
 * Resolves with the exit status: 0 after SIGINT/SIGTERM, EXIT_REFUSED when Discord refuses the bot,
 * 1 when it cannot be reached. Configuration, data and locale errors are thrown for src/doors/shared/startup.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DiscordAPIError,
  REST,
  Routes,
  ShardingManager,
  type ClientOptions,
  type RESTGetAPIGatewayBotResult,
  type Shard,
} from 'discord.js';
import { createServices, type Services } from '../../app/services.js';
import { UserRateLimiter } from '../shared/rate-limit.js';
import { createLogger, type Logger } from '../shared/log.js';
import { PROJECT_ROOT } from '../../kernel/paths.js';
import { commandIdsPath, readCommandIds } from '../shared/command-ids.js';
import { EXIT_REFUSED, GatewayRefusedError, TOKEN_REFUSED, createBot, type Bot } from './bot.js';
import { loadGatewayConfig, type GatewayConfig } from './config.js';

export interface GatewayRunOptions {
  /** Where pino's JSON lines go (default stderr). */
  logDestination?: NodeJS.WritableStream;
  /** Where the plain one-line failure messages for people go (default stderr). */
  stderr?: NodeJS.WritableStream;
  /** Listen to SIGINT/SIGTERM and log unhandled rejections (default true; tests stop through `signal`). */
  processHandlers?: boolean;
  /** Aborting it stops the bot as SIGTERM would. */
  signal?: AbortSignal;
  /** Already loaded data and locales (tests share one copy). */
  services?: Services;
  /** Extra discord.js client options (tests: fast REST retries, no identify throttling). */
  clientOptions?: Partial<ClientOptions>;
  /** Called once the bot is ready to serve: with the Bot in one process, with nothing for a shard manager. */
  onReady?: (bot: Bot | undefined) => void;
  sharding?: {
    /**
     * The script each shard runs, and its arguments; default `bin/run.mjs start`, the same start as
     * `npm start` (compiled dist/ when it is current, the sources through tsx when not).
     */
    file?: string;
    args?: string[];
    execArgv?: string[];
    /** Pause between shard start-ups; Discord allows one identify per 5 s per bucket. */
    spawnDelayMs?: number;
  };
}

const STOPPED = Symbol('stopped');

/** Why the bot should stop, from signals, the caller's AbortSignal or (in a shard) the manager going away. */
function stopRequests(
  options: GatewayRunOptions,
  logger: Logger,
  isShard: boolean,
): { stopped: Promise<string>; dispose(): void } {
  const cleanups: Array<() => void> = [];
  const stopped = new Promise<string>((resolve) => {
    if (options.processHandlers !== false) {
      // A shard ignores SIGINT: Ctrl-C reaches the whole process group, and the manager stops its shards
      // itself (with SIGTERM); a shard that exited on its own first would be respawned.
      for (const sig of isShard ? (['SIGTERM'] as const) : (['SIGINT', 'SIGTERM'] as const)) {
        const h = (): void => resolve(sig);
        process.once(sig, h);
        cleanups.push(() => process.off(sig, h));
      }
      if (isShard) {
        const ignore = (): void => undefined;
        process.on('SIGINT', ignore);
        cleanups.push(() => process.off('SIGINT', ignore));
        // The manager died without stopping us (SIGKILL): do not linger as an orphan.
        const orphaned = (): void => resolve('manager disconnected');
        process.once('disconnect', orphaned);
        cleanups.push(() => process.off('disconnect', orphaned));
      }
      // The handlers answer every failure themselves; anything that still escapes is logged, and the
      // bot keeps serving everyone else.
      const onRejection = (err: unknown): void => logger.error({ err }, 'unhandled rejection');
      process.on('unhandledRejection', onRejection);
      cleanups.push(() => process.off('unhandledRejection', onRejection));
    }
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) resolve('abort');
      const h = (): void => resolve('abort');
      signal.addEventListener('abort', h, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', h));
    }
  });
  return { stopped, dispose: () => cleanups.forEach((c) => c()) };
}

/** One plain line for the person at the terminal, and the same as a structured log line. */
function tellRefused(options: GatewayRunOptions, logger: Logger, err: GatewayRefusedError): void {
  logger.fatal({ code: err.code }, err.message);
  (options.stderr ?? process.stderr).write(`${err.message}\nThe bot stopped.\n`);
}

function tellUnreachable(options: GatewayRunOptions, logger: Logger, config: GatewayConfig, err: unknown): void {
  const why = err instanceof Error ? err.message : String(err);
  const message = `Could not connect to Discord at ${config.apiUrl}: ${why}`;
  logger.fatal({ err }, message);
  // The logger scrubs the token from its lines; this line is built from our own text and an error message.
  (options.stderr ?? process.stderr).write(`${message.split(config.token).join('[redacted]')}\nThe bot stopped.\n`);
}

async function runBot(
  config: GatewayConfig,
  env: NodeJS.ProcessEnv,
  options: GatewayRunOptions,
  logger: Logger,
): Promise<number> {
  const isShard = env.SHARDING_MANAGER === 'true';
  const base = options.services ?? (await createServices({ complete: true }));
  // The ids deploy-commands stored make command names clickable; without them, plain text.
  const services = {
    ...base,
    commandIds: base.commandIds ?? readCommandIds(commandIdsPath(env), config.applicationId, logger),
  };
  const bot = createBot({
    token: config.token,
    apiUrl: config.apiUrl,
    applicationId: config.applicationId,
    services,
    logger,
    limiter: new UserRateLimiter(config.rateLimit),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  const { stopped, dispose } = stopRequests(options, logger, isShard);
  try {
    const starting = bot.start();
    // If a stop wins the race, start() may still reject later: that is expected, not unhandled.
    starting.catch(() => undefined);
    const first = await Promise.race([starting.then(() => STOPPED), stopped]);
    if (first !== STOPPED) {
      logger.info({ reason: first }, 'stopped before the bot was ready');
      return 0;
    }
    options.onReady?.(bot);
    const end = await Promise.race([stopped, bot.refused]);
    if (end instanceof GatewayRefusedError) {
      tellRefused(options, logger, end);
      return EXIT_REFUSED;
    }
    logger.info({ reason: end }, 'shutting down');
    return 0;
  } catch (err) {
    if (err instanceof GatewayRefusedError) {
      tellRefused(options, logger, err);
      return EXIT_REFUSED;
    }
    tellUnreachable(options, logger, config, err);
    return 1;
  } finally {
    dispose();
    // Ends within seconds whatever the connection is doing, with nothing left to reconnect (bot.ts).
    await bot.stop();
    // A shard's IPC channel to the manager keeps the event loop alive: let the child exit.
    if (isShard && process.connected) process.disconnect();
  }
}

/** Discord's recommended shard count, from the same REST base the bot uses (so proxies and tests work). */
async function recommendedShards(config: GatewayConfig): Promise<number> {
  const rest = new REST({ api: config.apiUrl, retries: 1 }).setToken(config.token);
  try {
    const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return Math.max(1, info.shards);
  } catch (err) {
    if (err instanceof DiscordAPIError && err.status === 401) throw new GatewayRefusedError(401, TOKEN_REFUSED);
    throw err;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function runShards(
  config: GatewayConfig,
  env: NodeJS.ProcessEnv,
  options: GatewayRunOptions,
  logger: Logger,
): Promise<number> {
  const file = options.sharding?.file ?? join(PROJECT_ROOT, 'bin/run.mjs');
  const shardArgs = options.sharding?.file ? (options.sharding.args ?? []) : ['start'];
  const { stopped, dispose } = stopRequests(options, logger, false);
  let manager: ShardingManager | undefined;
  const respawnTimers = new Set<NodeJS.Timeout>();
  // Set when a shard exits with EXIT_REFUSED; a refused first shard also makes spawn() reject.
  let refusedCode: number | undefined;
  let refusedExit!: (code: number) => void;
  const refused = new Promise<number>((resolve) => (refusedExit = resolve));
  // Set once everything stops: discord.js's Shard.kill() emits 'death' itself, which must not respawn the shard.
  let stopping = false;
  const halt = new AbortController();
  const readyShards = new Set<number>();
  let allReady!: () => void;
  const everyShardReady = new Promise<void>((resolve) => (allReady = resolve));
  const tellShardRefused = (): void => {
    const message = 'A shard was refused by Discord (see its message above): stopping all shards.';
    (options.stderr ?? process.stderr).write(`${message}\n`);
    logger.fatal(message);
  };
  try {
    const total = config.shardCount === 'auto' ? await recommendedShards(config) : (config.shardCount ?? 1);
    // A caller that collects output somewhere of its own (the tests) gets the shards' output there too, rather
    // than the shards writing straight to this process's stdout and stderr, as they do in production.
    const shardOutput = options.stderr ?? options.logDestination;
    manager = new ShardingManager(file, {
      silent: shardOutput !== undefined,
      shardArgs,
      totalShards: total,
      shardList: [...Array(total).keys()],
      token: config.token,
      mode: 'process',
      // discord.js decides to respawn before it tells anyone why the shard died, so a shard refused by
      // Discord would be forked again (and identify again) while we stop. We respawn in 'death' instead.
      respawn: false,
      // Shards run with the parent's V8 worker-pool size (package.json sets it; docs/performance.md says why).
      execArgv: options.sharding?.execArgv ?? process.execArgv.filter((a) => a.startsWith('--v8-pool-size')),
    });
    manager.on('shardCreate', (shard: Shard) => {
      // Each shard reads its settings from the environment runGateway was given (not always process.env);
      // discord.js's own variables tell it which shards it runs.
      Object.assign(shard.env as NodeJS.ProcessEnv, env, {
        SHARDING_MANAGER: 'true',
        SHARDS: String(shard.id),
        SHARD_COUNT: String(total),
        DISCORD_TOKEN: config.token,
      });
      shard.on('spawn', (child) => {
        if (shardOutput === undefined) return;
        child.stdout?.pipe(shardOutput, { end: false });
        child.stderr?.pipe(shardOutput, { end: false });
      });
      shard.on('ready', () => {
        readyShards.add(shard.id);
        logger.info({ shard: shard.id, of: total }, 'shard ready');
        if (readyShards.size === total) allReady();
      });
      shard.on('death', (child) => {
        // Our own shard.kill() (in finally) emits 'death' too, with the child still running: not a crash.
        if (stopping) return;
        const code = 'exitCode' in child ? child.exitCode : null;
        const signal = 'signalCode' in child ? child.signalCode : null;
        logger.warn({ shard: shard.id, code, signal }, 'shard process exited');
        // A refused shard would only be refused again: stop everything instead of respawning forever.
        if (code === EXIT_REFUSED) {
          refusedCode = code;
          refusedExit(code);
          return;
        }
        // Any other exit is a crash (or the OOM killer): bring the shard back, as discord.js's own respawn
        // would, a second later so a shard that dies at start-up does not fork in a tight loop.
        const timer = setTimeout(() => {
          respawnTimers.delete(timer);
          if (stopping || refusedCode !== undefined) return; // everything is stopping
          logger.warn({ shard: shard.id }, 'respawning shard');
          shard.spawn(-1).catch((err: unknown) => logger.error({ err, shard: shard.id }, 'shard respawn failed'));
        }, 1_000);
        respawnTimers.add(timer);
      });
    });
    logger.info({ shards: total, file }, 'starting shards');
    // ShardingManager.spawn()'s loop, but one that ends when stopping: discord.js's cannot be interrupted, and
    // stopped during one of its pauses it would still fork the remaining shards (which nothing then stops).
    // timeout -1: each spawn returns once the process is forked; readiness comes from the 'ready' events.
    // (With a timeout, a shard refused before READY rejects spawn() before its exit status is known.)
    const delay = options.sharding?.spawnDelayMs ?? 5_500;
    const shardManager = manager;
    const spawning = (async () => {
      for (let id = 0; id < total; id += 1) {
        if (id > 0 && delay > 0) await sleep(delay, undefined, { signal: halt.signal }).catch(() => undefined);
        if (halt.signal.aborted) return;
        await shardManager.createShard(id).spawn(-1);
      }
    })();
    spawning.catch(() => undefined);
    const first = await Promise.race([spawning.then(() => everyShardReady).then(() => STOPPED), stopped, refused]);
    if (first === STOPPED) {
      logger.info({ shards: total }, 'all shards ready');
      options.onReady?.(undefined);
    }
    const end = first === STOPPED ? await Promise.race([stopped, refused]) : first;
    if (typeof end === 'number') {
      tellShardRefused();
      return end;
    }
    logger.info({ reason: end }, 'shutting down all shards');
    return 0;
  } catch (err) {
    if (err instanceof GatewayRefusedError) {
      tellRefused(options, logger, err);
      return EXIT_REFUSED;
    }
    if (refusedCode !== undefined) {
      tellShardRefused();
      return refusedCode;
    }
    logger.fatal({ err }, 'the shards could not be started');
    (options.stderr ?? process.stderr).write(
      `The shards could not be started: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  } finally {
    // Nothing is forked from now on: no shard still to spawn, no pending respawn, and the kills below are no deaths.
    stopping = true;
    halt.abort();
    for (const timer of respawnTimers) clearTimeout(timer);
    dispose();
    if (manager) {
      const children: ChildProcess[] = [];
      for (const shard of manager.shards.values()) {
        if (shard.process) {
          children.push(shard.process);
          shard.kill(); // SIGTERM: the shard stops its client (within bot.ts's STOP_DEADLINE_MS) and exits 0
        }
      }
      await Promise.all(children.map((c) => waitForExit(c, 10_000)));
    }
  }
}

/** `npm start` with DISCORD_TOKEN (src/main.ts, which has loaded .env into process.env). */
export async function runGateway(env: NodeJS.ProcessEnv, options: GatewayRunOptions = {}): Promise<number> {
  const config = loadGatewayConfig(env);
  const isShard = env.SHARDING_MANAGER === 'true';
  const root = createLogger({
    level: config.logLevel,
    secrets: [config.token],
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const logger = isShard ? root.child({ shardProcess: env.SHARDS }) : root;
  try {
    if (config.shardCount !== undefined && !isShard) return await runShards(config, env, options, logger);
    return await runBot(config, env, options, logger);
  } finally {
    logger.flush();
  }
}
