import type { MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { assertPageContract } from '../page-contract.js';
import type { ConnectorContext, PlatformConnector, VerifiedIdentity } from '../platform.js';
import { zendeskAuthHeader, zendeskBaseUrl, type ZendeskConnection, type ZendeskCredentials } from './zendesk-connection.js';
import { listZendeskAgents, listZendeskCustomFields, type ZendeskListRequest } from './zendesk-directory.js';
import { mapZendeskTicket } from './zendesk-mapping.js';
import { ZENDESK_HOST, zendeskProfile } from './zendesk-profile.js';
import { zendeskExportPageSchema, zendeskMeSchema, zendeskShowTicketSchema } from './zendesk-wire.js';

/** Zendesk's maximum page size for the incremental export. */
export const ZENDESK_EXPORT_PAGE_SIZE = 1000;
const EXPORT_PATH = '/api/v2/incremental/tickets/cursor.json';

interface ZendeskCheckpoint {
  v: 1;
  cursor: string;
}

/**
 * Reads tickets through the cursor-based incremental export (docs/platforms/zendesk.md): start_time on the
 * first call, the after_cursor after that, until end_of_stream; the last after_cursor is the
 * checkpoint for the next scheduled poll.
 */
export function createZendeskConnector(context: ConnectorContext<ZendeskConnection, ZendeskCredentials>): PlatformConnector {
  const { connection, credentials, http, clock } = context;
  const base = zendeskBaseUrl(connection);
  const profile = zendeskProfile(connection.subdomain, credentials.kind);
  const headers = { authorization: zendeskAuthHeader(credentials) };
  const exportBudget = `zendesk:${connection.subdomain}:incremental-export`;
  const apiBudget = `zendesk:${connection.subdomain}:api`;
  const url = (path: string, query: Record<string, string> = {}) => {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u;
  };
  const lists: ZendeskListRequest = { http, profile, url, headers, budgetKey: apiBudget };

  function firstUrl(from: ReadFrom): URL {
    if (from.checkpoint) return url(EXPORT_PATH, { cursor: readCheckpoint(from.checkpoint).cursor, per_page: String(ZENDESK_EXPORT_PAGE_SIZE) });
    // start_time must be at least a minute in the past, or Zendesk refuses it.
    const latest = Math.floor(clock.now().getTime() / 1000) - 61;
    const startTime = Math.max(0, Math.min(Math.floor(from.startDate.getTime() / 1000), latest));
    return url(EXPORT_PATH, { start_time: String(startTime), per_page: String(ZENDESK_EXPORT_PAGE_SIZE) });
  }

  return {
    // The incremental export's own budget (docs/platforms/zendesk.md); the High Volume add-on allows 30.
    rateLimit: { requests: 10, perSeconds: 60 },

    async *readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage> {
      let next = firstUrl(from);
      let checkpoint = from.checkpoint;
      for (;;) {
        const response = await http.request(profile, { url: next, headers, budgetKey: exportBudget, signal });
        const page = zendeskExportPageSchema.safeParse(response.body);
        if (!page.success) throw contractError(page.error.issues[0]);
        const records = page.data.tickets.map(mapZendeskTicket);
        assertPageContract(records, 'Zendesk', 'ticket');
        if (page.data.after_cursor) checkpoint = writeCheckpoint({ v: 1, cursor: page.data.after_cursor });
        const reachedAt = page.data.end_of_stream ? new Date(clock.now().getTime() - 61_000).toISOString() : lastChange(page.data.tickets);
        // An empty page is not the end: only end_of_stream is (docs/platforms/zendesk.md).
        if (records.length > 0 || page.data.end_of_stream) yield { records, checkpoint: checkpoint ?? '', ...(reachedAt ? { reachedAt } : {}) };
        if (page.data.end_of_stream) return;
        if (!page.data.after_cursor) throw contractError({ path: ['after_cursor'], message: 'missing while end_of_stream is false' });
        next = url(EXPORT_PATH, { cursor: page.data.after_cursor, per_page: String(ZENDESK_EXPORT_PAGE_SIZE) });
      }
    },

    async verifyCredentials(signal?: AbortSignal): Promise<VerifiedIdentity> {
      const response = await http.request(profile, { url: url('/api/v2/users/me.json'), headers, budgetKey: apiBudget, signal });
      const me = zendeskMeSchema.safeParse(response.body);
      if (!me.success) throw contractError(me.error.issues[0], 'users/me');
      const user = me.data.user;
      if (user.id === null) {
        throw new SourceError('auth_revoked', 'Zendesk did not recognise these credentials (it answered as an anonymous visitor). Check the email and API token.', {
          status: response.status,
        });
      }
      if (user.role !== undefined && user.role !== 'admin') {
        throw new SourceError(
          'forbidden',
          `These credentials belong to a Zendesk ${user.role}, but the incremental ticket export is allowed for admins only. Use an admin's API token.`,
          { status: response.status, role: user.role },
        );
      }
      const host = user.url ? safeHostname(user.url) : null;
      const sourceAccount = host && ZENDESK_HOST.test(host) ? host.slice(0, -'.zendesk.com'.length) : connection.subdomain;
      return { sourceAccount, principal: user.email ?? `user ${user.id}` };
    },

    async fetchOne(sourceRef: string, signal?: AbortSignal): Promise<MappedRecord | null> {
      if (!/^\d{1,19}$/.test(sourceRef)) return null;
      try {
        const response = await http.request(profile, { url: url(`/api/v2/tickets/${sourceRef}.json`), headers, budgetKey: apiBudget, signal });
        const shown = zendeskShowTicketSchema.safeParse(response.body);
        if (!shown.success) throw contractError(shown.error.issues[0], 'tickets/show');
        return mapZendeskTicket(shown.data.ticket);
      } catch (error) {
        if (error instanceof SourceError && error.category === 'not_found' && error.detail.status === 404) {
          // The account answered, so the 404 is about the ticket — unless the account itself is gone.
          const me = await http.request(profile, { url: url('/api/v2/users/me.json'), headers, budgetKey: apiBudget, signal });
          if (me.status === 200) return null;
        }
        throw error;
      }
    },

    listAgents: (signal) => listZendeskAgents(lists, signal),
    listCustomFields: (signal) => listZendeskCustomFields(lists, signal),
  };
}

/** The export is in generated_timestamp order: the last ticket's is how far it has been read. */
function lastChange(tickets: unknown[]): string | undefined {
  const last = tickets.at(-1) as { generated_timestamp?: unknown } | undefined;
  return typeof last?.generated_timestamp === 'number' ? new Date(last.generated_timestamp * 1000).toISOString() : undefined;
}

function readCheckpoint(text: string): ZendeskCheckpoint {
  try {
    const parsed = JSON.parse(text) as Partial<ZendeskCheckpoint>;
    if (parsed.v === 1 && typeof parsed.cursor === 'string' && parsed.cursor.length > 0) return parsed as ZendeskCheckpoint;
  } catch {
    // reported below
  }
  throw new SourceError('config', 'The saved Zendesk checkpoint is unreadable. Contact support: the integration needs its checkpoint reset to a date.', {
    checkpoint: 'unreadable',
  });
}

function writeCheckpoint(checkpoint: ZendeskCheckpoint): string {
  return JSON.stringify(checkpoint);
}

function safeHostname(value: string): string | null {
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function contractError(issue: { path: readonly PropertyKey[]; message: string } | undefined, what = 'incremental ticket export'): SourceError {
  const field = issue?.path.map(String).join('.') || 'response';
  return new SourceError(
    'api_changed',
    `Zendesk's ${what} response does not match its documented format: \`${field}\` ${issue?.message ?? 'is invalid'}. The API may have changed; nothing from this response was written. Contact support with this run id.`,
    { field },
  );
}
