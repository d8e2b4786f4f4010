import type { ControlProps } from '../components/Field';
import { choices, optionWords, type FilterDirectory } from './filter-directory';

/** The platform's custom fields by name, stored by the key contacts carry. */
export function CustomFieldChoice({ control, directory, value, onChange }: { control: ControlProps; directory: FilterDirectory; value: string; onChange: (key: string) => void }) {
  const offered = choices(directory.customFields, value ? [value] : []);
  const unlisted = value && !offered.some((f) => f.id === value);
  return (
    <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid="custom-field-choice">
      <option value="">Choose a field…</option>
      {unlisted ? <option value={value}>{`${value} (not listed by ${directory.platformName})`}</option> : null}
      {offered.map((f) => (
        <option key={f.id} value={f.id}>
          {optionWords(f, directory.platformName)}
        </option>
      ))}
    </select>
  );
}
