import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

/** A long-running process logs JSON lines, pretty-printed on a terminal unless --json asks otherwise. */
export async function serviceLogger(config: Config, options: { json?: boolean }): Promise<Logger> {
  const pretty = !options.json && process.stdout.isTTY;
  return createLogger({
    level: config.logLevel,
    ...(pretty ? { destination: (await import('pino-pretty')).default({ colorize: true, ignore: 'pid,hostname,name', translateTime: 'SYS:HH:MM:ss' }) } : {}),
  });
}

/** Stops cleanly once on SIGINT or SIGTERM: the work in flight finishes its page first. */
export function stopOnSignals(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing the pages in flight, then stopping`);
    await close();
    logger.info('stopped');
    logger.flush?.();
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
