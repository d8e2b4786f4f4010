import type { PlatformDefinition } from '../platform.js';
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
  async startSimulator(options) {
    const simulator = new ZendeskSimulator({
      subdomain: options.account ?? 'acme',
      tickets: options.contacts,
      seed: options.seed,
      maxPageSize: options.pageSize,
      rateLimit: options.rateLimit === null ? null : { requests: options.rateLimit, windowSeconds: options.windowSeconds },
      ...(options.live ? { live: { epoch: new Date(), everyMs: 10_000, seed: options.seed } } : {}),
    });
    const url = await simulator.start(options.port, options.host);
    return {
      url,
      sourceAccount: simulator.subdomain,
      connection: { subdomain: simulator.subdomain, baseUrl: url },
      credentials: simulator.apiTokenCredentials(),
      stop: () => simulator.stop(),
    };
  },
};
