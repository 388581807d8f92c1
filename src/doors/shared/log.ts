/**
 * Structured logs (pino, JSON lines on stderr). Secrets such as the bot token are scrubbed from every
 * line as it is written, whatever object or error message carried them there.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LogOptions {
  level?: string;
  /** Strings that must never reach a log line (the bot token, the public key is not secret). */
  secrets?: readonly string[];
  /** Where lines go; default stderr. Tests pass a stream to inspect. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LogOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'city-alliance-bot' },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
      hooks: {
        streamWrite(line: string): string {
          let out = line;
          for (const s of secrets) out = out.split(s).join('[redacted]');
          return out;
        },
      },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}
