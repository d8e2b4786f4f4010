export type SortDirection = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

/** A column header that sorts the table; aria-sort tells assistive technology the order. */
export function SortHeader<K extends string>({ label, column, sort, onSort, className }: { label: string; column: K; sort: SortState<K>; onSort: (next: SortState<K>) => void; className?: string }) {
  const active = sort.key === column;
  const next: SortDirection = active && sort.direction === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort({ key: column, direction: next })}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
