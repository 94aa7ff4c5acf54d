import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Human-readable lines (pino-pretty) or one JSON object a line, for log collectors. */
export type LogFormat = 'pretty' | 'json';

/**
 * The server's logger, handed to Fastify. Pretty lines are written synchronously, so that they
 * land in order with what start-up prints itself (the banner) instead of inside it.
 */
export function createLogger(
  options: { level: string; format: LogFormat },
  destination: DestinationStream | NodeJS.WritableStream = process.stdout,
): Logger {
  if (options.format === 'json') return pino({ level: options.level }, destination as DestinationStream);
  const stream = pretty({
    destination,
    sync: true,
    colorize: destination === process.stdout ? undefined : false,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'pid,hostname,req.host,req.remoteAddress,req.remotePort',
  });
  return pino({ level: options.level }, stream);
}
