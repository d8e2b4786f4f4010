import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { DecisionOutcome, RunDecisionPageView, RunDecisionsQuery, RunListQuery, RunListView, RunView } from './types';

const TERMINAL = new Set(['succeeded', 'partial', 'failed', 'cancelled', 'interrupted']);

/** The newest runs of an integration; polled while one of them is running. */
export function useRuns(integrationId: string, limit: number, options: { enabled?: boolean; live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.runs(integrationId, limit),
    queryFn: async () => {
      const query: RunListQuery = { limit };
      return (await api.get<RunListView>(`/integrations/${encodeURIComponent(integrationId)}/runs`, query)).runs;
    },
    enabled: options.enabled ?? true,
    refetchInterval: (query) => (options.live || query.state.data?.some((r) => r.status === 'running' || r.status === 'queued') ? 2_000 : false),
  });
}

export function useRun(id: string) {
  return useQuery({
    queryKey: keys.run(id),
    queryFn: () => api.get<RunView>(`/runs/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && !TERMINAL.has(query.state.data.status) ? 2_000 : false),
  });
}

const PAGE = 50;

/** A run's decisions, filtered by outcome and reason, page after page ("Load more"). */
export function useRunDecisions(runId: string, outcome: DecisionOutcome | '', reason: string) {
  return useInfiniteQuery({
    queryKey: keys.runDecisions(runId, outcome, reason),
    queryFn: ({ pageParam }) => {
      const query: RunDecisionsQuery = { outcome: outcome || undefined, reason: reason || undefined, after: pageParam ?? undefined, limit: PAGE };
      return api.get<RunDecisionPageView>(`/runs/${encodeURIComponent(runId)}/decisions`, query);
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextAfter,
  });
}

const HISTORY_PAGE = 25;

/** An integration's runs, newest first, older pages on demand. */
export function useRunHistory(integrationId: string) {
  return useInfiniteQuery({
    queryKey: ['integrations', integrationId, 'runs', 'history'],
    queryFn: async ({ pageParam }) => {
      const query: RunListQuery = { limit: HISTORY_PAGE, before: pageParam ?? undefined };
      return (await api.get<RunListView>(`/integrations/${encodeURIComponent(integrationId)}/runs`, query)).runs;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.length < HISTORY_PAGE ? null : (last.at(-1)?.startedAt ?? null)),
    refetchInterval: (query) => (query.state.data?.pages[0]?.some((r) => r.status === 'running' || r.status === 'queued') ? 2_000 : false),
  });
}
