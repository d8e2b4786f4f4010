import type { IntegrationView } from '../../../api/types';
import type { SortState } from '../../../components/SortHeader';

export type PlatformsColumn = 'name' | 'status' | 'lastRanAt' | 'lastDataImportedAt' | 'nextRunAt';

/** Failures first when sorting by status: what needs attention comes to the top. */
const STATUS_ORDER = { failure: 0, warning: 1, paused: 2, active: 3 } as const;

function compareTimes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Date.parse(a) - Date.parse(b);
}

export function sortIntegrations(list: readonly IntegrationView[], sort: SortState<PlatformsColumn>): IntegrationView[] {
  const factor = sort.direction === 'asc' ? 1 : -1;
  const compare = (a: IntegrationView, b: IntegrationView): number => {
    switch (sort.key) {
      case 'name':
        return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
      case 'status':
        return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
      default: {
        // Missing times stay last whichever the direction.
        const x = a[sort.key];
        const y = b[sort.key];
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 * factor : -1 * factor;
        return compareTimes(x, y);
      }
    }
  };
  return [...list].sort((a, b) => compare(a, b) * factor || a.name.localeCompare(b.name));
}

/** Matches the name, the platform or the source account. */
export function matchesSearch(integration: IntegrationView, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [integration.name, integration.platformName, integration.platform, integration.sourceAccount].some((v) => v.toLowerCase().includes(needle));
}
