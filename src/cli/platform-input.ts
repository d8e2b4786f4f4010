import type { CredentialVariant, PlatformDefinition } from '../connectors/platform.js';
import type { FieldProblem } from '../services/service-errors.js';
import type { FlagNames } from './cli-output.js';
import { askedFields, FROM_STDIN, platformFlags, type AskedField } from './platform-fields.js';

/** What the command line gave for a platform's fields. */
export interface GivenPlatformOptions {
  /** Declared flags that were given, by flag: `{ '--subdomain': 'acme' }`. */
  flags: Record<string, string>;
  /** `--connection key=value`, in order. */
  connection: string[];
  /** `--credential key=value`, in order. */
  credential: string[];
}

export interface PlatformInput {
  connection: Record<string, string>;
  /** Undefined when none were given (the platform needs none, or a problem says which). */
  credentials: Record<string, string> | undefined;
  /** The secret given as `-`, to be read from standard input before sending. */
  fromStdin: { key: string; label: string; option: string } | null;
  problems: FieldProblem[];
  /** How the service's field paths read on the command line for this platform. */
  flagNames: FlagNames;
}

/**
 * Turns a platform's flags and key=value pairs into its connection and credentials, choosing the
 * credential variant from the fields given. Every problem is collected, none thrown: the caller
 * reports them together with the service's. On `add` the required connection fields must be given;
 * on `reconnect` the connection is the integration's, and a field given changes it.
 */
export function platformInput(platform: PlatformDefinition, given: GivenPlatformOptions, purpose: 'add' | 'reconnect'): PlatformInput {
  const asked = askedFields(platform);
  const problems: FieldProblem[] = [];
  const values = { connection: {} as Record<string, string>, credentials: {} as Record<string, string> };
  const givenAs = new Map<string, string>();
  let kind: string | undefined;

  const set = (where: 'connection' | 'credentials', key: string, value: string, option: string) => {
    const path = `${where}.${key}`;
    const before = givenAs.get(path);
    if (before !== undefined && values[where][key] !== value) {
      problems.push({ path: option, message: `gives ${key} again (${before} gave it too); give it once` });
      return;
    }
    givenAs.set(path, option);
    values[where][key] = value;
  };

  for (const [flag, value] of Object.entries(given.flags)) {
    const field = asked.find((a) => a.field.flag === flag);
    if (field) set(field.where, field.field.key, value, flag);
    else problems.push({ path: flag, message: notAnOption(platform) });
  }
  given.connection.forEach((pair, index) => {
    const parsed = keyValue(pair, '--connection', index, platform);
    if ('problem' in parsed) return problems.push(parsed.problem);
    const field = asked.find((a) => a.where === 'connection' && a.field.key === parsed.key);
    if (field) return set('connection', parsed.key, parsed.value, `--connection ${parsed.key}`);
    const credential = asked.some((a) => a.where === 'credentials' && a.field.key === parsed.key);
    problems.push({
      path: `--connection ${parsed.key}`,
      message: credential
        ? `${parsed.key} is a credential: give it as --credential ${parsed.key}=… (a secret as --credential ${parsed.key}=- to read it from standard input)`
        : `${platform.displayName} has no connection setting "${parsed.key}"; ${settingsList(asked, 'connection')}`,
    });
  });
  given.credential.forEach((pair, index) => {
    const parsed = keyValue(pair, '--credential', index, platform);
    if ('problem' in parsed) return problems.push(parsed.problem);
    if (parsed.key === 'kind') {
      kind = parsed.value;
      return;
    }
    const field = asked.find((a) => a.where === 'credentials' && a.field.key === parsed.key);
    if (field) return set('credentials', parsed.key, parsed.value, `--credential ${parsed.key}`);
    const setting = asked.some((a) => a.where === 'connection' && a.field.key === parsed.key);
    problems.push({
      path: `--credential ${parsed.key}`,
      message: setting
        ? `${parsed.key} is a connection setting: give it as --connection ${parsed.key}=…`
        : `${platform.displayName} has no credential "${parsed.key}"; ${settingsList(asked, 'credentials')}`,
    });
  });

  if (purpose === 'add') {
    for (const a of asked) {
      if (a.where === 'connection' && a.field.required && values.connection[a.field.key] === undefined) {
        problems.push({ path: a.option, message: `is required: ${a.field.label}${a.field.help ? `. ${a.field.help}` : ''}` });
      }
    }
  }
  const variant = chooseVariant(platform, values.credentials, kind, givenAs, problems);
  // Only the chosen variant's fields: one given for another variant has its problem already.
  const own = variant ? Object.entries(values.credentials).filter(([key]) => variant.fields.some((f) => f.key === key)) : [];
  const credentials = variant ? { ...(variant.kind !== null ? { kind: variant.kind } : {}), ...Object.fromEntries(own) } : undefined;
  return { connection: values.connection, credentials, fromStdin: secretFromStdin(asked, values, givenAs, problems), problems, flagNames: flagNames(asked) };
}

/** The variant the given fields make, adding a problem that names what is missing or mixed when none does. */
function chooseVariant(
  platform: PlatformDefinition,
  credentials: Record<string, string>,
  kind: string | undefined,
  givenAs: Map<string, string>,
  problems: FieldProblem[],
): CredentialVariant | null {
  const variants = platform.presentation.credentialVariants;
  const keys = Object.keys(credentials);
  if (variants.length === 0) {
    if (keys.length > 0 || kind !== undefined) problems.push({ path: '--credential', message: `${platform.displayName} takes no credentials; leave them out` });
    return null;
  }
  if (keys.length === 0 && kind === undefined) {
    if (!platform.capabilities.credentialsNeeded) return null;
    if (variants.length === 1) {
      missingFields(variants[0]!, false, credentials, problems);
    } else {
      problems.push({ path: variantsPath(variants), message: `give one way to sign in: ${variants.map((v) => `${v.label} (${requiredOptions(v).join(' and ')})`).join(', or ')}` });
    }
    return null;
  }
  let variant: CredentialVariant | undefined;
  if (kind !== undefined) {
    variant = variants.find((v) => v.kind !== null && v.kind === kind);
    if (!variant) {
      const kinds = variants.filter((v) => v.kind !== null);
      problems.push({
        path: '--credential kind',
        message: kinds.length ? `must be ${kinds.map((v) => `${v.kind} (${v.label})`).join(' or ')}` : `${platform.displayName} credentials have one form only; leave kind out`,
      });
      return null;
    }
  } else {
    const fitting = variants.filter((v) => keys.every((k) => v.fields.some((f) => f.key === k)));
    if (fitting.length === 0) {
      problems.push({
        path: keys.map((k) => givenAs.get(`credentials.${k}`)!).join(', '),
        message: `mix ways to sign in: ${variants.map((v) => `${v.label} (${v.fields.map(option).join(', ')})`).join('; ')}; give the fields of one`,
      });
      return null;
    }
    const complete = fitting.filter((v) => requiredKeys(v).every((k) => credentials[k] !== undefined));
    if (fitting.length === 1 || complete.length === 1) variant = complete[0] ?? fitting[0]!;
    else {
      const choices = complete.length > 1 ? complete : fitting;
      problems.push({
        path: variantsPath(choices),
        message: `could be ${choices
          .map((v) => {
            const missing = v.fields.filter((f) => f.required && credentials[f.key] === undefined).map(option);
            return `${v.label}${v.kind !== null ? ` (--credential kind=${v.kind})` : ''}${missing.length ? `, which also needs ${missing.join(' and ')}` : ''}`;
          })
          .join(', or ')}; give what the one you mean needs${complete.length > 1 ? ', and --credential kind to choose' : ''}`,
      });
      return null;
    }
  }
  for (const key of keys) {
    if (!variant.fields.some((f) => f.key === key)) problems.push({ path: givenAs.get(`credentials.${key}`)!, message: `is not part of ${variant.label} credentials; leave it out` });
  }
  missingFields(variant, variants.length > 1, credentials, problems);
  return variant;
}

function missingFields(variant: CredentialVariant, oneOfSeveral: boolean, credentials: Record<string, string>, problems: FieldProblem[]): void {
  for (const field of variant.fields) {
    if (!field.required || credentials[field.key] !== undefined) continue;
    const how = field.kind === 'secret' ? ` — give "${option(field)} -" to type it unseen, or to pipe it in` : '';
    problems.push({ path: option(field), message: `is required${oneOfSeveral ? ` for ${variant.label} credentials` : ''}: ${field.label}${how}` });
  }
}

/** At most one secret can come from standard input: it is one stream. */
function secretFromStdin(asked: AskedField[], values: { connection: Record<string, string>; credentials: Record<string, string> }, givenAs: Map<string, string>, problems: FieldProblem[]) {
  const fromStdin = asked.filter(
    (a, i) => a.field.kind === 'secret' && values[a.where][a.field.key] === FROM_STDIN && asked.findIndex((b) => b.where === a.where && b.field.key === a.field.key) === i,
  );
  if (fromStdin.length > 1) {
    problems.push({ path: fromStdin.map((a) => givenAs.get(`${a.where}.${a.field.key}`)!).join(', '), message: 'only one secret can be read from standard input (-) in one command' });
    return null;
  }
  const a = fromStdin[0];
  return a ? { key: `${a.where}.${a.field.key}`, label: a.field.label, option: givenAs.get(`${a.where}.${a.field.key}`)! } : null;
}

function flagNames(asked: AskedField[]): FlagNames {
  return {
    connection: '--connection',
    credentials: '--credential',
    'credentials.kind': '--credential kind',
    ...Object.fromEntries(asked.map((a) => [`${a.where}.${a.field.key}`, a.option])),
  };
}

function keyValue(pair: string, flag: string, index: number, platform: PlatformDefinition): { key: string; value: string } | { problem: FieldProblem } {
  const match = /^\s*([A-Za-z][\w.-]*)\s*=(.*)$/s.exec(pair);
  if (match) return { key: match[1]!, value: match[2]! };
  const example = askedFields(platform).find((a) => (a.where === 'connection') === (flag === '--connection'));
  return { problem: { path: `${flag} #${index + 1}`, message: `must be key=value${example ? `, e.g. ${example.field.key}=${example.field.kind === 'secret' ? '-' : (example.field.placeholder ?? '…')}` : ''}` } };
}

function notAnOption(platform: PlatformDefinition): string {
  const own = platformFlags(platform);
  if (own.length === 0) return `is not an option of ${platform.displayName}, which takes no connection settings or credentials; leave it out`;
  return `is not an option of ${platform.displayName}, whose own are ${own.join(', ')} (intake integrations add --help lists every platform's)`;
}

function settingsList(asked: AskedField[], where: 'connection' | 'credentials'): string {
  const keys = [...new Set(asked.filter((a) => a.where === where).map((a) => a.field.key))];
  return keys.length ? `its ${where === 'connection' ? 'settings' : 'credentials'} are ${keys.join(', ')}` : `it takes none`;
}

function option(field: { key: string; flag?: string }): string {
  return field.flag ?? `--credential ${field.key}`;
}

function requiredKeys(variant: CredentialVariant): string[] {
  return variant.fields.filter((f) => f.required).map((f) => f.key);
}

function requiredOptions(variant: CredentialVariant): string[] {
  return variant.fields.filter((f) => f.required).map(option);
}

function variantsPath(variants: CredentialVariant[]): string {
  return variants.map((v) => requiredOptions(v).join('/')).join(' or ');
}
