import { Option, type Command } from 'commander';
import type { PlatformDefinition } from '../connectors/platform.js';
import { askedFields, valueName } from './platform-fields.js';
import type { GivenPlatformOptions } from './platform-input.js';

/**
 * Registers every platform's declared flags on a command — the union, since commander needs its
 * options before it knows the platform — plus `--connection` and `--credential`. They are left
 * out of the generic option list: the help lists them per platform. Returns how to read, from the
 * parsed options, what was given.
 */
export function addPlatformFlagOptions(command: Command, platforms: PlatformDefinition[]): (options: Record<string, unknown>) => GivenPlatformOptions {
  const registered: Array<{ flag: string; attribute: string }> = [];
  for (const platform of platforms) {
    for (const { field } of askedFields(platform)) {
      // A flag two platforms declare (--base-url) is one option; each platform says what it means.
      if (!field.flag || registered.some((r) => r.flag === field.flag) || command.options.some((o) => o.long === field.flag)) continue;
      const option = new Option(`${field.flag} ${valueName(field)}`, field.label).hideHelp();
      command.addOption(option);
      registered.push({ flag: field.flag, attribute: option.attributeName() });
    }
  }
  command
    .option('--connection <key=value>', "a connection setting by its key, as the platform's own option would give it (repeatable)", collect)
    .option('--credential <key=value>', 'a credential by its key; a secret as key=- reads it from standard input (repeatable; kind=… chooses the way to sign in)', collect);
  return (options) => ({
    flags: Object.fromEntries(registered.flatMap(({ flag, attribute }) => (typeof options[attribute] === 'string' ? [[flag, options[attribute]]] : []))),
    connection: (options.connection as string[] | undefined) ?? [],
    credential: (options.credential as string[] | undefined) ?? [],
  });
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
