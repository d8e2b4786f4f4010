import type { KeyboardEvent } from 'react';

/** Buttons submit on Enter as they should; every other input would submit the form implicitly. */
const SUBMITS_ON_PURPOSE = new Set(['submit', 'button', 'reset', 'image']);

/**
 * For forms whose saving must always be explicit (the integration's settings): Enter in a field
 * never submits the whole form. Fields that give Enter a meaning of their own (a chips input adds
 * the value) handle it first, so Enter there still does that one thing.
 */
export function preventEnterSubmit(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.defaultPrevented) return;
  const target = event.target;
  if (target instanceof HTMLInputElement && !SUBMITS_ON_PURPOSE.has(target.type)) event.preventDefault();
}
