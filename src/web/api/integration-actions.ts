import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { expectActivity } from './polling';
import type { IntegrationView, RunView } from './types';

const path = (id: string, rest = '') => `/integrations/${encodeURIComponent(id)}${rest}`;

/** Puts a changed integration into the caches that show it. */
function useStoreIntegration() {
  const client = useQueryClient();
  return (integration: IntegrationView) => {
    client.setQueryData(keys.integration(integration.id), integration);
    client.setQueryData<IntegrationView[]>(keys.integrations, (list) => list?.map((i) => (i.id === integration.id ? integration : i)));
    void client.invalidateQueries({ queryKey: keys.integrations, exact: true });
  };
}

export function useRunNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RunView>(path(id, '/runs')),
    onSuccess: (run) => {
      expectActivity();
      void client.invalidateQueries({ queryKey: keys.integrations });
      void client.invalidateQueries({ queryKey: ['integrations', run.integrationId, 'runs'] });
    },
  });
}

export function usePause() {
  const store = useStoreIntegration();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) => api.post<IntegrationView>(path(id, '/pause'), note ? { note } : {}),
    onSuccess: store,
  });
}

export function useResume() {
  const store = useStoreIntegration();
  return useMutation({
    mutationFn: (id: string) => api.post<IntegrationView>(path(id, '/resume')),
    onSuccess: (integration) => {
      expectActivity();
      store(integration);
    },
  });
}

export interface IntegrationPatch {
  name?: string;
  settings?: Record<string, unknown>;
}

export function useUpdateIntegration(id: string) {
  const store = useStoreIntegration();
  return useMutation({
    mutationFn: (patch: IntegrationPatch) => api.patch<IntegrationView>(path(id), patch),
    onSuccess: store,
  });
}

export interface ReconnectInput {
  credentials: Record<string, unknown>;
  connection?: Record<string, unknown>;
}

export function useReconnect(id: string) {
  const store = useStoreIntegration();
  return useMutation({
    mutationFn: (input: ReconnectInput) => api.post<IntegrationView>(path(id, '/reconnect'), input),
    onSuccess: (integration) => {
      expectActivity(20_000);
      store(integration);
    },
  });
}

export function useDeleteIntegration(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => api.delete<IntegrationView>(path(id), { confirm }),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.integration(id) });
      void client.invalidateQueries({ queryKey: keys.integrations });
    },
  });
}

export interface NewIntegration {
  platform: string;
  name: string;
  connection: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  settings: Record<string, unknown>;
}

export function useAddIntegration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewIntegration) => api.post<IntegrationView>('/integrations', input),
    onSuccess: (integration) => {
      expectActivity(20_000);
      client.setQueryData(keys.integration(integration.id), integration);
      void client.invalidateQueries({ queryKey: keys.integrations });
    },
  });
}
