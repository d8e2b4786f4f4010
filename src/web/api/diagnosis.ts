import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { DiagnosisView } from './types';

/**
 * "Why is this contact missing?" for one reference: the checklist walked by the server, which may
 * ask the source directly (a dry run), so it is fetched only when shown.
 */
export function useDiagnosis(sourceRef: string, integrationId: string | null = null, enabled = true) {
  return useQuery({
    queryKey: keys.diagnosis(sourceRef, integrationId),
    queryFn: () => api.get<DiagnosisView>('/diagnoses', { sourceRef, integrationId }),
    enabled: enabled && sourceRef !== '',
    staleTime: 10_000,
    refetchOnWindowFocus: false,
  });
}
