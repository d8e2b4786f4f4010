import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { SessionView, WorkspacePatchInput, WorkspaceView } from './types';

/** Renames the workspace or turns the Integrations flag on or off; every screen follows. */
export function useUpdateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkspacePatchInput) => api.patch<WorkspaceView>('/workspace', patch),
    onSuccess: (workspace) => {
      client.setQueryData<SessionView | null>(keys.session, (session) => (session ? { ...session, workspace } : session));
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
    },
  });
}
