import type { KeyboardEvent } from 'react';
import type { FieldErrors } from '../api/field-errors';
import { ChipsInput } from '../components/ChipsInput';
import { Field } from '../components/Field';
import { Icon } from '../components/Icon';
import { AgentChoice } from './AgentChoice';
import { CustomFieldChoice } from './CustomFieldChoice';
import type { FilterDirectory } from './filter-directory';
import { FIELD_KINDS, FIELD_LABELS, OPERATOR_LABELS, OPERATORS, takesList, takesNoValue, withOperator, type FieldKind, type FilterDraft, type Operator, type ValueSuggestions } from './filter-model';

/**
 * Enter in a filter field never submits the form around it (saving settings is always explicit);
 * in an "is one of" list it adds the value, and that is all it does anywhere in a condition.
 */
function keepEnter(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key === 'Enter') event.preventDefault();
}

/** One condition: field × operator × value, each labelled, each showing its own error. */
export function FilterRow({
  index,
  draft,
  onChange,
  onRemove,
  errors,
  customFields,
  suggested,
  directory,
}: {
  index: number;
  draft: FilterDraft;
  onChange: (draft: FilterDraft) => void;
  onRemove: () => void;
  errors: FieldErrors;
  customFields: Record<string, string[]>;
  suggested: ValueSuggestions;
  directory?: FilterDirectory;
}) {
  const path = `settings.filters.${index}`;
  const custom = draft.field === 'custom_field';
  // With the platform's directory, agents and custom fields are chosen by name (and stored by id).
  const agentsByName = directory && directory.agents.length > 0 && draft.field === 'agent' && draft.operator !== 'contains' ? directory : null;
  const fieldsByName = directory && directory.customFields.length > 0 && custom ? directory : null;
  const chooseField = (field: FieldKind) => onChange({ ...draft, field, ...(field === 'agent' && directory?.agents.length && draft.operator === 'contains' ? { operator: 'is' as const } : {}) });
  const suggestions = custom ? (customFields[draft.customField.trim()] ?? []) : (suggested[draft.field] ?? []);
  const fieldListId = `custom-fields-${draft.key}`;
  const valueListId = `values-${draft.key}`;
  const valueError = errors.first(`${path}.value`);

  return (
    <fieldset className="filter-row" data-testid="filter-row">
      <legend className="filter-legend">Condition {index + 1}</legend>
      <div className="filter-controls">
        <Field label="Field" error={custom ? undefined : errors.get(`${path}.field`)} className="filter-field">
          {(c) => (
            <select {...c} className="select" value={draft.field} onChange={(e) => chooseField(e.target.value as FieldKind)}>
              {FIELD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FIELD_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {fieldsByName ? (
          <Field label="Custom field" error={errors.get(`${path}.field`)} className="filter-field">
            {(c) => <CustomFieldChoice control={c} directory={fieldsByName} value={draft.customField} onChange={(customField) => onChange({ ...draft, customField })} />}
          </Field>
        ) : custom ? (
          <Field label="Custom field name" error={errors.get(`${path}.field`)} className="filter-field">
            {(c) => (
              <>
                <input {...c} className="input" list={fieldListId} value={draft.customField} placeholder="e.g. 360001" onChange={(e) => onChange({ ...draft, customField: e.target.value })} onKeyDown={keepEnter} />
                <datalist id={fieldListId}>
                  {Object.keys(customFields).map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        ) : null}
        <Field label="Operator" error={errors.get(`${path}.operator`)} className="filter-field">
          {(c) => (
            <select {...c} className="select" value={draft.operator} onChange={(e) => onChange(withOperator(draft, e.target.value as Operator))}>
              {OPERATORS.map((o) => (
                <option key={o} value={o}>
                  {OPERATOR_LABELS[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {takesNoValue(draft.operator) ? (
          <div className="filter-value filter-novalue muted small">No value needed</div>
        ) : (
          <Field
            label={agentsByName ? (takesList(draft.operator) ? 'Agents' : 'Agent') : takesList(draft.operator) ? 'Values' : 'Value'}
            error={valueError}
            hint={agentsByName ? undefined : takesList(draft.operator) ? 'Press Enter after each value.' : draft.field === 'agent' ? "The agent's name or id." : undefined}
            className="filter-value"
          >
            {(c) =>
              agentsByName ? (
                <AgentChoice
                  control={c}
                  directory={agentsByName}
                  list={takesList(draft.operator)}
                  value={draft.value}
                  values={draft.values}
                  onValue={(value) => onChange({ ...draft, value })}
                  onValues={(values) => onChange({ ...draft, values })}
                />
              ) : takesList(draft.operator) ? (
                <ChipsInput control={c} values={draft.values} onChange={(values) => onChange({ ...draft, values })} placeholder="Type a value, press Enter" suggestions={suggestions} />
              ) : (
                <>
                  <input {...c} className="input" list={suggestions.length ? valueListId : undefined} value={draft.value} onChange={(e) => onChange({ ...draft, value: e.target.value })} onKeyDown={keepEnter} />
                  {suggestions.length ? (
                    <datalist id={valueListId}>
                      {suggestions.map((s) => (
                        <option key={s} value={s} />
                      ))}
                    </datalist>
                  ) : null}
                </>
              )
            }
          </Field>
        )}
        <button type="button" className="btn btn-ghost btn-sm filter-remove" onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>
          <Icon name="x" size={14} /> Remove
        </button>
      </div>
      {errors.get(path) ? <p className="field-error">{errors.get(path)}</p> : null}
    </fieldset>
  );
}
