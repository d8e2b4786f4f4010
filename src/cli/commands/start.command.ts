import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { startIntake } from '../../main.js';
import { reportError } from '../cli-output.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the service: scheduler, sandbox and imports (what npm start runs)')
    .option('--json', 'log JSON lines even on a terminal')
    .action(async (options: { json?: boolean }) => {
      let config;
      try {
        config = loadConfig();
      } catch (error) {
        process.exitCode = reportError(error, options);
        return;
      }
      const pretty = !options.json && process.stdout.isTTY;
      const logger = createLogger({
        level: config.logLevel,
        ...(pretty ? { destination: (await import('pino-pretty')).default({ colorize: true, ignore: 'pid,hostname,name', translateTime: 'SYS:HH:MM:ss' }) } : {}),
      });
      let running: Awaited<ReturnType<typeof startIntake>>;
      try {
        running = await startIntake(config, logger);
      } catch (error) {
        logger.fatal({ err: error }, 'Intake could not start');
        process.exitCode = reportError(error, options);
        return;
      }
      logger.info({ dataDir: config.dataDir, database: running.services.dialect }, `Intake is running (${running.services.dialect}); press Ctrl+C to stop`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info(`${signal} received: finishing the pages in flight, then stopping`);
        await running.close();
        logger.info('stopped');
        logger.flush?.();
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
