import { useMemo, useState } from 'react';
import type { IntegrationView } from '../../../api/types';
import { SortHeader, type SortState } from '../../../components/SortHeader';
import { TableScroll } from '../../../components/TableScroll';
import { sortIntegrations, type PlatformsColumn } from './platform-sort';
import { PlatformRow } from './PlatformRow';

/** The Platforms table: sortable by every column but the actions. */
export function PlatformsTable({ integrations }: { integrations: IntegrationView[] }) {
  const [sort, setSort] = useState<SortState<PlatformsColumn>>({ key: 'name', direction: 'asc' });
  const rows = useMemo(() => sortIntegrations(integrations, sort), [integrations, sort]);
  return (
    <TableScroll label="Integrations">
      <table className="table platforms-table" data-testid="platforms-table">
        <caption className="visually-hidden">Integrations, sorted by {sort.key}</caption>
        <thead>
          <tr>
            <SortHeader label="Integration" column="name" sort={sort} onSort={setSort} />
            <SortHeader label="Status" column="status" sort={sort} onSort={setSort} />
            <SortHeader label="Last ran at" column="lastRanAt" sort={sort} onSort={setSort} />
            <SortHeader label="Last data imported" column="lastDataImportedAt" sort={sort} onSort={setSort} />
            <SortHeader label="Next run" column="nextRunAt" sort={sort} onSort={setSort} className="col-wide-only" />
            <th scope="col" className="actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((integration) => (
            <PlatformRow key={integration.id} integration={integration} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
