import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The credential key: INTAKE_SECRET_KEY when set (validated by config), else a key generated on
 * first start into the data folder, readable by its owner only.
 */
export function loadOrCreateSecretKey(configured: Buffer | null, dataDir: string): { key: Buffer; source: 'environment' | 'generated' | 'file' } {
  if (configured) return { key: configured, source: 'environment' };
  const file = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) {
      throw new Error(`${file} does not hold a 32-byte base64 key. Restore it from a backup, or set INTAKE_SECRET_KEY.`);
    }
    return { key, source: 'file' };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process wrote a moment ago.
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecretKey(null, dataDir);
    throw error;
  }
  return { key, source: 'generated' };
}
