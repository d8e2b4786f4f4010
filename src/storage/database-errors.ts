import { StoreUnavailableError } from '../core/store-unavailable-error.js';

/** How soon to ask again when another process holds the SQLite write lock. */
export const BUSY_RETRY_AFTER_SECONDS = 2;
/** How soon to ask again when PostgreSQL does not answer (restarting, failing over). */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Names what a driver error means when the cause lies outside Intake's data — a lock held by
 * another process, a full disk, a read-only folder, a server that does not answer — as a
 * StoreUnavailableError wrapping it; null for anything else (a bug, a constraint), which stays as it is.
 */
export function classifyDatabaseError(error: unknown): StoreUnavailableError | null {
  if (error instanceof StoreUnavailableError || !(error instanceof Error)) return null;
  const code = errorCode(error);
  const sqlite = code.startsWith('SQLITE_') ? code : '';
  if (sqlite.startsWith('SQLITE_BUSY') || code === '53300' || code === '55P03') {
    const what = sqlite ? 'another process holds its write lock' : 'it has no connection or lock free for this request';
    return new StoreUnavailableError('busy', `The database is busy: ${what} (${code})`, 'try again in a few seconds', {
      cause: error,
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    });
  }
  if (sqlite.startsWith('SQLITE_FULL') || code === '53100' || code === 'ENOSPC') {
    return new StoreUnavailableError(
      'disk_full',
      `The database cannot grow: the disk that holds it is full (${code})`,
      'free disk space, and Intake carries on by itself',
      { cause: error, retryAfterSeconds: null },
    );
  }
  if (sqlite.startsWith('SQLITE_READONLY') || code === '25006' || code === 'EACCES' || code === 'EROFS') {
    return new StoreUnavailableError(
      'read_only',
      `The database cannot be written: its folder or file is read-only for the user Intake runs as (${code})`,
      'make the data folder and its files writable by that user',
      { cause: error, retryAfterSeconds: null },
    );
  }
  if (sqlite.startsWith('SQLITE_IOERR') || sqlite.startsWith('SQLITE_CANTOPEN') || isPostgresUnreachable(error, code)) {
    const what = sqlite ? 'the database file could not be read or written' : 'PostgreSQL does not answer';
    return new StoreUnavailableError('unavailable', `The database is unavailable: ${what} (${code || error.message})`, 'try again shortly', {
      cause: error,
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
  return null;
}

/** The driver's code; a connection tried over several addresses fails with all of them at once. */
function errorCode(error: Error): string {
  const own = (error as { code?: unknown }).code;
  if (own !== undefined && own !== null) return String(own);
  const first = error instanceof AggregateError ? (error.errors[0] as { code?: unknown } | undefined) : undefined;
  return String(first?.code ?? '');
}

/** Connection refused or lost, the server shutting down or starting up (SQLSTATE class 08, 57P0x). */
function isPostgresUnreachable(error: Error, code: string): boolean {
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code)) return true;
  if (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return true;
  // pg's pool and client say so only in words.
  return /timeout exceeded when trying to connect|Connection terminated|connection is not open|Client has encountered a connection error/i.test(error.message);
}
