import type { ReadFrom, SourcePage } from '../../core/ports.js';
import type { ConnectorContext, PlatformConnector, VerifiedIdentity } from '../platform.js';
import { createTalkdeskApi } from './talkdesk-api.js';
import type { TalkdeskConnection, TalkdeskCredentials } from './talkdesk-connection.js';
import { DEFAULT_REPORT_TUNING, readTalkdeskReport, type ReportReadTuning } from './talkdesk-report-read.js';
import { DEFAULT_TOKEN_TUNING, type TokenTuning } from './talkdesk-token.js';
import { TALKDESK_REPORT } from './talkdesk-wire.js';

export interface TalkdeskTuning extends ReportReadTuning, TokenTuning {}

/**
 * Reads calls from one Talkdesk account through the Explore calls report (asynchronous jobs).
 * There is no way to fetch one call by id, so no `fetchOne`: the platform says so in its
 * capabilities. See docs/platforms/talkdesk.md.
 */
export function createTalkdeskConnector(context: ConnectorContext<TalkdeskConnection, TalkdeskCredentials>, tuning: Partial<TalkdeskTuning> = {}): PlatformConnector {
  const { connection, credentials, http, clock } = context;
  const all = { ...DEFAULT_REPORT_TUNING, ...DEFAULT_TOKEN_TUNING, ...tuning };
  const api = createTalkdeskApi(context, all);

  return {
    readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage> {
      return readTalkdeskReport(api, http, clock, from, all, signal);
    },

    async verifyCredentials(signal?: AbortSignal): Promise<VerifiedIdentity> {
      // The token comes from the account's own host, so it proves the account; listing recent
      // report jobs proves the scope data-reports:read without starting a report.
      await api.request('GET', `/data/reports/${TALKDESK_REPORT}/jobs?per_page=1`, undefined, signal);
      return { sourceAccount: connection.account, principal: `OAuth client ${credentials.clientId}` };
    },
  };
}
