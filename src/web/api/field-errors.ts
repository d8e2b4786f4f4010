import { ApiError } from './api-error';
import type { FieldProblemView } from './types';

/**
 * The `details` of an error answer, looked up by the name of the form control they concern
 * (e.g. `settings.filters.0.value`, `connection.subdomain`, `credentials.token`).
 */
export class FieldErrors {
  static readonly none = new FieldErrors([]);

  constructor(readonly problems: readonly FieldProblemView[]) {}

  static of(error: unknown): FieldErrors {
    return error instanceof ApiError ? new FieldErrors(error.details) : FieldErrors.none;
  }

  /** The message for exactly this path. */
  get(path: string): string | undefined {
    return this.problems.find((p) => p.path === path)?.message;
  }

  /** The message for this path or, failing that, for the first path under it (`x.value.2`). */
  first(path: string): string | undefined {
    return this.get(path) ?? this.problems.find((p) => p.path.startsWith(`${path}.`))?.message;
  }

  /** Problems not shown beside any of the given controls (exact paths, or prefixes ending in "."). */
  unmatched(shown: readonly string[]): FieldProblemView[] {
    return this.problems.filter((p) => !shown.some((s) => (s.endsWith('.') ? p.path.startsWith(s) : p.path === s)));
  }
}
