import { Icon, Spinner } from '../components/Icon';
import { RelativeTime } from '../components/RelativeTime';
import type { FilterDirectory } from './filter-directory';

/** Where the names come from, how fresh they are, and "Refresh from <platform>". */
export function DirectoryBar({ directory }: { directory: FilterDirectory }) {
  const { platformName, refresh } = directory;
  return (
    <div className="directory-bar" data-testid="directory-bar">
      <p className="small muted">
        {directory.refreshedAt ? (
          <>
            Agents and custom fields as {platformName} listed them <RelativeTime iso={directory.refreshedAt} />: {directory.agents.filter((a) => !a.goneAt).length} agents,{' '}
            {directory.customFields.filter((f) => !f.goneAt).length} custom fields. Filters keep their ids, so a rename at {platformName} changes nothing.
          </>
        ) : (
          <>Agents and custom fields have not been read from {platformName} yet: type a name or an id, or refresh.</>
        )}
      </p>
      <button type="button" className="btn btn-sm" onClick={refresh.run} disabled={refresh.pending}>
        {refresh.pending ? <Spinner /> : <Icon name="refresh" size={14} />} Refresh from {platformName}
      </button>
      {refresh.error ?? directory.error ? (
        <p className="field-error" role="alert">
          <Icon name="alert-triangle" size={14} />
          <span>{refresh.error ?? `The last read failed: ${directory.error}`}</span>
        </p>
      ) : null}
    </div>
  );
}
