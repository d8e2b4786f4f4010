import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ContactView, DecisionView, RunView } from './types';

export interface ManualImportResult {
  run: RunView;
  decision: DecisionView | null;
  contact: ContactView | null;
}

/** Manual import of one conversation, whatever the filters say; what shows the reference follows. */
export function useManualImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ integrationId, sourceRef }: { integrationId: string; sourceRef: string }) =>
      api.post<ManualImportResult>(`/integrations/${encodeURIComponent(integrationId)}/imports`, { sourceRef }),
    onSuccess: (_result, { integrationId }) => {
      for (const root of ['contacts', 'decisions', 'diagnoses']) void client.invalidateQueries({ queryKey: [root] });
      void client.invalidateQueries({ queryKey: ['integrations', integrationId] });
    },
  });
}

export interface SupportReportInput {
  integrationId: string;
  from: string;
  to?: string;
  sourceRefs: string[];
}

/** The report to attach to a support ticket (Markdown), built by the server. */
export function useSupportReport() {
  return useMutation({
    mutationFn: (input: SupportReportInput) => api.post<{ report: Record<string, unknown>; markdown: string }>('/support-reports', input),
  });
}
