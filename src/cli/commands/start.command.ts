import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { startIntake, startWorker } from '../../main.js';
import { reportError } from '../cli-output.js';
import { serviceLogger, stopOnSignals } from '../service-logger.js';

/** A long-running process: configuration, its logger, started, stopped cleanly on a signal. */
function runProcess(what: string, start: (config: Config, logger: Logger) => Promise<{ close(): Promise<void> }>) {
  return async (options: { json?: boolean }) => {
    let config;
    try {
      config = loadConfig();
    } catch (error) {
      process.exitCode = reportError(error, options);
      return;
    }
    const logger = await serviceLogger(config, options);
    try {
      const running = await start(config, logger);
      stopOnSignals(logger, () => running.close());
    } catch (error) {
      logger.fatal({ err: error }, `${what} could not start`);
      process.exitCode = reportError(error, options);
    }
  };
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the service: API, web UI, scheduler and imports, with a ready-made demo integration on first start (what npm start runs)')
    .option('--json', 'log JSON lines even on a terminal')
    .action(
      runProcess('Intake', async (config, logger) => {
        const running = await startIntake(config, logger);
        logger.info({ dataDir: config.dataDir, database: running.services.dialect }, `Intake is running (${running.services.dialect}); press Ctrl+C to stop`);
        return running;
      }),
    );

  program
    .command('worker')
    .description('run imports only, taken from the run queue (distributed mode: INTAKE_RUNNER=queue with PostgreSQL)')
    .option('--json', 'log JSON lines even on a terminal')
    .action(
      runProcess('the Intake worker', async (config, logger) => {
        const worker = await startWorker(config, logger);
        logger.info('Intake worker is running; press Ctrl+C to stop');
        return worker;
      }),
    );
}
