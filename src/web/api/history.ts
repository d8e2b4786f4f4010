import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { HistoryView } from './types';

/** Who changed what and when, newest first. */
export function useIntegrationHistory(integrationId: string) {
  return useQuery({
    queryKey: keys.history(integrationId),
    queryFn: async () => (await api.get<HistoryView>(`/integrations/${encodeURIComponent(integrationId)}/history`)).entries,
  });
}
