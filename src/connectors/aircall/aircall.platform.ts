import { simulatorRateLimit, type PlatformDefinition } from '../platform.js';
import { aircallContractHarness } from './aircall.contract.js';
import { aircallBaseUrl, aircallConnectionSchema, aircallCredentialsSchema, companyAccountName, DEFAULT_LOOKBACK_HOURS, MAX_LOOKBACK_HOURS, type AircallConnection, type AircallCredentials } from './aircall-connection.js';
import { createAircallConnector } from './aircall.connector.js';
import { AIRCALL_CHANNEL } from './aircall-mapping.js';
import { isAircallHost } from './aircall-profile.js';
import { AircallSimulator } from './aircall.simulator.js';

export const aircallPlatform: PlatformDefinition<AircallConnection, AircallCredentials> = {
  id: 'aircall',
  displayName: 'Aircall',
  referenceName: 'call id',
  connectionSchema: aircallConnectionSchema,
  credentialsSchema: aircallCredentialsSchema,
  // Empty until Aircall has said whose the API key is (bindAccount), unless the admin named it.
  sourceAccount: (connection) => connection.company ?? '',
  bindAccount: (connection, identity) => ({ ...connection, company: connection.company ?? identity.sourceAccount }),
  connectionProblems(connection, hostPolicy) {
    const problem = hostPolicy.problem(aircallBaseUrl(connection), isAircallHost);
    return problem ? [{ path: 'connection.baseUrl', message: problem }] : [];
  },
  createConnector: createAircallConnector,
  presentation: {
    noun: { one: 'call', many: 'calls' },
    // Aircall green, darkened until white letters on it reach 4.5:1.
    mark: { letters: 'Ac', colour: '#00704A' },
    summary:
      'Reads calls by the time they were created from Aircall’s call list, and re-reads a look-back window on every run, because a call changes after it is created (answered, ended, tagged, commented); authenticates with an API ID and token. Recording and voicemail links are never stored.',
    connectionFields: [
      {
        key: 'lookbackHours',
        label: 'Look-back window (hours)',
        help: `Each run re-reads the calls created this many hours before where the last run stopped, to pick up what changed since: answers, ends, tags and comments. Cost: one request per 50 calls in the window, on every run — a company taking 500 calls a day with 24 hours pays about 10 extra requests a run (Aircall allows about 60 a minute). Default ${DEFAULT_LOOKBACK_HOURS}, 1 to ${MAX_LOOKBACK_HOURS}. Changes made later than the window are not seen.`,
        placeholder: String(DEFAULT_LOOKBACK_HOURS),
        kind: 'text',
        required: false,
        // Folded with the other optional settings, so Reconnect can change it later (the form locks what is not).
        advanced: true,
        flag: '--lookback-hours',
      },
      {
        key: 'company',
        label: 'Company name in Intake',
        help: 'Optional: how Intake names this Aircall company ("acme"). Left empty, it is made from the company name Aircall answers, since Aircall’s API gives no company id.',
        placeholder: 'acme',
        kind: 'text',
        required: false,
        advanced: true,
        flag: '--company',
      },
      {
        key: 'baseUrl',
        label: 'Base URL',
        help: 'Only for a proxy or a simulator listed in INTAKE_EXTRA_SOURCE_HOSTS; leave empty to use https://api.aircall.io.',
        placeholder: 'https://api.aircall.io',
        kind: 'url',
        required: false,
        advanced: true,
        flag: '--base-url',
      },
    ],
    credentialVariants: [
      {
        kind: null,
        label: 'API key',
        help: 'An admin creates an API key in the Aircall Dashboard under Integrations & API › API Keys; the token is shown only once.',
        fields: [
          { key: 'apiId', label: 'API ID', help: 'Sent as the Basic-auth user name, over https only.', kind: 'text', required: true, flag: '--api-id' },
          { key: 'apiToken', label: 'API token', help: 'Sent as the Basic-auth password. Shown once when the key is created.', kind: 'secret', required: true, flag: '--api-token' },
        ],
      },
    ],
    statuses: [
      { value: 'initial', label: 'Ringing (initial)', normalised: 'open' },
      { value: 'answered', label: 'In progress (answered)', normalised: 'pending' },
      { value: 'done', label: 'Ended (done)', normalised: 'closed' },
    ],
    channels: [AIRCALL_CHANNEL],
    errorFixes: {
      auth_revoked: 'Reconnect with the API ID and token of an API key that exists (Integrations & API › API Keys in the Aircall Dashboard); deleting a key there revokes it.',
      forbidden: 'An Aircall admin must restore the company’s access to the Public API (its plan, or a suspended account).',
      rate_limited: 'Aircall allows about 60 requests a minute for the whole company, shared by every integration; a shorter look-back window spends fewer.',
    },
  },
  capabilities: { credentialsNeeded: true, fetchOne: true, backfill: true, detectsDeletions: false, directory: true },
  contract: aircallContractHarness,
  async startSimulator(options) {
    const rateLimit = simulatorRateLimit(options, { requests: 60, windowSeconds: 60 });
    const simulator = new AircallSimulator({
      companyName: options.account ?? 'Acme Calls',
      calls: options.contacts,
      seed: options.seed,
      maxPageSize: options.pageSize,
      rateLimit,
      ...(options.live ? { live: { epoch: new Date(), everyMs: 10_000, seed: options.seed } } : {}),
    });
    const url = await simulator.start(options.port, options.host);
    const company = companyAccountName(simulator.companyName);
    return {
      url,
      sourceAccount: company,
      connection: { company, baseUrl: url },
      credentials: simulator.credentials(),
      rateLimit,
      stop: () => simulator.stop(),
    };
  },
};
