import { simulatorRateLimit, type PlatformDefinition } from '../platform.js';
import { zendeskContractHarness } from './zendesk.contract.js';
import { zendeskBaseUrl, zendeskConnectionSchema, zendeskCredentialsSchema, type ZendeskConnection, type ZendeskCredentials } from './zendesk-connection.js';
import { createZendeskConnector } from './zendesk.connector.js';
import { ZENDESK_HOST } from './zendesk-profile.js';
import { ZendeskSimulator } from './zendesk.simulator.js';

export const zendeskPlatform: PlatformDefinition<ZendeskConnection, ZendeskCredentials> = {
  id: 'zendesk',
  displayName: 'Zendesk',
  referenceName: 'ticket id',
  connectionSchema: zendeskConnectionSchema,
  credentialsSchema: zendeskCredentialsSchema,
  sourceAccount: (connection) => connection.subdomain,
  connectionProblems(connection, hostPolicy) {
    const problem = hostPolicy.problem(zendeskBaseUrl(connection), (host) => ZENDESK_HOST.test(host));
    return problem ? [{ path: 'connection.baseUrl', message: problem }] : [];
  },
  createConnector: createZendeskConnector,
  presentation: {
    noun: { one: 'ticket', many: 'tickets' },
    // Zendesk's dark green: white letters on it reach well over 4.5:1.
    mark: { letters: 'Z', colour: '#03363d' },
    summary: "Reads every ticket change since the last run through Zendesk's incremental ticket export (admins only), deleted tickets included; authenticates with an admin's API token or an OAuth access token.",
    connectionFields: [
      {
        key: 'subdomain',
        label: 'Zendesk subdomain',
        help: 'The part before .zendesk.com in your help desk address: "acme" for acme.zendesk.com.',
        placeholder: 'acme',
        kind: 'text',
        required: true,
        flag: '--subdomain',
      },
      {
        key: 'baseUrl',
        label: 'Base URL',
        help: 'Only for a proxy or a simulator allowed with `intake source-hosts allow`; leave empty to use https://<subdomain>.zendesk.com.',
        placeholder: 'https://acme.zendesk.com',
        kind: 'url',
        required: false,
        advanced: true,
        flag: '--base-url',
      },
    ],
    credentialVariants: [
      {
        kind: 'api_token',
        label: 'API token',
        help: 'An admin\'s email and an API token (Admin Center › Apps and integrations › APIs › Zendesk API). The incremental export is allowed for admins only.',
        fields: [
          { key: 'email', label: 'Admin email', help: 'The email address of the Zendesk admin who owns the token.', placeholder: 'admin@acme.com', kind: 'email', required: true, flag: '--email' },
          { key: 'token', label: 'API token', help: 'Sent over https only, stored encrypted, never shown again.', kind: 'secret', required: true, flag: '--token' },
        ],
      },
      {
        kind: 'oauth',
        label: 'OAuth access token',
        help: 'An OAuth access token with the "read" scope, issued to an admin.',
        fields: [{ key: 'accessToken', label: 'Access token', help: 'Sent over https only, stored encrypted, never shown again.', kind: 'secret', required: true, flag: '--oauth-token' }],
      },
    ],
    statuses: [
      { value: 'new', label: 'New', normalised: 'open' },
      { value: 'open', label: 'Open', normalised: 'open' },
      { value: 'pending', label: 'Pending', normalised: 'pending' },
      { value: 'hold', label: 'On-hold', normalised: 'pending' },
      { value: 'solved', label: 'Solved', normalised: 'solved' },
      { value: 'closed', label: 'Closed', normalised: 'closed' },
      { value: 'deleted', label: 'Deleted', normalised: 'deleted' },
    ],
    channels: ['email', 'web', 'api', 'chat', 'voice', 'native_messaging', 'mobile', 'twitter', 'facebook', 'sms', 'whatsapp'],
    errorFixes: {
      auth_expired: 'Reconnect with a new OAuth access token; the next run then catches up from the checkpoint.',
      auth_revoked: "Reconnect with a new API token (Admin Center › Apps and integrations › APIs › Zendesk API) and its admin's email; the next run then catches up from the checkpoint.",
      forbidden: "Reconnect with the credentials of a Zendesk admin: the incremental export is allowed for admins only.",
      not_found: 'Check the subdomain (the part before .zendesk.com); the account may have been renamed or closed.',
      rate_limited: "Nothing to do: Zendesk allows 10 export requests a minute (30 with High Volume), and the next run resumes where this one stopped.",
    },
  },
  capabilities: { credentialsNeeded: true, fetchOne: true, backfill: true, detectsDeletions: true, directory: true },
  contract: zendeskContractHarness,
  async startSimulator(options) {
    // The incremental export's own limit: 10 requests a minute.
    const rateLimit = simulatorRateLimit(options, { requests: 10, windowSeconds: 60 });
    const simulator = new ZendeskSimulator({
      subdomain: options.account ?? 'acme',
      tickets: options.contacts,
      seed: options.seed,
      maxPageSize: options.pageSize,
      rateLimit,
      ...(options.live ? { live: { epoch: new Date(), everyMs: 10_000, seed: options.seed } } : {}),
    });
    const url = await simulator.start(options.port, options.host);
    return {
      url,
      sourceAccount: simulator.subdomain,
      connection: { subdomain: simulator.subdomain, baseUrl: url },
      credentials: simulator.apiTokenCredentials(),
      rateLimit,
      stop: () => simulator.stop(),
    };
  },
};
