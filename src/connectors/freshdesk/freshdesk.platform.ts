import { simulatorRateLimit, type PlatformDefinition } from '../platform.js';
import { freshdeskContractHarness } from './freshdesk.contract.js';
import { freshdeskBaseUrl, freshdeskConnectionSchema, freshdeskCredentialsSchema, type FreshdeskConnection, type FreshdeskCredentials } from './freshdesk-connection.js';
import { createFreshdeskConnector } from './freshdesk.connector.js';
import { FRESHDESK_HOST } from './freshdesk-profile.js';
import { FreshdeskSimulator } from './freshdesk.simulator.js';
import { FRESHDESK_SOURCES } from './freshdesk-wire.js';

/** A ticket list with include=stats costs 1 credit and 2 for the embedded stats. */
const LIST_REQUEST_CREDITS = 3;

export const freshdeskPlatform: PlatformDefinition<FreshdeskConnection, FreshdeskCredentials> = {
  id: 'freshdesk',
  displayName: 'Freshdesk',
  referenceName: 'ticket id',
  connectionSchema: freshdeskConnectionSchema,
  credentialsSchema: freshdeskCredentialsSchema,
  sourceAccount: (connection) => connection.domain,
  connectionProblems(connection, hostPolicy) {
    const problem = hostPolicy.problem(freshdeskBaseUrl(connection), (host) => FRESHDESK_HOST.test(host));
    return problem ? [{ path: 'connection.baseUrl', message: problem }] : [];
  },
  createConnector: createFreshdeskConnector,
  presentation: {
    noun: { one: 'ticket', many: 'tickets' },
    // Freshdesk green, darkened until white letters on it reach 4.5:1.
    mark: { letters: 'Fd', colour: '#0B6E4F' },
    summary:
      'Reads tickets changed since the last run from the Freshdesk ticket list (newest changes last), then the trash and spam, so deleted tickets are recorded as deleted; authenticates with an agent’s API key.',
    connectionFields: [
      {
        key: 'domain',
        label: 'Freshdesk domain',
        help: 'The part before .freshdesk.com in your help desk address: "acme" for acme.freshdesk.com.',
        placeholder: 'acme',
        kind: 'text',
        required: true,
        flag: '--domain',
      },
      {
        key: 'baseUrl',
        label: 'Base URL',
        help: 'Only for a proxy or a simulator listed in INTAKE_EXTRA_SOURCE_HOSTS; leave empty to use https://<domain>.freshdesk.com.',
        placeholder: 'https://acme.freshdesk.com',
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
        help: 'Use the key of an agent with Global ticket access (an administrator is simplest): in Freshdesk, click the profile picture, then Profile settings › View API key.',
        fields: [
          {
            key: 'apiKey',
            label: 'API key',
            help: 'Found under Profile settings › View API key. Intake sends it as the Basic-auth user name, over https only.',
            kind: 'secret',
            required: true,
            flag: '--api-key',
          },
        ],
      },
    ],
    statuses: [
      { value: '2', label: 'Open', normalised: 'open' },
      { value: '3', label: 'Pending', normalised: 'pending' },
      { value: '4', label: 'Resolved', normalised: 'solved' },
      { value: '5', label: 'Closed', normalised: 'closed' },
      { value: 'spam', label: 'Spam', normalised: 'deleted' },
      { value: 'deleted', label: 'Deleted (in trash)', normalised: 'deleted' },
    ],
    channels: Object.values(FRESHDESK_SOURCES),
    errorFixes: {
      auth_revoked: 'Reconnect with the API key shown under Profile settings › View API key of an active agent; resetting a key there revokes the old one.',
      forbidden: 'Reconnect with the API key of an agent with Global ticket access, such as an administrator.',
      not_found: 'Check the domain: the part before .freshdesk.com. Custom help desk addresses do not work with the API.',
      rate_limited: 'Freshdesk’s API budget is shared by every app on the account; Intake resumes when it refills. Fewer apps, or a plan with more credits, help.',
    },
  },
  capabilities: { credentialsNeeded: true, fetchOne: true, backfill: true, detectsDeletions: true, directory: true },
  contract: freshdeskContractHarness,
  async startSimulator(options) {
    // 200 credits a minute (the Growth plan), counted in ticket lists.
    const rateLimit = simulatorRateLimit(options, { requests: Math.floor(200 / LIST_REQUEST_CREDITS), windowSeconds: 60 });
    const simulator = new FreshdeskSimulator({
      domain: options.account ?? 'acme',
      tickets: options.contacts,
      seed: options.seed,
      maxPageSize: options.pageSize,
      // The shell counts requests to the list; Freshdesk's budget counts credits.
      rateLimit: rateLimit && { credits: rateLimit.requests * LIST_REQUEST_CREDITS, windowSeconds: rateLimit.windowSeconds },
      ...(options.live ? { live: { epoch: new Date(), everyMs: 10_000, seed: options.seed } } : {}),
    });
    const url = await simulator.start(options.port, options.host);
    return {
      url,
      sourceAccount: simulator.domain,
      connection: { domain: simulator.domain, baseUrl: url },
      credentials: simulator.credentials(),
      rateLimit,
      stop: () => simulator.stop(),
    };
  },
};
