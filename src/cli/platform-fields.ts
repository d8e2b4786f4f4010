import type { CredentialVariant, PlatformDefinition, PlatformField } from '../connectors/platform.js';

/** One field a platform asks for, with where it goes and how the command line names it. */
export interface AskedField {
  where: 'connection' | 'credentials';
  field: PlatformField;
  /** The credential variant it belongs to (credentials only). */
  variant: CredentialVariant | null;
  /** `--subdomain`, or `--connection subdomain` for a field without a flag of its own. */
  option: string;
}

/** Every field a platform declares, connection first, in the order its presentation gives. */
export function askedFields(platform: PlatformDefinition): AskedField[] {
  const { connectionFields, credentialVariants } = platform.presentation;
  return [
    ...connectionFields.map((field) => ({ where: 'connection' as const, field, variant: null, option: field.flag ?? `--connection ${field.key}` })),
    ...credentialVariants.flatMap((variant) =>
      variant.fields.map((field) => ({ where: 'credentials' as const, field, variant, option: field.flag ?? `--credential ${field.key}` })),
    ),
  ];
}

/** The platform's own flags, each once (a field shared by two credential variants has one flag). */
export function platformFlags(platform: PlatformDefinition): string[] {
  return [...new Set(askedFields(platform).flatMap((a) => (a.field.flag ? [a.field.flag] : [])))];
}

/** The value a secret takes to be read from standard input (typed without echo at a terminal). */
export const FROM_STDIN = '-';

/** The placeholder of a flag's value in help and messages. */
export function valueName(field: PlatformField): string {
  if (field.kind === 'secret') return '<secret|->';
  return `<${field.kind === 'url' ? 'url' : field.kind === 'email' ? 'email' : 'value'}>`;
}
