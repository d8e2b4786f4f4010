import type { FieldErrors } from '../api/field-errors';
import { FieldError } from '../components/Field';
import { Icon } from '../components/Icon';
import { DirectoryBar } from './DirectoryBar';
import type { FilterDirectory } from './filter-directory';
import { emptyFilter, type FilterDraft, type ValueSuggestions } from './filter-model';
import { FilterRow } from './FilterRow';

/** The filters of an integration: conditions a contact must all meet to be imported. */
export function FilterBuilder({
  filters,
  onChange,
  errors,
  customFields = {},
  suggested = {},
  directory,
}: {
  filters: FilterDraft[];
  onChange: (filters: FilterDraft[]) => void;
  errors: FieldErrors;
  customFields?: Record<string, string[]>;
  /** The platform's status and channel words. */
  suggested?: ValueSuggestions;
  /** The platform's agents and custom fields by name (an existing integration whose platform lists them). */
  directory?: FilterDirectory;
}) {
  const replace = (index: number, draft: FilterDraft) => onChange(filters.map((f, i) => (i === index ? draft : f)));
  return (
    <fieldset className="group" data-testid="filter-builder">
      <legend>Filters</legend>
      <p className="field-hint" style={{ marginTop: -4 }}>
        A contact is imported only if it meets every condition. Comparisons ignore case; on tags, “contains” means “has this tag”. A changed filter applies to
        contacts read from now on, not to those already excluded, unless you backfill. Name agents and custom fields as the platform shows them, or give their ids.
      </p>
      {directory ? <DirectoryBar directory={directory} /> : null}
      {filters.length === 0 ? <p className="muted small">No filters: every contact that passes the start date and status criteria is imported.</p> : null}
      {filters.map((draft, index) => (
        <FilterRow
          key={draft.key}
          index={index}
          draft={draft}
          onChange={(d) => replace(index, d)}
          onRemove={() => onChange(filters.filter((_, i) => i !== index))}
          errors={errors}
          customFields={customFields}
          suggested={suggested}
          directory={directory}
        />
      ))}
      {errors.get('settings.filters') ? <FieldError message={errors.get('settings.filters')!} /> : null}
      <div>
        <button type="button" className="btn btn-sm" onClick={() => onChange([...filters, emptyFilter()])}>
          <Icon name="plus" size={14} /> Add condition
        </button>
      </div>
    </fieldset>
  );
}
