import type { PlatformField, PlatformView } from '../../../api/platforms';

/** A form's values for a list of declared fields, by key. */
export type FieldValues = Record<string, string>;

/** The credentials as the form edits them: the chosen way to authenticate and each way's values. */
export interface CredentialsDraft {
  variant: number;
  values: FieldValues[];
}

/** Values for these fields, from what is stored (a connection's non-secret settings) or empty. */
export function fieldValues(fields: readonly PlatformField[], current: Record<string, unknown> = {}): FieldValues {
  return Object.fromEntries(fields.map((f) => [f.key, typeof current[f.key] === 'string' ? (current[f.key] as string) : typeof current[f.key] === 'number' ? String(current[f.key]) : '']));
}

/**
 * What the API receives: each value trimmed; an optional field left empty is left out, a required
 * one is sent as it is so the API names it ("must not be empty") beside its control.
 */
export function objectFromValues(fields: readonly PlatformField[], values: FieldValues): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (values[field.key] ?? '').trim();
    if (value || field.required) object[field.key] = value;
  }
  return object;
}

export function newCredentialsDraft(platform: PlatformView | undefined): CredentialsDraft {
  return { variant: 0, values: (platform?.presentation.credentialVariants ?? []).map((v) => fieldValues(v.fields)) };
}

/** The credentials of the chosen variant, with its `kind` when the platform has several. */
export function credentialsFromDraft(platform: PlatformView, draft: CredentialsDraft): Record<string, unknown> {
  const variant = platform.presentation.credentialVariants[draft.variant];
  if (!variant) return {};
  const values = objectFromValues(variant.fields, draft.values[draft.variant] ?? {});
  return variant.kind === null ? values : { kind: variant.kind, ...values };
}

/** The error paths the form shows beside a control; the API's other problems go to the form's own error. */
export function shownPaths(platform: PlatformView, draft: CredentialsDraft | null): string[] {
  const { connectionFields, credentialVariants } = platform.presentation;
  const paths = connectionFields.length ? ['connection', ...connectionFields.map((f) => `connection.${f.key}`)] : [];
  const variant = draft ? credentialVariants[draft.variant] : undefined;
  if (variant) paths.push('credentials', 'credentials.kind', ...variant.fields.map((f) => `credentials.${f.key}`));
  return paths;
}

/** "the admin email and the API token": the fields of the chosen variant, for sentences about them. */
export function credentialFieldWords(platform: PlatformView, draft: CredentialsDraft): string {
  const labels = (platform.presentation.credentialVariants[draft.variant]?.fields ?? []).map((f) => `the ${lowerFirst(f.label)}`);
  if (labels.length <= 1) return labels[0] ?? 'the credentials';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** "Admin email" → "admin email", but "API token" stays. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
