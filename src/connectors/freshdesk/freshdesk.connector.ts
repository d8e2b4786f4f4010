import type { MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { assertPageContract } from '../page-contract.js';
import type { ConnectorContext, PlatformConnector, VerifiedIdentity } from '../platform.js';
import { FRESHDESK_PASSES, initialCheckpoint, isoSeconds, nextMark, readCheckpoint, versionKey, writeCheckpoint, type FreshdeskCheckpoint, type PassMark } from './freshdesk-checkpoint.js';
import { freshdeskAuthHeader, freshdeskBaseUrl, type FreshdeskConnection, type FreshdeskCredentials } from './freshdesk-connection.js';
import { listFreshdeskAgents, listFreshdeskCustomFields, type DirectoryRequest } from './freshdesk-directory.js';
import { mapFreshdeskTicket, type FreshdeskPass } from './freshdesk-mapping.js';
import { freshdeskProfile } from './freshdesk-profile.js';
import { freshdeskAgentSchema, freshdeskListSchema, FRESHDESK_MAX_PAGES, FRESHDESK_MAX_PER_PAGE, nextPageFromLink } from './freshdesk-wire.js';

const TICKETS_PATH = '/api/v2/tickets';
const GLOBAL_ACCESS = 1;
const SCOPE_WORDS: Readonly<Record<number, string>> = { 2: 'Group access (their groups’ tickets only)', 3: 'Restricted access (tickets assigned to them only)' };

/**
 * Reads tickets from the ticket list ordered by `updated_at` ascending, in three passes — live
 * tickets, the trash (`filter=deleted`), spam (`filter=spam`) — each from its own `updated_since`
 * watermark, kept in the checkpoint. See docs/platforms/freshdesk.md.
 */
export function createFreshdeskConnector(context: ConnectorContext<FreshdeskConnection, FreshdeskCredentials>): PlatformConnector {
  const { connection, credentials, http, clock } = context;
  const base = freshdeskBaseUrl(connection);
  const profile = freshdeskProfile(connection.domain);
  const headers = { authorization: freshdeskAuthHeader(credentials) };
  // Freshdesk counts one budget per account, whatever the endpoint or API key.
  const budgetKey = `freshdesk:${connection.domain}:api`;
  const url = (path: string, query: Record<string, string> = {}) => {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u;
  };
  const directory: DirectoryRequest = { http, profile, url, headers, budgetKey };

  function listUrl(pass: FreshdeskPass, mark: PassMark): URL {
    return url(TICKETS_PATH, {
      ...(pass === 'tickets' ? {} : { filter: pass }),
      updated_since: mark.since,
      order_by: 'updated_at',
      order_type: 'asc',
      per_page: String(FRESHDESK_MAX_PER_PAGE),
      include: 'stats',
      ...(mark.page > 1 ? { page: String(mark.page) } : {}),
    });
  }

  async function me(signal?: AbortSignal) {
    const response = await http.request(profile, { url: url('/api/v2/agents/me'), headers, budgetKey, signal });
    const agent = freshdeskAgentSchema.safeParse(response.body);
    if (!agent.success) throw contractError(agent.error.issues[0], 'agents/me');
    return { status: response.status, agent: agent.data };
  }

  return {
    // The tightest documented ticket-list limit (legacy Growth plan); the headers pace the real one.
    rateLimit: { requests: 20, perSeconds: 60 },

    async *readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage> {
      let checkpoint: FreshdeskCheckpoint = from.checkpoint ? readCheckpoint(from.checkpoint) : initialCheckpoint(from.startDate);
      for (let index = FRESHDESK_PASSES.indexOf(checkpoint.pass); index < FRESHDESK_PASSES.length; index += 1) {
        const pass = FRESHDESK_PASSES[index]!;
        checkpoint = { ...checkpoint, pass };
        for (;;) {
          const mark = checkpoint.marks[pass];
          const sentAt = clock.now().getTime();
          const response = await http.request(profile, { url: listUrl(pass, mark), headers, budgetKey, signal });
          const list = freshdeskListSchema.safeParse(response.body);
          if (!list.success) throw contractError({ path: [], message: 'is not a JSON array of tickets' });
          const nextPage = nextPageFromLink(response.headers.get('link'));
          if (Number.isNaN(nextPage)) throw contractError({ path: ['Link'], message: 'has a next link without a page number' }, 'ticket list', 'header');

          const alreadySeen = new Set(mark.seen);
          const versions = list.data.map(readVersion);
          const fresh = list.data.filter((_, i) => !(versions[i] && alreadySeen.has(versionKey(versions[i]!.id, versions[i]!.updatedMs))));
          const records = fresh.map((raw) => mapFreshdeskTicket(raw, pass));
          assertPageContract(records, 'Freshdesk', 'ticket');
          const readable = versions.filter((v): v is { id: number; updatedMs: number } => v !== null);
          if (list.data.length > 0 && readable.length === 0 && nextPage !== null) {
            throw contractError({ path: ['updated_at'], message: 'is unreadable on every ticket of a page, so Intake cannot tell where the next page starts' });
          }
          const step = nextMark(mark, readable, nextPage);
          if (step.mark.page > FRESHDESK_MAX_PAGES) throw pageCapError(mark.since);

          let reachedAt = checkpoint.reachedAt;
          if (pass === 'tickets') {
            const position = step.passDone ? sentAt : Math.floor(Math.max(...readable.map((v) => v.updatedMs)) / 1000) * 1000 - 1000;
            reachedAt = isoSeconds(Math.max(position, reachedAt ? Date.parse(reachedAt) : 0));
          }
          checkpoint = { ...checkpoint, marks: { ...checkpoint.marks, [pass]: step.mark }, reachedAt };
          if (step.passDone) checkpoint = { ...checkpoint, pass: FRESHDESK_PASSES[index + 1] ?? 'tickets' };
          // A page of nothing but re-read versions moves nothing worth a commit; the end of a pass does.
          if (records.length > 0 || step.passDone) yield { records, checkpoint: writeCheckpoint(checkpoint), ...(reachedAt ? { reachedAt } : {}) };
          if (step.passDone) break;
        }
      }
    },

    async verifyCredentials(signal?: AbortSignal): Promise<VerifiedIdentity> {
      const { status, agent } = await me(signal);
      const scope = agent.ticket_scope ?? GLOBAL_ACCESS;
      if (scope !== GLOBAL_ACCESS) {
        throw new SourceError(
          'forbidden',
          `These credentials belong to a Freshdesk agent with ${SCOPE_WORDS[scope] ?? `ticket scope ${scope}`}: the ticket list would leave out every other ticket without saying so. Use the API key of an agent with Global access, such as an administrator.`,
          { status, ticketScope: scope },
        );
      }
      return { sourceAccount: connection.domain, principal: agent.contact?.email ?? `agent ${agent.id}` };
    },

    async fetchOne(sourceRef: string, signal?: AbortSignal): Promise<MappedRecord | null> {
      if (!/^\d{1,19}$/.test(sourceRef)) return null;
      try {
        const response = await http.request(profile, { url: url(`${TICKETS_PATH}/${sourceRef}`, { include: 'stats' }), headers, budgetKey, signal });
        return mapFreshdeskTicket(response.body);
      } catch (error) {
        if (error instanceof SourceError && error.category === 'not_found' && error.detail.status === 404) {
          // The account answered, so the 404 is about the ticket — unless the account itself is gone.
          if ((await me(signal)).status === 200) return null;
        }
        throw error;
      }
    },

    listAgents: (signal) => listFreshdeskAgents(directory, signal),
    listCustomFields: (signal) => listFreshdeskCustomFields(directory, signal),
  };
}

function readVersion(raw: unknown): { id: number; updatedMs: number } | null {
  const { id, updated_at: updatedAt } = (raw ?? {}) as { id?: unknown; updated_at?: unknown };
  const updatedMs = typeof updatedAt === 'string' ? Date.parse(updatedAt) : Number.NaN;
  return typeof id === 'number' && Number.isFinite(updatedMs) ? { id, updatedMs } : null;
}

function pageCapError(since: string): SourceError {
  return new SourceError(
    'source_error',
    `More than ${FRESHDESK_MAX_PAGES} pages of Freshdesk tickets share the update second ${since}; Freshdesk lists no further than page ${FRESHDESK_MAX_PAGES} and filters by whole seconds, so Intake cannot read past it. Contact support with this run id.`,
    { since },
  );
}

function contractError(issue: { path: readonly PropertyKey[]; message: string } | undefined, what = 'ticket list', place = 'response'): SourceError {
  const field = issue?.path.map(String).join('.') || place;
  return new SourceError(
    'api_changed',
    `Freshdesk's ${what} ${place} does not match its documented format: \`${field}\` ${issue?.message ?? 'is invalid'}. The API may have changed; nothing from this response was written. Contact support with this run id.`,
    { field },
  );
}
