import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { expectActivity } from './polling';
import type { DeleteIntegrationInput, IntegrationPatchInput, IntegrationView, NewIntegrationInput, PauseInput, ReconnectInput, RunView } from './types';

// The add and reconnect forms know these by their older names.
export type { NewIntegrationInput as NewIntegration, ReconnectInput } from './types';

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
    mutationFn: ({ id, note }: { id: string } & PauseInput) => api.post<IntegrationView>(path(id, '/pause'), note ? ({ note } satisfies PauseInput) : {}),
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

export function useUpdateIntegration(id: string) {
  const store = useStoreIntegration();
  return useMutation({
    mutationFn: (patch: IntegrationPatchInput) => api.patch<IntegrationView>(path(id), patch),
    onSuccess: store,
  });
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
    mutationFn: (confirm: string) => api.delete<IntegrationView>(path(id), { confirm } satisfies DeleteIntegrationInput),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.integration(id) });
      void client.invalidateQueries({ queryKey: keys.integrations });
    },
  });
}

export function useAddIntegration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewIntegrationInput) => api.post<IntegrationView>('/integrations', input),
    onSuccess: (integration) => {
      expectActivity(20_000);
      client.setQueryData(keys.integration(integration.id), integration);
      void client.invalidateQueries({ queryKey: keys.integrations });
    },
  });
}
