import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { RunView, UploadPreviewView } from './types';

/** The first part of a file is enough to preview it: its header and first rows. */
const PREVIEW_BYTES = 256 * 1024;

export interface UploadRequest {
  file: File;
  /** The connection fields to use (the mapping, the time zone, the date order); the saved ones when left out. */
  connection?: Record<string, unknown>;
}

function form(request: UploadRequest, wholeFile: boolean): FormData {
  const data = new FormData();
  // Fields before the file: the server reads them first, then streams the file.
  if (request.connection) data.append('connection', JSON.stringify(request.connection));
  data.append('file', wholeFile ? request.file : request.file.slice(0, PREVIEW_BYTES), request.file.name);
  return data;
}

/** The first rows decided as an upload would decide them, and the mapping proposed from the header. Writes nothing. */
export function useUploadPreview(integrationId: string) {
  return useMutation({
    mutationFn: (request: UploadRequest) => api.postForm<UploadPreviewView>(`/integrations/${encodeURIComponent(integrationId)}/uploads/preview`, form(request, false)),
  });
}

/** Imports the whole file as one run; the integration's runs and status follow. */
export function useUploadFile(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: UploadRequest) => api.postForm<RunView>(`/integrations/${encodeURIComponent(integrationId)}/uploads`, form(request, true)),
    onSuccess: (run) => {
      client.setQueryData(keys.run(run.id), run);
      void client.invalidateQueries({ queryKey: keys.integration(integrationId) });
    },
  });
}
