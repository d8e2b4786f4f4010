import type { MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { assertPageContract } from '../page-contract.js';
import type { ConnectorContext, DirectoryEntry, PlatformConnector, VerifiedIdentity } from '../platform.js';
import { describeScan, initialCheckpoint, isRescan, readCheckpoint, splitRange, startScan, writeCheckpoint, type AircallCheckpoint, type AircallScan } from './aircall-checkpoint.js';
import { aircallAuthHeader, aircallBaseUrl, companyAccountName, type AircallConnection, type AircallCredentials } from './aircall-connection.js';
import { mapAircallCall } from './aircall-mapping.js';
import { aircallProfile } from './aircall-profile.js';
import { AIRCALL_MAX_ITEMS, AIRCALL_MAX_PER_PAGE, aircallCompanySchema, aircallListSchema, aircallShowSchema, aircallUserListSchema, nextPageFromLink } from './aircall-wire.js';

const CALLS_PATH = '/v1/calls';
/**
 * A scan reads calls created up to this many seconds before the run starts: a call still being
 * written when the run asks is left to the next run (whose look-back reads it anyway).
 */
export const AIRCALL_SETTLE_SECONDS = 10;

/**
 * Reads calls by creation time (`GET /v1/calls?from=&to=`, oldest first, 50 a page), from where
 * the last run ended less the look-back window, because a call keeps changing after it is created
 * (answered, ended, tagged, commented). A range holding more calls than Aircall lists is split in
 * two, using the first page's `meta.total`. See docs/platforms/aircall.md.
 */
export function createAircallConnector(context: ConnectorContext<AircallConnection, AircallCredentials>): PlatformConnector {
  const { connection, credentials, http, clock } = context;
  const base = aircallBaseUrl(connection);
  const profile = aircallProfile(connection.company ?? null);
  const headers = { authorization: aircallAuthHeader(credentials) };
  // Aircall counts one budget per company, whatever the key; until the company is named, per key.
  const budgetKey = `aircall:${connection.company ?? credentials.apiId}:api`;
  const url = (path: string, query: Record<string, string> = {}) => {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u;
  };
  const get = (target: URL, signal?: AbortSignal) => http.request(profile, { url: target, headers, budgetKey, signal });

  async function company(signal?: AbortSignal): Promise<string> {
    const response = await get(url('/v1/company'), signal);
    const parsed = aircallCompanySchema.safeParse(response.body);
    if (!parsed.success) throw contractError(parsed.error.issues[0], 'company');
    return parsed.data.company.name;
  }

  return {
    // The figure most sources give (60 a minute per company); the headers pace the real one.
    rateLimit: { requests: 60, perSeconds: 60 },

    async *readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage> {
      let checkpoint: AircallCheckpoint = from.checkpoint ? readCheckpoint(from.checkpoint) : initialCheckpoint();
      const lookback = connection.lookbackHours;
      const startSeconds = Math.floor(from.startDate.getTime() / 1000);
      const until = Math.floor(clock.now().getTime() / 1000) - AIRCALL_SETTLE_SECONDS;
      // A run that resumes a scan an earlier run left unfinished reads its rest, then a fresh scan:
      // what changed while the first run was stopped is read too, so a run that succeeds has seen
      // everything up to its start (the look-back window's changes included).
      let scans = checkpoint.scan ? 2 : 1;
      while (scans > 0) {
        scans -= 1;
        let scan = checkpoint.scan ?? startScan(checkpoint.reachedTo, startSeconds, lookback, until);
        checkpoint = { ...checkpoint, scan };
        while (scan.ranges.length > 0) {
          const range = scan.ranges[0]!;
          const response = await get(
            url(CALLS_PATH, { from: String(range[0]), to: String(range[1]), order: 'asc', per_page: String(AIRCALL_MAX_PER_PAGE), ...(scan.page > 1 ? { page: String(scan.page) } : {}) }),
            signal,
          );
          const rescan = isRescan(scan, range);
          scan = rescan ? { ...scan, rescanRequests: scan.rescanRequests + 1 } : { ...scan, newRequests: scan.newRequests + 1 };
          const list = aircallListSchema.safeParse(response.body);
          if (!list.success) throw contractError(list.error.issues[0], 'call list');
          const { calls, meta } = list.data;

          // Aircall lists no more than 10,000 calls however it is paged, and says nothing when it
          // stops: a range that holds more is read as two halves instead.
          if (scan.page === 1 && meta.total > AIRCALL_MAX_ITEMS) {
            // Oldest first: nothing in the range is older than the first call listed, so the halves start there.
            const first = (calls[0] as { started_at?: unknown } | undefined)?.started_at;
            const halves = splitRange([typeof first === 'number' && first > range[0] && first <= range[1] ? Math.floor(first) : range[0], range[1]]);
            if (!halves) throw ceilingError(range[0], meta.total);
            scan = { ...scan, ranges: [...halves, ...scan.ranges.slice(1)], splits: scan.splits + 1 };
            continue;
          }

          const nextPage = nextPageFromLink(meta.next_page_link);
          if (Number.isNaN(nextPage)) throw contractError({ path: ['meta', 'next_page_link'], message: 'names no page number' }, 'call list');
          const records: MappedRecord[] = calls.map(mapAircallCall);
          assertPageContract(records, 'Aircall', 'call');
          if (rescan) scan = { ...scan, rescanCalls: scan.rescanCalls + calls.length };
          scan = nextPage === null ? { ...scan, ranges: scan.ranges.slice(1), page: 1 } : { ...scan, page: nextPage };

          const done = scan.ranges.length === 0;
          checkpoint = done ? finished(scan, lookback) : { ...checkpoint, scan, note: describeScan(scan, lookback, false) };
          // A page of nothing moves nothing worth a commit; the end of a range does.
          if (records.length > 0 || nextPage === null) yield { records, checkpoint: writeCheckpoint(checkpoint), ...(done ? { reachedAt: isoOf(scan.to) } : {}) };
        }
        if (checkpoint.scan) {
          // A scan with nothing to read (the start date is ahead): finished as it began.
          checkpoint = finished(scan, lookback);
          yield { records: [], checkpoint: writeCheckpoint(checkpoint), reachedAt: isoOf(scan.to) };
        }
      }
    },

    async verifyCredentials(signal?: AbortSignal): Promise<VerifiedIdentity> {
      // /v1/ping answers 200 to valid credentials and 401 otherwise; /v1/company names whose they are.
      await get(url('/v1/ping'), signal);
      const name = await company(signal);
      return { sourceAccount: connection.company ?? companyAccountName(name), principal: `${name} (an Aircall API key)` };
    },

    /** The company's users (`GET /v1/users`, 50 a page): a call's agent is its `user.id`. */
    async listAgents(signal?: AbortSignal): Promise<DirectoryEntry[]> {
      const agents: DirectoryEntry[] = [];
      for (let page: number | null = 1; page !== null; ) {
        const response = await get(url('/v1/users', { per_page: String(AIRCALL_MAX_PER_PAGE), ...(page > 1 ? { page: String(page) } : {}) }), signal);
        const list = aircallUserListSchema.safeParse(response.body);
        if (!list.success) throw contractError(list.error.issues[0], 'user list');
        for (const user of list.data.users) agents.push({ id: String(user.id), name: user.name?.trim() || `User ${user.id}`, detail: user.email ?? null });
        const next = nextPageFromLink(list.data.meta.next_page_link);
        if (Number.isNaN(next) || (next !== null && next <= page)) throw contractError({ path: ['meta', 'next_page_link'], message: 'names no later page' }, 'user list');
        page = next;
      }
      return agents;
    },

    async fetchOne(sourceRef: string, signal?: AbortSignal): Promise<MappedRecord | null> {
      if (!/^[1-9]\d{0,18}$/.test(sourceRef)) return null;
      try {
        const response = await get(url(`${CALLS_PATH}/${sourceRef}`), signal);
        const shown = aircallShowSchema.safeParse(response.body);
        if (!shown.success) throw contractError(shown.error.issues[0], 'call');
        return mapAircallCall(shown.data.call);
      } catch (error) {
        if (error instanceof SourceError && error.category === 'not_found' && error.detail.status === 404) {
          // The company answered, so the 404 is about the call — unless the address itself is wrong.
          await get(url('/v1/ping'), signal);
          return null;
        }
        throw error;
      }
    },
  };
}

function finished(scan: AircallScan, lookbackHours: number): AircallCheckpoint {
  return { v: 1, reachedTo: scan.to, scan: null, note: describeScan(scan, lookbackHours, true) };
}

function isoOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function ceilingError(second: number, total: number): SourceError {
  const at = new Date(second * 1000).toISOString();
  return new SourceError(
    'source_error',
    `Aircall holds ${total} calls created in the one second ${at}, more than the ${AIRCALL_MAX_ITEMS} its call list returns, so Intake cannot read them all. Contact support with this run id.`,
    { second: at, total },
  );
}

function contractError(issue: { path: readonly PropertyKey[]; message: string } | undefined, what: string): SourceError {
  const field = issue?.path.map(String).join('.') || 'response';
  return new SourceError(
    'api_changed',
    `Aircall's ${what} response does not match its documented format: \`${field}\` ${issue?.message ?? 'is invalid'}. The API may have changed; nothing from this response was written. Contact support with this run id.`,
    { field },
  );
}
