import type { DestinationStream } from 'pino';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

/** Where a service writes its log: standard output, or a stand-in for it in tests. */
export interface LogOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** pino's numbers: debug 20, info 30, warn 40. */
const WARN = 40;

/**
 * A long-running process logs one line per event. On a terminal the line is short words ("run
 * succeeded: …"), with an event's fields only at debug level — or on warnings and errors, whose
 * details (an error's cause) matter at once. Elsewhere (a pipe, a file, a log collector) or with
 * --json, each event is one JSON line carrying every field.
 */
export async function serviceLogger(config: Pick<Config, 'logLevel'>, options: { json?: boolean; output?: LogOutput }): Promise<Logger> {
  const output = options.output ?? process.stdout;
  if (options.json || !output.isTTY) return createLogger({ level: config.logLevel, ...(options.output ? { destination: jsonLines(output) } : {}) });
  const details = config.logLevel === 'debug' || config.logLevel === 'trace';
  return createLogger({ level: config.logLevel, destination: await terminal(output, details) });
}

function jsonLines(output: LogOutput): DestinationStream {
  return { write: (line: string) => void output.write(line) };
}

/** Short, human lines for a person watching a terminal. */
async function terminal(output: LogOutput, details: boolean): Promise<DestinationStream> {
  const { prettyFactory } = await import('pino-pretty');
  const pretty = prettyFactory({
    colorize: true,
    ignore: 'pid,hostname,name',
    translateTime: 'SYS:HH:MM:ss',
    // "18:55:45 INFO: …", as the README shows (no brackets around the time).
    customPrettifiers: { time: (time) => String(time) },
  });
  return {
    write(line: string) {
      const event = JSON.parse(line) as { level: number; time: unknown; msg?: unknown };
      output.write(pretty(details || event.level >= WARN ? event : { level: event.level, time: event.time, msg: event.msg }));
    },
  };
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
