import { simulatorRateLimit, type PlatformDefinition } from '../platform.js';
import { intercomContractHarness } from './intercom.contract.js';
import { intercomBaseUrl, intercomConnectionSchema, intercomCredentialsSchema, type IntercomConnection, type IntercomCredentials } from './intercom-connection.js';
import { createIntercomConnector } from './intercom.connector.js';
import { isIntercomHost } from './intercom-profile.js';
import { INTERCOM_SOURCE_TYPES } from './intercom-wire.js';
import { IntercomSimulator } from './intercom.simulator.js';

export const intercomPlatform: PlatformDefinition<IntercomConnection, IntercomCredentials> = {
  id: 'intercom',
  displayName: 'Intercom',
  referenceName: 'conversation id',
  connectionSchema: intercomConnectionSchema,
  credentialsSchema: intercomCredentialsSchema,
  // Empty until the access token has said which workspace it belongs to (bindAccount).
  sourceAccount: (connection) => connection.workspaceId ?? '',
  bindAccount: (connection, identity) => ({ ...connection, workspaceId: identity.sourceAccount }),
  connectionProblems(connection, hostPolicy) {
    const problem = hostPolicy.problem(intercomBaseUrl(connection), isIntercomHost);
    return problem ? [{ path: connection.baseUrl ? 'connection.baseUrl' : 'connection.region', message: problem }] : [];
  },
  createConnector: (context) => createIntercomConnector(context),

  presentation: {
    noun: { one: 'conversation', many: 'conversations' },
    mark: { letters: 'IC', colour: '#1d4ed8' },
    summary: "Reads the workspace's conversations through Intercom's conversation search — those changed since the last run — with an access token, in the US, EU or Australian region.",
    connectionFields: [
      {
        key: 'region',
        label: 'Region',
        help: 'Where the workspace is hosted: us (app.intercom.com), eu (app.eu.intercom.com) or au (app.au.intercom.com). An access token only works in its own region.',
        placeholder: 'us',
        kind: 'text',
        required: true,
        flag: '--region',
      },
      {
        key: 'workspaceId',
        label: 'Workspace id',
        help: 'Filled in from the access token when left empty. Set it to make sure the token belongs to this workspace (app.intercom.com/a/apps/<workspace id>).',
        kind: 'text',
        required: false,
        advanced: true,
        flag: '--workspace-id',
      },
      {
        key: 'baseUrl',
        label: 'API base URL',
        help: "Only for a proxy or simulator listed in INTAKE_EXTRA_SOURCE_HOSTS; by default the region's API host is called.",
        placeholder: 'https://api.eu.intercom.io',
        kind: 'url',
        required: false,
        advanced: true,
        flag: '--base-url',
      },
    ],
    credentialVariants: [
      {
        kind: null,
        label: 'Access token',
        help: 'The access token of an Intercom app installed in the workspace (a private app, or an OAuth install).',
        fields: [
          {
            key: 'accessToken',
            label: 'Access token',
            help: "In Intercom: Settings › Integrations › Developer Hub › your app › Configure › Authentication. The app needs permission to read conversations, admins and data attributes.",
            kind: 'secret',
            required: true,
            flag: '--access-token',
          },
        ],
      },
    ],
    statuses: [
      { value: 'open', label: 'Open', normalised: 'open' },
      { value: 'snoozed', label: 'Snoozed', normalised: 'pending' },
      { value: 'closed', label: 'Closed', normalised: 'closed' },
    ],
    channels: [...INTERCOM_SOURCE_TYPES],
    errorFixes: {
      auth_revoked: "Create a new access token in Intercom's Developer Hub (or reinstall the app) and reconnect the integration. If the token is new, check the region: a token only works in its workspace's region.",
      auth_expired: 'Reconnect the integration to authorise Intake again in Intercom.',
      forbidden: "Give the Intercom app permission to read conversations, admins and data attributes (Developer Hub › Configure › Authentication), or restore the workspace's subscription, then reconnect.",
      not_found: 'Check the region (us, eu or au) and, if set, the base URL.',
      rate_limited: 'Nothing to do: Intake waits for the window Intercom names and continues. Other apps on the workspace share its limit.',
      api_changed: 'Contact support with the run id: Intercom answered in a shape Intake does not know.',
    },
  },
  capabilities: { credentialsNeeded: true, fetchOne: true, backfill: true, detectsDeletions: true, directory: true },

  contract: intercomContractHarness,
  async startSimulator(options) {
    // Intercom counts in 10-second windows: 1,000 a minute for a private app is 166 per window.
    const rateLimit = simulatorRateLimit(options, { requests: 166, windowSeconds: 10 });
    const simulator = new IntercomSimulator({
      workspaceId: options.account ?? 'ecahpwf5',
      conversations: options.contacts,
      seed: options.seed,
      maxPageSize: options.pageSize,
      rateLimit,
      ...(options.live ? { live: { epoch: new Date(), everyMs: 10_000, seed: options.seed } } : {}),
    });
    const url = await simulator.start(options.port, options.host);
    return {
      url,
      sourceAccount: simulator.workspaceId,
      // The workspace is named, so the printed command adds it as it is.
      connection: { region: simulator.region, workspaceId: simulator.workspaceId, baseUrl: url },
      credentials: { accessToken: simulator.accessToken },
      rateLimit,
      stop: () => simulator.stop(),
    };
  },
};
