/**
 * `npm run serve`: the HTTP interactions door. Everything that can be wrong is checked before the port
 * opens — environment, public key, dataset, locale files — so a broken deployment exits 1 with a message
 * naming the problem and is never half started. SIGTERM / SIGINT: stop accepting, finish in-flight
 * requests, exit 0.
 */
import { createServices } from '../../app/services.js';
import { UserRateLimiter } from '../shared/rate-limit.js';
import { createLogger } from '../shared/log.js';
import { ConfigError } from '../shared/config.js';
import { loadDotEnv } from '../shared/dotenv.js';
import { runEntry } from '../shared/startup.js';
import { commandIdsPath, readCommandIds } from '../shared/command-ids.js';
import { loadHttpConfig } from './config.js';
import { INTERACTIONS_PATH, createInteractionServer } from './server.js';
import { publicKeyFromHex } from './verify.js';

async function main(): Promise<number> {
  loadDotEnv();
  // A stop request during start-up (a supervisor giving up, Ctrl+C) ends it cleanly rather than by
  // the default signal action; once listening, the graceful handlers below take over.
  const early = (): void => process.exit(0);
  process.once('SIGTERM', early);
  process.once('SIGINT', early);
  const config = loadHttpConfig(process.env);
  let publicKey;
  try {
    publicKey = publicKeyFromHex(config.publicKey);
  } catch (err) {
    throw new ConfigError([`DISCORD_PUBLIC_KEY is not a usable Ed25519 public key: ${(err as Error).message}`]);
  }
  // The HTTP door needs no token, but a shared .env may carry one: keep it out of every log line.
  const secrets = [process.env.DISCORD_TOKEN].filter((s): s is string => Boolean(s));
  const logger = createLogger({ level: config.logLevel, secrets });
  // DATA_DIR / LOCALES_DIR, when set, point at other copies of the data and locale files.
  const services = {
    ...(await createServices()),
    // The ids deploy-commands stored make command names clickable; without them, plain text.
    commandIds: readCommandIds(commandIdsPath(process.env), config.applicationId, logger),
  };

  const door = createInteractionServer({
    services,
    publicKey,
    logger,
    limiter: new UserRateLimiter(config.rateLimit),
    applicationId: config.applicationId,
    maxBodyBytes: config.maxBodyBytes,
    apiUrl: config.apiUrl,
  });
  const address = await door.listen(config.port, config.host).catch((err: NodeJS.ErrnoException) => {
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
  logger.info({ url, port: address.port, rateLimit: config.rateLimit }, `HTTP interactions door listening on ${url}`);
  // Also on stdout, whatever LOG_LEVEL is: scripts and people starting it look for this line.
  process.stdout.write(`HTTP interactions door listening on ${url}\n`);

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      logger.info({ signal, inFlight: door.inFlight() }, 'shutting down: finishing in-flight requests');
      door.close().then(
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
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

runEntry(main);
