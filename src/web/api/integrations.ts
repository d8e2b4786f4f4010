import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { pollInterval } from './polling';
import type { CustomFieldsView, IntegrationListView, IntegrationView } from './types';

export function useIntegrations(enabled = true) {
  return useQuery({
    queryKey: keys.integrations,
    queryFn: async () => (await api.get<IntegrationListView>('/integrations')).integrations,
    refetchInterval: (query) => pollInterval(query.state.data?.some((i) => i.running) ?? false),
    enabled,
  });
}

export function useIntegration(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.integration(id),
    queryFn: () => api.get<IntegrationView>(`/integrations/${encodeURIComponent(id)}`),
    refetchInterval: (query) => pollInterval(query.state.data?.running ?? false),
    enabled: enabled && id !== '',
  });
}

/** Custom fields the source has sent, each with sample values (for the filter builder). */
export function useCustomFields(id: string | null) {
  return useQuery({
    queryKey: keys.customFields(id ?? ''),
    queryFn: async () => (await api.get<CustomFieldsView>(`/integrations/${encodeURIComponent(id!)}/custom-fields`)).customFields,
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}
