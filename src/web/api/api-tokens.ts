import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ApiTokenListView, ApiTokenView, CreatedApiTokenView, NewApiTokenInput } from './types';

export function useApiTokens() {
  return useQuery({ queryKey: keys.apiTokens, queryFn: async () => (await api.get<ApiTokenListView>('/api-tokens')).apiTokens });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewApiTokenInput) => api.post<CreatedApiTokenView>('/api-tokens', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiTokens }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ApiTokenView>(`/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiTokens }),
  });
}
