import { simulatorRateLimit, type PlatformDefinition } from '../platform.js';
import { genesysContractHarness } from './genesys.contract.js';
import { DEFAULT_REQUERY_DAYS, GENESYS_REGION_DOMAINS, GENESYS_REGIONS, genesysApiBaseUrl, genesysConnectionSchema, genesysCredentialsSchema, genesysLoginBaseUrl, MAX_REQUERY_DAYS, type GenesysConnection, type GenesysCredentials } from './genesys-connection.js';
import { createGenesysConnector } from './genesys.connector.js';
import { isGenesysHost } from './genesys-profile.js';
import { GENESYS_MEDIA_TYPES } from './genesys-wire.js';
import { GenesysSimulator } from './genesys.simulator.js';

export const genesysPlatform: PlatformDefinition<GenesysConnection, GenesysCredentials> = {
  id: 'genesys',
  displayName: 'Genesys Cloud',
  referenceName: 'conversation id',
  connectionSchema: genesysConnectionSchema,
  credentialsSchema: genesysCredentialsSchema,
  // Empty until the OAuth client has said which organization it belongs to (bindAccount).
  sourceAccount: (connection) => connection.organizationId ?? '',
  bindAccount: (connection, identity) => ({ ...connection, organizationId: identity.sourceAccount }),
  connectionProblems(connection, hostPolicy) {
    const path = connection.baseUrl ? 'connection.baseUrl' : 'connection.region';
    for (const url of [genesysApiBaseUrl(connection), genesysLoginBaseUrl(connection)]) {
      const problem = hostPolicy.problem(url, isGenesysHost);
      if (problem) return [{ path, message: problem }];
    }
    return [];
  },
  createConnector: (context) => createGenesysConnector(context),

  presentation: {
    noun: { one: 'conversation', many: 'conversations' },
    mark: { letters: 'GC', colour: '#b3261e' },
    summary: `Reads the organization's conversations (calls, chats, emails, messages) through Genesys Cloud's conversation details: each run queries the last ${DEFAULT_REQUERY_DAYS} days again for conversations that ended since; backfills use analytics jobs. Needs an OAuth client (Client Credentials) in the organization's region.`,
    connectionFields: [
      {
        key: 'region',
        label: 'Region',
        help: "Where the organization is hosted, as Admin › Organization Settings shows it (the address you sign in at: mypurecloud.com is us-east-1). An OAuth client only works in its own region.",
        placeholder: 'us-east-1',
        kind: 'text',
        required: true,
        flag: '--region',
        options: GENESYS_REGIONS.map((region) => ({ value: region, label: `${region} (${GENESYS_REGION_DOMAINS[region]})` })),
      },
      {
        key: 'requeryDays',
        label: 'Re-query window (days)',
        help: `Each run reads the conversations that started in the last ${DEFAULT_REQUERY_DAYS} days again (Genesys selects conversations by their start day), so ones that ended since are imported. Raise it, up to ${MAX_REQUERY_DAYS}, when conversations stay open longer (emails); each day costs one more query page per run.`,
        placeholder: String(DEFAULT_REQUERY_DAYS),
        kind: 'text',
        required: false,
        advanced: true,
        flag: '--requery-days',
      },
      {
        key: 'organizationId',
        label: 'Organization id',
        help: 'Filled in from the OAuth client when left empty. Set it to make sure the client belongs to this organization.',
        kind: 'text',
        required: false,
        advanced: true,
        flag: '--organization-id',
      },
      {
        key: 'baseUrl',
        label: 'API base URL',
        help: "Only for a proxy or simulator listed in INTAKE_EXTRA_SOURCE_HOSTS; it then answers both the API and /oauth/token. By default the region's api. and login. hosts are called.",
        placeholder: 'https://api.mypurecloud.ie',
        kind: 'url',
        required: false,
        advanced: true,
        flag: '--base-url',
      },
    ],
    credentialVariants: [
      {
        kind: null,
        label: 'OAuth client (Client Credentials)',
        help: 'In Genesys Cloud: Admin › Integrations › OAuth › Add Client, grant type Client Credentials, with a role that has analytics:conversationDetail:view, directory:user:view and routing:wrapupCode:view.',
        fields: [
          { key: 'clientId', label: 'Client id', kind: 'text', required: true, flag: '--client-id' },
          { key: 'clientSecret', label: 'Client secret', kind: 'secret', required: true, flag: '--client-secret' },
        ],
      },
    ],
    statuses: [
      { value: 'active', label: 'Active (not ended yet)', normalised: 'open' },
      { value: 'ended', label: 'Ended', normalised: 'closed' },
    ],
    channels: [...GENESYS_MEDIA_TYPES],
    errorFixes: {
      auth_revoked: 'Check the region, then reconnect with the client id and secret of an OAuth client (Client Credentials grant) of this organization; a deleted client or a changed secret ends access.',
      auth_expired: "Reconnect with the OAuth client's current secret (Admin › Integrations › OAuth).",
      forbidden: "Give the OAuth client's role analytics:conversationDetail:view, directory:user:view and routing:wrapupCode:view, and make sure the organization's IP allowlist includes Intake's address.",
      not_found: 'Check the region and, if set, the base URL.',
      rate_limited: 'Nothing to do: Intake waits for the time Genesys Cloud names (a daily quota can mean tomorrow) and continues from where it stopped.',
      source_error: 'Nothing to do for a server error. For a report (analytics job) that failed or expired, run the backfill again: Intake asks for a new report.',
      api_changed: 'Contact support with the run id: Genesys Cloud answered in a shape Intake does not know.',
    },
  },
  capabilities: { credentialsNeeded: true, fetchOne: true, backfill: true, detectsDeletions: false, directory: true },

  contract: genesysContractHarness,
  async startSimulator(options) {
    const rateLimit = simulatorRateLimit(options, { requests: 300, windowSeconds: 60 });
    const simulator = new GenesysSimulator({
      ...(options.account ? { organizationId: options.account } : {}),
      conversations: options.contacts,
      seed: options.seed,
      ...(options.pageSize ? { maxPageSize: options.pageSize } : {}),
      rateLimit,
      ...(options.live ? { live: { epoch: new Date(), everyMs: 10_000, seed: options.seed } } : {}),
    });
    const url = await simulator.start(options.port, options.host);
    return {
      url,
      sourceAccount: simulator.organizationId,
      connection: { region: 'us-east-1', organizationId: simulator.organizationId, baseUrl: url },
      credentials: simulator.credentials,
      rateLimit,
      stop: () => simulator.stop(),
    };
  },
};
