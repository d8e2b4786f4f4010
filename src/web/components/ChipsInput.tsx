import { useState, type KeyboardEvent } from 'react';
import type { ControlProps } from './Field';
import { Icon } from './Icon';

/**
 * A list of values typed one by one: Enter or comma adds the typed value (a pasted list adds each
 * of its values), Backspace in an empty box removes the last one, and leaving the box keeps what
 * was typed.
 */
export function ChipsInput({
  values,
  onChange,
  control,
  placeholder,
  suggestions = [],
}: {
  values: string[];
  onChange: (values: string[]) => void;
  control: ControlProps;
  placeholder?: string;
  suggestions?: string[];
}) {
  const [text, setText] = useState('');
  const listId = suggestions.length ? `${control.id}-suggestions` : undefined;

  /** Adds each value not already there (a list pasted at once adds each of its values). */
  const add = (typed: string) => {
    const added = [...new Set(typed.split(',').map((v) => v.trim()))].filter((v) => v && !values.includes(v));
    if (added.length) onChange([...values, ...added]);
  };
  const commit = () => {
    add(text);
    setText('');
  };
  // Pasted "9123, 9124" or "a,b,": the values before the last comma become chips, the rest stays typed.
  const type = (typed: string) => {
    const cut = typed.lastIndexOf(',');
    if (cut === -1) return setText(typed);
    add(typed.slice(0, cut));
    setText(typed.slice(cut + 1).trimStart());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && text === '' && values.length) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="chips" aria-invalid={control['aria-invalid']}>
      {values.map((value) => (
        <span key={value} className="chip">
          {value}
          <button type="button" className="chip-remove" aria-label={`Remove ${value}`} onClick={() => onChange(values.filter((v) => v !== value))}>
            <Icon name="x" size={12} />
          </button>
        </span>
      ))}
      <input
        {...control}
        className="chips-input"
        value={text}
        placeholder={values.length ? '' : placeholder}
        onChange={(e) => type(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        list={listId}
      />
      {listId ? (
        <datalist id={listId}>
          {suggestions.filter((s) => !values.includes(s)).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
