import { StoreUnavailableError } from '../core/store-unavailable-error.js';

/**
 * Runs a bookkeeping write (a session's or a token's last use) that must not turn a read into an
 * error: while the database is busy or full it is skipped, and false says so. Other errors throw.
 */
export async function bestEffort(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof StoreUnavailableError) return false;
    throw error;
  }
}
