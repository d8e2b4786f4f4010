import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlatformView } from '../../api/contract/integrations';
import { api } from './client';
import { keys } from './keys';
import { expectActivity } from './polling';
import { platformWords, type PlatformWords } from '../format/platform-words';
import type { IntegrationView, PlatformListView } from './types';

export type { PlatformView };
export type PlatformField = PlatformView['presentation']['connectionFields'][number];
export type CredentialVariant = PlatformView['presentation']['credentialVariants'][number];
export type PlatformCapabilities = PlatformView['capabilities'];

/**
 * Every platform as its folder declares it: names, marks, nouns, form fields, capabilities. They
 * change only with a new version of Intake, so one answer serves the whole session.
 */
export function usePlatforms(enabled = true) {
  return useQuery({
    queryKey: keys.platforms,
    queryFn: async () => (await api.get<PlatformListView>('/platforms')).platforms,
    staleTime: Infinity,
    gcTime: Infinity,
    enabled,
  });
}

/** One platform by id; undefined while the list loads, when it could not be read, or for an id Intake no longer knows. */
export function usePlatform(id: string | null | undefined): PlatformView | undefined {
  const platforms = usePlatforms();
  return id ? platforms.data?.find((p) => p.id === id) : undefined;
}

/** Records are handed to Intake (uploaded files, pushed batches): nothing is scheduled or run against a source. */
export function receivesRecords(platform: PlatformView | undefined): boolean {
  return Boolean(platform && (platform.capabilities.uploads || platform.capabilities.push));
}

export interface StarterInput {
  platform: string;
  name?: string;
  settings?: Record<string, unknown>;
}

/** Adds a platform's ready-made integration; the server makes its connection. */
export function useAddStarter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StarterInput) => api.post<IntegrationView>('/integrations/starter', input),
    onSuccess: (integration) => {
      expectActivity(20_000);
      client.setQueryData(keys.integration(integration.id), integration);
      void client.invalidateQueries({ queryKey: keys.integrations });
    },
  });
}

/** How to speak of a platform (name, noun, mark), with words for one Intake does not know. */
export function usePlatformWords(id: string): PlatformWords {
  return platformWords(usePlatform(id), id);
}

/** Looks platforms up by id, for lists whose rows come from several platforms. */
export function usePlatformLookup(): (id: string) => PlatformView | undefined {
  const platforms = usePlatforms();
  return (id) => platforms.data?.find((p) => p.id === id);
}
