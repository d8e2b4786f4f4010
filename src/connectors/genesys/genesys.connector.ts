import type { MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import type { ConnectorContext, DirectoryEntry, PlatformConnector, VerifiedIdentity } from '../platform.js';
import { createGenesysApi } from './genesys-api.js';
import { DEFAULT_JOB_POLLING, readBackfill, type JobPolling } from './genesys-backfill-read.js';
import { DEFAULT_REQUERY_DAYS, type GenesysConnection, type GenesysCredentials } from './genesys-connection.js';
import { DETAILS_QUERY_PATH } from './genesys-details-query.js';
import { listGenesysUsers, listGenesysWrapUpCodes } from './genesys-directory.js';
import { mapGenesysConversation } from './genesys-mapping.js';
import { readScheduled } from './genesys-scheduled-read.js';
import { GENESYS_NAME } from './genesys-profile.js';
import { genesysOrganizationSchema } from './genesys-wire.js';

const REFERENCE = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Reads conversations from one Genesys Cloud organization: scheduled runs with the synchronous
 * conversation details query (re-querying recent days), backfills with the asynchronous jobs API,
 * single conversations, and users by name. Wrap-up code names are read once per connector.
 */
export function createGenesysConnector(context: ConnectorContext<GenesysConnection, GenesysCredentials>, polling: Partial<JobPolling> = {}): PlatformConnector & { readonly tokensFetched: number } {
  const { connection, clock, http } = context;
  const api = createGenesysApi(context);
  const jobPolling = { ...DEFAULT_JOB_POLLING, ...polling };
  let wrapUpNames: Promise<Map<string, string>> | null = null;

  async function map(conversations: unknown[], signal?: AbortSignal): Promise<MappedRecord[]> {
    if (conversations.length === 0) return [];
    wrapUpNames ??= listGenesysWrapUpCodes(api, signal).catch((error: unknown) => {
      wrapUpNames = null;
      throw error;
    });
    const names = await wrapUpNames;
    return conversations.map((raw) => mapGenesysConversation(raw, names));
  }

  return {
    // Genesys documents 300 requests a minute per OAuth token for most of the Platform API.
    rateLimit: { requests: 300, perSeconds: 60 },

    readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage> {
      if (from.until) return readBackfill(api, map, http, clock, { ...from, until: from.until }, jobPolling, signal);
      return readScheduled(api, map, clock, from, connection.requeryDays ?? DEFAULT_REQUERY_DAYS, signal);
    },

    async verifyCredentials(signal?: AbortSignal): Promise<VerifiedIdentity> {
      const response = await api.get('/api/v2/organizations/me', {}, signal);
      const org = genesysOrganizationSchema.safeParse(response.body);
      if (!org.success) throw new SourceError('api_changed', `${GENESYS_NAME}'s /api/v2/organizations/me answered in a shape Intake does not know. Contact support.`, { path: '/api/v2/organizations/me' });
      // A client whose role may not read conversation details fails here, not on the first run.
      const now = clock.now();
      await api.post(DETAILS_QUERY_PATH, { interval: `${new Date(now.getTime() - 3_600_000).toISOString()}/${now.toISOString()}`, paging: { pageSize: 1, pageNumber: 1 } }, signal);
      return { sourceAccount: org.data.id, principal: `OAuth client ${context.credentials.clientId}${org.data.name ? ` in ${org.data.name}` : ''}` };
    },

    async fetchOne(sourceRef: string, signal?: AbortSignal): Promise<MappedRecord | null> {
      if (!REFERENCE.test(sourceRef)) return null;
      try {
        const response = await api.get(`/api/v2/analytics/conversations/${encodeURIComponent(sourceRef)}/details`, {}, signal);
        const [record] = await map([response.body], signal);
        return record ?? null;
      } catch (error) {
        if (error instanceof SourceError && error.detail.status === 404) return null;
        throw error;
      }
    },

    listAgents: (signal?: AbortSignal): Promise<DirectoryEntry[]> => listGenesysUsers(api, signal),

    get tokensFetched() {
      return api.tokensFetched;
    },
  };
}
