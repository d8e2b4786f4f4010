import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { BackfillInput, RunListQuery, RunListView, RunView } from './types';

/** Starts a backfill or its preview; it runs in the background and is watched with `useWatchedRun`. */
export function useStartBackfill(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BackfillInput) => api.post<RunView>(`/integrations/${encodeURIComponent(integrationId)}/backfills`, input),
    onSuccess: (run) => {
      client.setQueryData(keys.run(run.id), run);
      void client.invalidateQueries({ queryKey: ['integrations', integrationId, 'runs'] });
    },
  });
}

/** Cancels a running backfill: it stops after the page it is writing. */
export function useCancelRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => api.post<RunView>(`/runs/${encodeURIComponent(runId)}/cancel`),
    onSuccess: (run) => client.setQueryData(keys.run(run.id), run),
  });
}

/** A run followed closely (every second) until it ends: a preview or a backfill being watched. */
export function useWatchedRun(id: string | null) {
  return useQuery({
    queryKey: keys.run(id ?? ''),
    queryFn: () => api.get<RunView>(`/runs/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'running' || query.state.data?.status === 'queued' ? 1_000 : false),
  });
}

const RECENT = 20;

/** The integration's recent backfills and previews, newest first (to resume or keep watching one). */
export function useRecentBackfills(integrationId: string) {
  return useQuery({
    queryKey: [...keys.runs(integrationId, RECENT), 'backfill'] as const,
    queryFn: async () => {
      const query: RunListQuery = { limit: RECENT, kind: 'backfill' };
      return (await api.get<RunListView>(`/integrations/${encodeURIComponent(integrationId)}/runs`, query)).runs;
    },
  });
}
