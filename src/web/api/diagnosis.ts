import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { DiagnosisQuery, ReferenceDiagnosesView } from './types';

/**
 * "Why is this contact missing?" for one reference: the checklist walked by the server under each
 * integration that could hold it (or the one named), which may ask the source directly (a dry
 * run), so it is fetched only when shown.
 */
export function useDiagnosis(sourceRef: string, integrationId: string | null = null, enabled = true) {
  return useQuery({
    queryKey: keys.diagnosis(sourceRef, integrationId),
    queryFn: () => {
      const query: DiagnosisQuery = { sourceRef, integrationId: integrationId ?? undefined };
      return api.get<ReferenceDiagnosesView>('/diagnoses', query);
    },
    enabled: enabled && sourceRef !== '',
    staleTime: 10_000,
    refetchOnWindowFocus: false,
  });
}
