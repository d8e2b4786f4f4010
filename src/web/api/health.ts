import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { AlertListView, AlertsQuery, HealthQuery, HealthView, WorkspaceHealthView } from './types';

/**
 * Import history per hour or day: one integration's, or (integrationId null) the workspace's —
 * which also holds each integration's totals.
 */
export function useHealth(integrationId: string | null, query: HealthQuery) {
  const path = integrationId ? `/integrations/${encodeURIComponent(integrationId)}/health` : '/health';
  return useQuery({
    queryKey: keys.health(integrationId ?? 'workspace', query),
    queryFn: () => api.get<HealthView & Partial<Pick<WorkspaceHealthView, 'integrations'>>>(path, query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Volume and no-import alerts: open ones, or all (open and closed). */
export function useAlerts(integrationId: string | null, state: 'open' | 'all') {
  return useQuery({
    queryKey: keys.alerts(integrationId ?? 'workspace', state),
    queryFn: async () => {
      const query: AlertsQuery = { integrationId: integrationId ?? undefined, state };
      return (await api.get<AlertListView>('/alerts', query)).alerts;
    },
    refetchInterval: 60_000,
  });
}
