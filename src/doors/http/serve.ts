/**
 * `npm run serve`: the HTTP interactions door. Everything that can be wrong is checked before the port
 * opens — environment, public key, dataset, locale files, Redis when REDIS_URL is set — so a broken
 * deployment exits 1 with a message naming the problem and is never half started.
 *
 * With HTTP_WORKERS > 1 (the default on a machine with several cores) this process is a node:cluster
 * primary: it forks the workers, which share the port (the primary hands out connections in turn), keeps
 * the rate limit and the replay memory for all of them (unless Redis does), brings back a worker that
 * crashed, and on SIGTERM / SIGINT stops them all. Each worker, or this process alone with HTTP_WORKERS=1,
 * runs the door: stop accepting, finish in-flight requests, exit 0.
 */
import cluster, { type Worker } from 'node:cluster';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import { createServices } from '../../app/services.js';
import { PROJECT_ROOT } from '../../kernel/paths.js';
import { createLogger, type Logger } from '../shared/log.js';
import { ConfigError } from '../shared/config.js';
import { loadDotEnv } from '../shared/dotenv.js';
import { runEntry } from '../shared/startup.js';
import { commandIdsPath, readCommandIds } from '../shared/command-ids.js';
import { loadHttpConfig, type HttpConfig } from './config.js';
import { INTERACTIONS_PATH, createInteractionServer } from './server.js';
import { clusterState, memoryState, redisState, type DoorState } from './state.js';
import { publicKeyFromHex } from './verify.js';

/** Messages between the primary and its workers. */
type ToWorker = { cmd: 'stop' };
type ToPrimary = { cmd: 'listening'; url: string };

/** How long the primary waits for its workers to drain before it kills them: their grace, and a margin. */
const WORKER_STOP_MS = 15_000;

function loggerFor(config: HttpConfig): Logger {
  // The HTTP door needs no token, but a shared .env may carry one: keep it out of every log line.
  const secrets = [process.env.DISCORD_TOKEN].filter((s): s is string => Boolean(s));
  const root = createLogger({ level: config.logLevel, secrets });
  return cluster.isWorker ? root.child({ worker: cluster.worker?.id }) : root;
}

async function doorState(config: HttpConfig, logger: Logger): Promise<DoorState> {
  if (config.redisUrl) {
    return redisState({
      url: config.redisUrl,
      config: config.rateLimit,
      logger,
      fallbackToMemory: config.fallbackToMemory,
    });
  }
  return cluster.isWorker ? clusterState(config.rateLimit) : memoryState(config.rateLimit, logger);
}

/** The door itself: in this process alone, or in one cluster worker. */
async function runDoor(config: HttpConfig, publicKey: KeyObject, logger: Logger): Promise<number> {
  // DATA_DIR / LOCALES_DIR, when set, point at other copies of the data and locale files.
  const services = {
    ...(await createServices({ complete: true })),
    // The ids deploy-commands stored make command names clickable; without them, plain text.
    commandIds: readCommandIds(commandIdsPath(process.env), config.applicationId, logger),
  };
  const state = await doorState(config, logger);
  const door = createInteractionServer({
    services,
    publicKey,
    logger,
    limiter: state.limiter,
    replays: state.replays,
    applicationId: config.applicationId,
    maxBodyBytes: config.maxBodyBytes,
    apiUrl: config.apiUrl,
  });
  const address = await door.listen(config.port, config.host).catch(async (err: NodeJS.ErrnoException) => {
    await state.close();
    // The usual deployment mistakes, named; anything else keeps its stack.
    if (err.code === 'EADDRINUSE')
      throw new ConfigError([`PORT ${config.port} on HOST ${config.host} is already in use`]);
    if (err.code === 'EACCES')
      throw new ConfigError([`PORT ${config.port} needs privileges this process lacks; use a port above 1023`]);
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
      throw new ConfigError([`HOST ${config.host} is not an address of this machine`]);
    }
    throw err;
  });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}${INTERACTIONS_PATH}`;
  if (cluster.isWorker) {
    process.send?.({ cmd: 'listening', url } satisfies ToPrimary);
  } else {
    logger.info(
      { url, port: address.port, rateLimit: config.rateLimit, state: state.backend },
      `HTTP interactions door listening on ${url}`,
    );
    // Also on stdout, whatever LOG_LEVEL is: scripts and people starting it look for this line.
    process.stdout.write(`HTTP interactions door listening on ${url}\n`);
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (reason: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ reason, inFlight: door.inFlight() }, 'shutting down: finishing in-flight requests');
      door
        .close()
        .then(() => state.close())
        .then(
          () => {
            logger.info('stopped');
            resolve(0);
          },
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            resolve(1);
          },
        );
    };
    process.off('SIGTERM', early);
    process.off('SIGINT', early);
    process.off('disconnect', early);
    process.once('SIGTERM', () => stop('SIGTERM'));
    if (cluster.isWorker) {
      // Ctrl+C reaches the whole process group; the primary stops its workers itself.
      process.on('SIGINT', () => undefined);
      process.on('message', (m: ToWorker) => m.cmd === 'stop' && stop('primary'));
      // The primary went away without stopping us (SIGKILL): do not linger, still holding the port.
      process.once('disconnect', () => stop('primary gone'));
    } else {
      process.once('SIGINT', () => stop('SIGINT'));
    }
  });
}

/** The cluster primary: forks and watches the workers; answers nothing itself. */
async function runPrimary(config: HttpConfig, logger: Logger): Promise<number> {
  // The workers' rate limits and replay memory live here, unless Redis keeps them.
  if (!config.redisUrl) new RateLimiterClusterMaster();
  // Workers start through bin/run.mjs like this process did (compiled build, or the sources in development).
  cluster.setupPrimary({ exec: join(PROJECT_ROOT, 'bin/run.mjs'), args: ['serve'] });

  let stopping = false;
  // Set once every worker listens: from then on a worker that exits is replaced.
  let url: string | undefined = undefined;
  const respawns = new Set<NodeJS.Timeout>();
  /** Workers that have said they listen: the ones with requests to finish. */
  const listening = new Set<Worker>();

  /** Forks one worker; resolves once it listens, or with its exit code if it ends first. */
  const fork = (): Promise<{ worker: Worker; url: string } | { exitCode: number }> =>
    new Promise((resolve) => {
      const worker = cluster.fork();
      worker.on('message', (m: ToPrimary) => {
        if (m.cmd !== 'listening') return;
        listening.add(worker);
        resolve({ worker, url: m.url });
      });
      worker.once('exit', (code, signal) => {
        listening.delete(worker);
        resolve({ exitCode: code ?? 1 });
        if (stopping || url === undefined) return;
        // A crash (or the OOM killer) after start-up: bring the worker back, a second later so one that
        // dies at once does not fork in a tight loop.
        logger.warn({ worker: worker.id, code, signal }, 'worker exited: starting another');
        const timer = setTimeout(() => {
          respawns.delete(timer);
          if (!stopping) void fork();
        }, 1_000);
        respawns.add(timer);
      });
    });

  const stopAll = async (reason: string): Promise<void> => {
    stopping = true;
    for (const t of respawns) clearTimeout(t);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    logger.info({ reason, workers: workers.length }, 'shutting down: stopping the workers');
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            const kill = setTimeout(() => w.process.kill('SIGKILL'), WORKER_STOP_MS);
            w.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            // One still starting may not listen to messages yet, and has nothing to finish: SIGTERM ends it.
            if (listening.has(w) && w.isConnected()) w.send({ cmd: 'stop' } satisfies ToWorker);
            else w.process.kill('SIGTERM');
          }),
      ),
    );
  };

  const stopRequested = new Promise<string>((resolve) => {
    process.off('SIGTERM', early);
    process.off('SIGINT', early);
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });

  // One worker first: a deployment mistake (a bad dataset, a taken port, Redis down) is then reported once,
  // by that worker, rather than by every worker at once.
  const first = await Promise.race([fork(), stopRequested]);
  if (typeof first === 'string') {
    await stopAll(first);
    return 0;
  }
  if ('exitCode' in first) return first.exitCode || 1;
  const rest = await Promise.race([Promise.all(Array.from({ length: config.workers - 1 }, fork)), stopRequested]);
  if (typeof rest === 'string') {
    await stopAll(rest);
    return 0;
  }
  const failed = rest.find((r) => 'exitCode' in r);
  if (failed && 'exitCode' in failed) {
    await stopAll('a worker failed to start');
    return failed.exitCode || 1;
  }
  url = first.url;
  logger.info(
    { url, workers: config.workers, rateLimit: config.rateLimit, state: config.redisUrl ? 'redis' : 'cluster' },
    `HTTP interactions door listening on ${url}`,
  );
  process.stdout.write(`HTTP interactions door listening on ${url}\n`);
  await stopAll(await stopRequested);
  logger.info('stopped');
  return 0;
}

// A stop request during start-up (a supervisor giving up, Ctrl+C) ends it cleanly rather than by the
// default signal action; once listening, the graceful handlers take over.
function early(): void {
  process.exit(0);
}

async function main(): Promise<number> {
  loadDotEnv();
  process.once('SIGTERM', early);
  process.once('SIGINT', early);
  // The primary may go away while this worker starts: do not start a door nobody stops.
  if (cluster.isWorker) process.once('disconnect', early);
  const config = loadHttpConfig(process.env);
  let publicKey: KeyObject;
  try {
    publicKey = publicKeyFromHex(config.publicKey);
  } catch (err) {
    throw new ConfigError([`DISCORD_PUBLIC_KEY is not a usable Ed25519 public key: ${(err as Error).message}`]);
  }
  const logger = loggerFor(config);
  try {
    if (cluster.isPrimary && config.workers > 1) return await runPrimary(config, logger);
    return await runDoor(config, publicKey, logger);
  } finally {
    logger.flush();
    // A worker's IPC channel to the primary keeps its event loop alive: let it exit.
    if (cluster.isWorker && process.connected) process.disconnect();
  }
}

runEntry(main);
