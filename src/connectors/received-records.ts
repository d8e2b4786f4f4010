import type { PlatformConnector } from './platform.js';
import type { SourcePage } from '../core/ports.js';

/**
 * The connector of a platform whose records are handed to Intake (uploaded, pushed) rather than
 * read: there is nothing to read between receipts, and no credentials to verify — the account is
 * the source the admin named.
 */
export function receivingConnector(source: string, principal: string): PlatformConnector {
  return {
    async *readPages(): AsyncIterable<SourcePage> {},
    verifyCredentials: async () => ({ sourceAccount: source, principal }),
  };
}
