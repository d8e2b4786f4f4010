import type { ControlProps } from '../components/Field';
import { Icon } from '../components/Icon';
import { choices, optionWords, type FilterDirectory } from './filter-directory';

/**
 * Agents by name from the platform's directory, stored by id: one for "is" / "is not", several
 * (chips, each removable) for "is one of". An id the platform does not list stays visible as such.
 */
export function AgentChoice({
  control,
  directory,
  list,
  value,
  values,
  onValue,
  onValues,
}: {
  control: ControlProps;
  directory: FilterDirectory;
  list: boolean;
  value: string;
  values: string[];
  onValue: (value: string) => void;
  onValues: (values: string[]) => void;
}) {
  const chosen = list ? values : value ? [value] : [];
  const offered = choices(directory.agents, chosen);
  const words = (id: string) => {
    const entry = directory.agents.find((a) => a.id === id);
    return entry ? optionWords(entry, directory.platformName) : `${id} (not listed by ${directory.platformName})`;
  };
  const unlisted = chosen.filter((id) => !offered.some((a) => a.id === id));

  if (!list) {
    return (
      <select {...control} className="select" value={value} onChange={(e) => onValue(e.target.value)} data-testid="agent-choice">
        <option value="">Choose an agent…</option>
        {unlisted.map((id) => (
          <option key={id} value={id}>
            {words(id)}
          </option>
        ))}
        {offered.map((a) => (
          <option key={a.id} value={a.id}>
            {optionWords(a, directory.platformName)}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div className="stack-sm agent-choice">
      {values.length ? (
        <div className="chip-list">
          {values.map((id) => (
            <span key={id} className="chip">
              {words(id)}
              <button type="button" className="chip-remove" aria-label={`Remove ${words(id)}`} onClick={() => onValues(values.filter((v) => v !== id))}>
                <Icon name="x" size={12} />
              </button>
            </span>
          ))}
        </div>
      ) : null}
      <select {...control} className="select" value="" onChange={(e) => e.target.value && onValues([...values, e.target.value])} data-testid="agent-choice">
        <option value="">{values.length ? 'Add another agent…' : 'Add an agent…'}</option>
        {offered
          .filter((a) => !values.includes(a.id))
          .map((a) => (
            <option key={a.id} value={a.id}>
              {optionWords(a, directory.platformName)}
            </option>
          ))}
      </select>
    </div>
  );
}
