import type { Run } from '../core/run.js';

/** Runs work after the answer is given (backfills), stopped cleanly at shutdown. */
export interface BackgroundRunner {
  runInBackground(label: string, work: (signal: AbortSignal) => Promise<void>): void;
}

/** Starts runs on demand ("run now"); the scheduler does it in the service. */
export interface RunLauncher extends BackgroundRunner {
  launch(integrationId: string, options: { requestedBy: string | null }): Promise<Run>;
}
