import { simulatorRateLimit, type PlatformDefinition } from '../platform.js';
import { talkdeskContractHarness } from './talkdesk.contract.js';
import { talkdeskApiBase, talkdeskConnectionSchema, talkdeskCredentialsSchema, talkdeskTokenUrl, type TalkdeskConnection, type TalkdeskCredentials } from './talkdesk-connection.js';
import { createTalkdeskConnector } from './talkdesk.connector.js';
import { isTalkdeskHost } from './talkdesk-profile.js';
import { TalkdeskSimulator } from './talkdesk.simulator.js';

export const talkdeskPlatform: PlatformDefinition<TalkdeskConnection, TalkdeskCredentials> = {
  id: 'talkdesk',
  displayName: 'Talkdesk',
  referenceName: 'call id',
  connectionSchema: talkdeskConnectionSchema,
  credentialsSchema: talkdeskCredentialsSchema,
  sourceAccount: (connection) => connection.account,
  connectionProblems(connection, hostPolicy) {
    const problem = hostPolicy.problem(talkdeskApiBase(connection), isTalkdeskHost) ?? hostPolicy.problem(talkdeskTokenUrl(connection), isTalkdeskHost);
    return problem ? [{ path: connection.baseUrl ? 'connection.baseUrl' : 'connection.account', message: problem }] : [];
  },
  createConnector: (context) => createTalkdeskConnector(context),
  presentation: {
    noun: { one: 'call', many: 'calls' },
    // Talkdesk purple, dark enough for white letters at 4.5:1.
    mark: { letters: 'Td', colour: '#5b21b6' },
    summary:
      "Reads the calls that ended since the last run from Talkdesk's Explore calls report — Intake asks Talkdesk to prepare the report, waits for it, then downloads it — with an OAuth client's id and secret.",
    connectionFields: [
      {
        key: 'account',
        label: 'Talkdesk account',
        help: 'The part before .talkdeskid.com in your login address: "acme" for acme.talkdeskid.com.',
        placeholder: 'acme',
        kind: 'text',
        required: true,
        flag: '--account',
      },
      {
        key: 'baseUrl',
        label: 'Base URL',
        help: 'Only for a proxy or a simulator listed in INTAKE_EXTRA_SOURCE_HOSTS (it serves /oauth/token and the API); leave empty to use Talkdesk’s own hosts.',
        placeholder: 'https://api.talkdeskapp.com',
        kind: 'url',
        required: false,
        advanced: true,
        flag: '--base-url',
      },
    ],
    credentialVariants: [
      {
        kind: null,
        label: 'OAuth client',
        help: 'In Talkdesk: Admin › API › OAuth clients › Add client, grant type "Client credentials", scopes data-reports:read and data-reports:write.',
        fields: [
          { key: 'clientId', label: 'Client id', kind: 'text', required: true, flag: '--client-id' },
          { key: 'clientSecret', label: 'Client secret', help: 'Shown once, when the client is created.', kind: 'secret', required: true, flag: '--client-secret' },
        ],
      },
    ],
    statuses: [
      { value: 'Valid', label: 'Ended (data complete)', normalised: 'closed' },
      { value: 'Processing', label: 'Ended (data still being computed)', normalised: 'pending' },
    ],
    channels: ['voice'],
    errorFixes: {
      auth_revoked: 'Reconnect with the id and secret of an active OAuth client (Talkdesk Admin › API); regenerating the secret there revokes the old one.',
      forbidden: 'Give the OAuth client the scopes data-reports:read and data-reports:write in Talkdesk Admin › API. A scope just added takes a few minutes to work.',
      not_found: 'Check the account name: the part before .talkdeskid.com.',
      rate_limited: 'Talkdesk publishes no rate limit; Intake waits as long as Talkdesk asks and continues.',
      source_error: 'Talkdesk could not prepare or keep a report. Nothing is lost: the next run asks for it again.',
    },
  },
  // The calls report cannot fetch one call by id, and never shows a deletion.
  capabilities: { credentialsNeeded: true, fetchOne: false, backfill: true, detectsDeletions: false, directory: false },
  contract: talkdeskContractHarness,
  async startSimulator(options) {
    const rateLimit = simulatorRateLimit(options, { requests: 60, windowSeconds: 60 });
    const simulator = new TalkdeskSimulator({
      account: options.account ?? 'acme',
      calls: options.contacts,
      seed: options.seed,
      maxPageSize: options.pageSize ?? null,
      rateLimit,
      processingMs: 2_000,
      ...(options.live ? { live: { epoch: new Date(), everyMs: 10_000 } } : {}),
    });
    const url = await simulator.start(options.port, options.host);
    return { url, sourceAccount: simulator.account, connection: { account: simulator.account, baseUrl: url }, credentials: simulator.credentials(), rateLimit, stop: () => simulator.stop() };
  },
};
