import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ImportOneInput, ManualImportView, SupportReportInput, SupportReportView } from './types';

/** Manual import of one conversation, whatever the filters say; what shows the reference follows. */
export function useManualImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ integrationId, sourceRef, values }: { integrationId: string } & ImportOneInput) =>
      api.post<ManualImportView>(`/integrations/${encodeURIComponent(integrationId)}/imports`, { sourceRef, ...(values ? { values } : {}) } satisfies ImportOneInput),
    onSuccess: (_result, { integrationId }) => {
      for (const root of ['contacts', 'decisions', 'diagnoses']) void client.invalidateQueries({ queryKey: [root] });
      void client.invalidateQueries({ queryKey: ['integrations', integrationId] });
    },
  });
}

/** The report to attach to a support ticket (Markdown), built by the server. */
export function useSupportReport() {
  return useMutation({
    mutationFn: (input: SupportReportInput) => api.post<SupportReportView>('/support-reports', input),
  });
}
