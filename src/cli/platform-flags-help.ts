import { Help } from 'commander';
import type { PlatformDefinition, PlatformField } from '../connectors/platform.js';
import { askedFields, valueName } from './platform-fields.js';
import { shellWord } from './shell-word.js';

/**
 * The help's per-platform part, written from each platform's presentation: its options with their
 * labels and help, its ways to sign in, and an example. `reconnect` lists what reconnect takes.
 */
export function platformFlagsHelp(platforms: PlatformDefinition[], purpose: 'add' | 'reconnect', helpWidth = 80): string {
  const help = new Help();
  help.prepareContext({ helpWidth });
  /** A line of text at an indent (continuation lines two further), or an option and its description. */
  const items: Array<{ text: string; indent: number } | { term: string; description: string }> = [];
  const line = (text: string, indent = 0) => items.push({ text, indent });
  for (const platform of platforms) {
    const asked = askedFields(platform);
    line('');
    line(`${platform.id} — ${platform.displayName}`);
    if (asked.length === 0) {
      line(purpose === 'add' ? `Asks for nothing: ${example(platform)}` : 'Takes no credentials: there is nothing to reconnect.', 2);
      continue;
    }
    const connection = asked.filter((a) => a.where === 'connection');
    if (purpose === 'reconnect' && connection.length) line('Connection (optional; a change must reach the same account):', 2);
    for (const a of connection) items.push({ term: `${a.option} ${valueName(a.field)}`, description: describe(a.field, purpose === 'add') });
    const variants = platform.presentation.credentialVariants;
    if (variants.length > 1) line('Credentials, one of:', 2);
    for (const variant of variants) {
      const kind = variant.kind !== null && variants.length > 1 ? ` (--credential kind=${variant.kind})` : '';
      line(`${variants.length > 1 ? '• ' : ''}${variant.label}${kind}${variant.help ? `: ${variant.help}` : ''}`, 2);
      for (const field of variant.fields) items.push({ term: `  ${field.flag ?? `--credential ${field.key}`} ${valueName(field)}`, description: describe(field, true) });
    }
    if (purpose === 'add') line(`e.g. ${example(platform)}`, 2);
  }
  const width = Math.max(...items.flatMap((item) => ('term' in item ? [item.term.length] : [])));
  const heading =
    purpose === 'add'
      ? "Each platform's own options (any field also as --connection key=value or --credential key=value; a secret given as - is typed unseen at a terminal, or read from standard input):"
      : "The options of the integration's platform (any field also as --connection key=value or --credential key=value; a secret given as - is typed unseen at a terminal, or read from standard input):";
  return [
    help.boxWrap(heading, helpWidth),
    ...items.map((item) => ('term' in item ? help.formatItem(item.term, width, item.description, help) : indented(help, item.text, item.indent, helpWidth))),
  ].join('\n');
}

function indented(help: Help, text: string, indent: number, helpWidth: number): string {
  return help
    .boxWrap(text, helpWidth - indent - 2)
    .split('\n')
    .map((l, i) => `${' '.repeat(indent + (i > 0 ? 2 : 0))}${l}`.trimEnd())
    .join('\n');
}

function describe(field: PlatformField, required: boolean): string {
  const traits = [required && field.required ? 'required' : 'optional', ...(field.kind === 'secret' ? ['secret: give - to keep it out of shell history'] : [])];
  return `${field.label} (${traits.join('; ')}).${field.help ? ` ${field.help}` : ''}`;
}

/** A command that adds the platform: its required fields with their placeholders, secrets as `-`. */
export function example(platform: PlatformDefinition): string {
  const variant = platform.presentation.credentialVariants[0];
  const words = askedFields(platform)
    .filter((a) => a.field.required && (a.variant === null || a.variant === variant))
    .map((a) => optionWords(a, a.field.kind === 'secret' ? '-' : shellWord(a.field.placeholder ?? '…')));
  return ['intake integrations add', platform.id, '--name', shellWord(platform.starter?.name ?? platform.displayName), ...words].join(' ');
}

/** `--subdomain acme`, or `--connection subdomain=acme` for a field without a flag of its own. */
export function optionWords(asked: { where: 'connection' | 'credentials'; field: PlatformField }, value: string): string {
  if (asked.field.flag) return `${asked.field.flag} ${value}`;
  return `--${asked.where === 'connection' ? 'connection' : 'credential'} ${asked.field.key}=${value}`;
}
