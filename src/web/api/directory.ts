import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IntegrationDirectoryView } from '../../api/contract/directory';
import { api } from './client';
import { keys } from './keys';

export type { DirectoryEntryView, IntegrationDirectoryView } from '../../api/contract/directory';

const directoryKey = (integrationId: string) => ['integrations', integrationId, 'directory'] as const;
const path = (integrationId: string) => `/integrations/${encodeURIComponent(integrationId)}/directory`;

/** An integration's agents (and, for managers, custom fields) by name, as the platform last listed them. */
export function useDirectory(integrationId: string | null, enabled = true) {
  return useQuery({
    queryKey: directoryKey(integrationId ?? ''),
    queryFn: () => api.get<IntegrationDirectoryView>(path(integrationId!)),
    enabled: enabled && Boolean(integrationId),
    staleTime: 5 * 60_000,
  });
}

/** "Refresh from the platform": reads the agents and custom fields now. */
export function useRefreshDirectory(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<IntegrationDirectoryView>(`${path(integrationId)}/refresh`),
    onSuccess: (directory) => {
      client.setQueryData(directoryKey(integrationId), directory);
      // The integration's settings problems follow the directory.
      void client.invalidateQueries({ queryKey: keys.integration(integrationId), exact: true });
      void client.invalidateQueries({ queryKey: keys.integrations, exact: true });
    },
  });
}

/**
 * Agent names for the contacts of several integrations (the contacts list spans them): a lookup
 * that answers null until an integration's directory has arrived, or when it does not know the id.
 */
export function useAgentNames(integrationIds: ReadonlyArray<string | null>): (integrationId: string | null, agentId: string | null) => string | null {
  const ids = [...new Set(integrationIds.filter((id): id is string => Boolean(id)))].sort();
  const results = useQueries({
    queries: ids.map((id) => ({ queryKey: directoryKey(id), queryFn: () => api.get<IntegrationDirectoryView>(path(id)), staleTime: 5 * 60_000 })),
  });
  const byIntegration = new Map<string, Map<string, string>>();
  results.forEach((result, i) => {
    if (result.data) byIntegration.set(ids[i]!, new Map(result.data.agents.map((a) => [a.id, a.name])));
  });
  return (integrationId, agentId) => (integrationId && agentId ? (byIntegration.get(integrationId)?.get(agentId) ?? null) : null);
}
