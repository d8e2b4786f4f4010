import { createInterface } from 'node:readline';
import { read } from 'read';
import type { FieldProblem } from '../services/service-errors.js';
import type { PlatformInput } from './platform-input.js';

/**
 * Reads one secret given as `-` (`--token -`, `--credential apiKey=-`), so it need not sit in shell
 * history or the process list: at a terminal it asks for it and nothing typed is echoed; otherwise
 * it is the first line of standard input (`printf %s "$TOKEN" | intake … --token -`). Empty when
 * nothing came (the caller names the field).
 */
export async function readSecret(label: string): Promise<string> {
  if (process.stdin.isTTY) {
    try {
      const typed = await read({ prompt: `${label} (not shown as you type), then Enter:`, silent: true, replace: '', terminal: true, output: process.stderr });
      return String(typed).trim();
    } catch {
      // Ctrl+C at the prompt: nothing was given, and the caller says which field is missing.
      return '';
    } finally {
      // The prompt's line ends here whatever was typed, so the answer starts on a line of its own.
      process.stderr.write('\n');
    }
  }
  return (await firstLine()).trim();
}

async function firstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

/** Fills in the platform field given as `-`; a problem naming its option when nothing came. */
export async function readSecretInput(input: PlatformInput): Promise<FieldProblem[]> {
  if (!input.fromStdin) return [];
  const secret = await readSecret(input.fromStdin.label);
  if (secret === '') {
    return [{ path: input.fromStdin.option, message: 'was to be read from standard input, which was empty: pipe it in (printf %s "$SECRET" | intake …), or type it when asked' }];
  }
  const [where, key] = input.fromStdin.key.split('.') as ['connection' | 'credentials', string];
  (where === 'connection' ? input.connection : (input.credentials ??= {}))[key] = secret;
  return [];
}
