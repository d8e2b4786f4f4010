import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecretKey } from '../security/secret-key.js';
import { DataFolderError, prepareDataFolder } from './data-folder.js';
import { migrateToLatest } from './migrate.js';
import { openDatabase } from './open-database.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const runningAsRoot = process.getuid?.() === 0;

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'intake-data-'));
});
afterEach(() => {
  chmodSync(root, 0o700);
  rmSync(root, { recursive: true, force: true });
});

describe('the data folder and the database files', () => {
  it('are owner-only when Intake creates them: folder 0700, database, -wal and -shm 0600, beside the 0600 key', async () => {
    const folder = join(root, 'nested', 'data');
    const database = openDatabase({ kind: 'sqlite', file: join(folder, 'intake.db') });
    try {
      await migrateToLatest(database);
      await sql`select 1`.execute(database.db);
      loadOrCreateSecretKey(null, folder);
      expect(mode(folder)).toBe(0o700);
      for (const file of ['intake.db', 'intake.db-wal', 'intake.db-shm', 'secret.key']) expect([file, mode(join(folder, file))]).toEqual([file, 0o600]);
    } finally {
      await database.close();
    }
  });

  it('tightens what an earlier version left readable by everyone', () => {
    const folder = join(root, 'data');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    for (const file of ['intake.db', 'intake.db-wal', 'intake.db-shm']) writeFileSync(join(folder, file), '', { mode: 0o644 });
    prepareDataFolder(folder, join(folder, 'intake.db'));
    expect(mode(folder)).toBe(0o700);
    for (const file of ['intake.db', 'intake.db-wal', 'intake.db-shm']) expect([file, mode(join(folder, file))]).toEqual([file, 0o600]);
  });

  it('leaves a folder shared with other things as it is, but still makes the database owner-only', () => {
    chmodSync(root, 0o755);
    writeFileSync(join(root, 'notes.txt'), 'not Intake’s');
    prepareDataFolder(root, join(root, 'intake.db'));
    expect(mode(root)).toBe(0o755);
    expect(mode(join(root, 'intake.db'))).toBe(0o600);
  });
});

describe('a data folder Intake cannot use', () => {
  // Each of these fails for root too: no permission bit is involved.
  it('names the folder and the fix when a file stands where the folder should be', () => {
    const folder = join(root, 'data');
    writeFileSync(folder, 'a file, not a folder');
    expect(() => prepareDataFolder(folder, join(folder, 'intake.db'))).toThrow(DataFolderError);
    expect(() => prepareDataFolder(folder, join(folder, 'intake.db'))).toThrow(
      new RegExp(`^INTAKE_DATA_DIR ${folder} is not a folder Intake can use: a file stands where the folder or one of its parents should be \\(E(EXIST|NOTDIR)`),
    );
  });

  it('names the folder and the fix when one of its parents is a file', () => {
    writeFileSync(join(root, 'parent'), 'a file');
    const folder = join(root, 'parent', 'data');
    expect(() => prepareDataFolder(folder, join(folder, 'intake.db'))).toThrow(
      `INTAKE_DATA_DIR ${folder} is not a folder Intake can use: a file stands where the folder or one of its parents should be (ENOTDIR`,
    );
  });

  // Permission bits do not bind root (the suite runs as root in CI): this one needs another user.
  it.skipIf(runningAsRoot)('names the folder, the user and the fix when the folder is read-only (0500)', () => {
    const folder = join(root, 'data');
    mkdirSync(folder, { mode: 0o500 });
    chmodSync(folder, 0o500);
    expect(() => prepareDataFolder(folder, join(folder, 'intake.db'))).toThrow(
      new RegExp(`^INTAKE_DATA_DIR ${folder} is not writable by this user \\(.+\\): EACCES.*Give this user write access to it \\(chown or chmod\\), or set INTAKE_DATA_DIR to a folder it can write\\.$`),
    );
  });
});
