import { createInterface } from 'node:readline';
import { ValidationError } from '../services/service-errors.js';

/** The value a secret option takes to be read from standard input instead of the command line. */
const FROM_STDIN = '-';

/**
 * Replaces `--token -` / `--oauth-token -` with the first line of standard input, so a secret
 * need not sit in shell history or the process list (`printf %s "$TOKEN" | intake … --token -`).
 */
export async function readSecretOptions<T extends { token?: string; oauthToken?: string }>(options: T): Promise<T> {
  const keys = (['token', 'oauthToken'] as const).filter((key) => options[key] === FROM_STDIN);
  if (keys.length === 0) return options;
  if (keys.length > 1) throw new ValidationError([{ path: '--token or --oauth-token', message: 'only one of them can be read from standard input (-); give one kind of credential' }]);
  if (process.stdin.isTTY) process.stderr.write(`Paste the ${keys[0] === 'token' ? 'API token' : 'OAuth access token'} and press Enter: `);
  const line = await firstLine();
  return { ...options, [keys[0]!]: line.trim() === '' ? undefined : line.trim() };
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
