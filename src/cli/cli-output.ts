import { ConfigError } from '../config.js';
import { StoreUnavailableError } from '../core/store-unavailable-error.js';
import { SourceError } from '../core/source-error.js';
import { CredentialDecryptError } from '../security/credential-cipher.js';
import { SingleImportFailedError, SourceReferenceNotFoundError } from '../services/import-one.js';
import { AlreadyRunningError, ConflictError, CredentialsRejectedError, FeatureDisabledError, NotFoundError, ValidationError, WrongSourceAccountError, type FieldProblem } from '../services/service-errors.js';

/** Exit codes: 0 done, 1 it failed, 2 the command was given bad input (including a name or reference that does not exist). */
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface OutputOptions {
  json?: boolean;
}

export function printResult(options: OutputOptions, json: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

/** How a service's field paths read on this command line (`connection.subdomain` → `--subdomain`). */
export type FlagNames = Record<string, string>;

/** Prints an error as words with its fix (or as JSON), and returns the exit code to use. */
export function reportError(error: unknown, options: OutputOptions, flags: FlagNames = {}): number {
  const { code, message, details, exit } = describeError(error, flags);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ error: { code, message, details } }, null, 2)}\n`);
  } else {
    const lines = [`Error: ${message}`];
    for (const d of details) lines.push(`  ${d.path}: ${d.message}`);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  return exit;
}

function describeError(error: unknown, flags: FlagNames): { code: string; message: string; details: FieldProblem[]; exit: number } {
  const rename = (details: FieldProblem[]) => details.map((d) => ({ path: flagFor(d.path, flags), message: d.message }));
  if (error instanceof ValidationError) {
    return { code: error.code, message: 'the command has invalid options; fix the ones below and try again.', details: rename(error.details), exit: EXIT_BAD_INPUT };
  }
  if (error instanceof ConflictError) return { code: error.code, message: error.message, details: rename(error.details), exit: EXIT_BAD_INPUT };
  if (error instanceof ConfigError) return { code: error.code, message: error.message, details: [], exit: EXIT_BAD_INPUT };
  // Naming something that does not exist is bad input too: the fix is in the command line.
  if (error instanceof NotFoundError) return { code: error.code, message: error.message, details: [], exit: EXIT_BAD_INPUT };
  if (error instanceof SourceReferenceNotFoundError) {
    return { code: error.code, message: error.message, details: [{ path: flagFor('sourceRef', flags), message: `unknown to the source (recorded as run ${error.run.id})` }], exit: EXIT_BAD_INPUT };
  }
  if (error instanceof SingleImportFailedError) {
    return { code: `source_${error.sourceError.category}`, message: `${error.message} (recorded as run ${error.run.id})`, details: [], exit: EXIT_FAILED };
  }
  if (error instanceof AlreadyRunningError || error instanceof FeatureDisabledError || error instanceof WrongSourceAccountError || error instanceof CredentialsRejectedError || error instanceof CredentialDecryptError) {
    return { code: error.code, message: error.message, details: [], exit: EXIT_FAILED };
  }
  if (error instanceof SourceError) return { code: `source_${error.category}`, message: error.message, details: [], exit: EXIT_FAILED };
  // The database refused for a reason outside Intake (locked, disk full, read-only): its own words.
  if (error instanceof StoreUnavailableError) return { code: error.code, message: error.message, details: [], exit: EXIT_FAILED };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Intake failed unexpectedly: ${message}`, details: [], exit: EXIT_FAILED };
}

/** The option a service's field path reads as on the command line (`settings.filters.1.value` → `--filter #2 value`). */
export function flagFor(path: string, flags: FlagNames): string {
  if (flags[path]) return flags[path];
  const match = Object.keys(flags)
    .filter((prefix) => path.startsWith(`${prefix}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (!match) return path;
  // `settings.filters.1.value` → `--filter #2 value`: list items are counted from one.
  const rest = path.slice(match.length + 1).replace(/^(\d+)(\.|$)/, (_, n: string, dot: string) => `#${Number(n) + 1}${dot ? ' ' : ''}`);
  return `${flags[match]} ${rest}`;
}

/** A compact left-aligned table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function when(iso: string | null, none = 'never'): string {
  if (!iso) return none;
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
