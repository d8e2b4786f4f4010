import { useDirectory, useRefreshDirectory } from '../../../api/directory';
import type { FilterDirectory } from '../../../filters/filter-directory';
import type { IntegrationView } from '../../../api/types';

/** The integration's directory as the filter builder uses it; undefined when its platform lists none. */
export function useFilterDirectory(integration: IntegrationView): { directory: FilterDirectory | undefined; data: ReturnType<typeof useDirectory>['data'] } {
  const query = useDirectory(integration.id);
  const refresh = useRefreshDirectory(integration.id);
  const data = query.data;
  if (!data?.supported) return { directory: undefined, data };
  return {
    data,
    directory: {
      platformName: data.platformName,
      agents: data.agents,
      customFields: data.customFields ?? [],
      refreshedAt: data.refreshedAt,
      error: data.error?.message ?? null,
      refresh: { run: () => refresh.mutate(), pending: refresh.isPending, error: refresh.error instanceof Error ? refresh.error.message : null },
    },
  };
}
