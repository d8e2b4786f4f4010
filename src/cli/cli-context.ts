import type { Caller } from '../accounts/caller.js';
import { loadConfig, type Config } from '../config.js';
import { ROLE_PERMISSIONS } from '../core/permissions.js';
import { createLogger, type Logger } from '../logger.js';
import { openIntake } from '../main.js';
import { defaultWorkspace } from '../services/bootstrap-workspace.js';
import type { IntakeServices } from '../services/intake-services.js';
import type { Workspace } from '../services/manage-workspace.js';
import { reportError, type FlagNames, type OutputOptions } from './cli-output.js';

export interface CommandContext {
  config: Config;
  logger: Logger;
  services: IntakeServices;
  workspace: Workspace;
}

/** The CLI acts as the workspace's admin: whoever can run it on the server owns the data anyway. */
export function operatorCaller(context: CommandContext): Caller {
  return { kind: 'user', workspaceId: context.workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'cli' };
}

/** Commands log warnings to stderr only: their stdout is their answer. */
export function commandLogger(level = 'warn'): Logger {
  return createLogger({ level, destination: process.stderr });
}

/**
 * Runs a command against the database (migrated on the way), in the default workspace, and turns
 * any error into a message with its fix and a non-zero exit code.
 */
export async function runCommand(options: OutputOptions, flags: FlagNames, body: (context: CommandContext) => Promise<void>): Promise<void> {
  let close: (() => Promise<void>) | null = null;
  try {
    const config = loadConfig();
    const logger = commandLogger();
    const opened = await openIntake(config, logger);
    close = () => opened.close();
    const workspace = await defaultWorkspace(opened.services);
    await body({ config, logger, services: opened.services, workspace });
  } catch (error) {
    process.exitCode = reportError(error, options, flags);
  } finally {
    await close?.();
  }
}
