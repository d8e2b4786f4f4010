import type { ContactQuery, HealthQuery } from './types';

/** Query keys, in one place so mutations invalidate exactly what they change. */
export const keys = {
  session: ['session'] as const,
  platforms: ['platforms'] as const,
  integrations: ['integrations'] as const,
  integration: (id: string) => ['integrations', id] as const,
  customFields: (id: string) => ['integrations', id, 'custom-fields'] as const,
  runs: (integrationId: string, limit: number) => ['integrations', integrationId, 'runs', limit] as const,
  run: (id: string) => ['runs', id] as const,
  runDecisions: (id: string, outcome: string, reason: string) => ['runs', id, 'decisions', outcome, reason] as const,
  contacts: (query: ContactQuery) => ['contacts', 'list', query] as const,
  contactsByRef: (sourceRef: string, integrationId: string | null) => ['contacts', 'ref', sourceRef, integrationId] as const,
  contactSources: ['contacts', 'sources'] as const,
  contact: (id: string) => ['contacts', id] as const,
  decisions: (sourceRef: string) => ['decisions', sourceRef] as const,
  diagnosis: (sourceRef: string, integrationId: string | null) => ['diagnoses', sourceRef, integrationId] as const,
  history: (integrationId: string) => ['integrations', integrationId, 'history'] as const,
  health: (scope: string, query: HealthQuery) => ['health', scope, query] as const,
  alerts: (scope: string, state: 'open' | 'all') => ['alerts', scope, state] as const,
  users: ['users'] as const,
  apiTokens: ['api-tokens'] as const,
  workspace: ['workspace'] as const,
  notificationOptions: ['notifications', 'options'] as const,
  subscriptions: ['notifications', 'subscriptions'] as const,
  attempts: (id: string) => ['notifications', 'subscriptions', id, 'attempts'] as const,
};
