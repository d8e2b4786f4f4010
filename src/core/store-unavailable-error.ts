/** Why the database could not do what was asked, when the cause lies outside Intake's data. */
export type StoreProblem = 'busy' | 'disk_full' | 'read_only' | 'unavailable';

const CODES = {
  busy: 'database_busy',
  disk_full: 'disk_full',
  read_only: 'database_read_only',
  unavailable: 'database_unavailable',
} as const satisfies Record<StoreProblem, string>;

/**
 * The database refused work for a reason outside Intake's data: another process holds its write
 * lock, the disk is full, the data folder cannot be written, the server does not answer. Nothing
 * of the refused work was written, and the same work succeeds once the cause is gone. `cause` is
 * the driver's own error, for the log.
 *
 * @example
 * throw new StoreUnavailableError('busy', 'The database is busy: another process holds its write lock (SQLITE_BUSY)',
 *   'try again in a few seconds', { cause, retryAfterSeconds: 2 });
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code: (typeof CODES)[StoreProblem];
  /** When asking again is worth it, how soon; null when someone must act first (free disk space). */
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly problem: StoreProblem,
    /** What is wrong, in a sentence without its full stop. */
    readonly what: string,
    /** What to do about it. */
    advice: string,
    options: { cause: unknown; retryAfterSeconds: number | null },
  ) {
    super(`${what}. Nothing was written; ${advice}.`, { cause: options.cause });
    this.code = CODES[problem];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
