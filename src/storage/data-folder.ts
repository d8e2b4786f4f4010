import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** Owner-only: the database holds every imported contact, beside the credential key. */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;
/** Written and removed at every start: a file, not permission bits, shows the folder is writable. */
const WRITE_CHECK = '.intake-write-check';
/** What Intake keeps in its data folder (with SQLite's -wal and -shm beside the database). */
const INTAKE_FILES = ['intake.db', 'secret.key', WRITE_CHECK];

/** The data folder cannot be used; the message names it, the cause and the fix. */
export class DataFolderError extends Error {
  override readonly name = 'DataFolderError';
  readonly code = 'data_folder_unusable';
  constructor(
    readonly folder: string,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Makes sure the SQLite database can live in its folder before anything opens it: the folder is
 * created owner-only, shown writable by really writing to it (permission bits say nothing when
 * running as root, nor on a read-only mount), and the database files are owner-only — also those
 * an earlier version left readable by everyone (SQLite gives -wal and -shm the database's mode).
 */
export function prepareDataFolder(folder: string, databaseFile: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
    tightenIntakeFolder(folder);
    const probe = join(folder, WRITE_CHECK);
    writeFileSync(probe, '', { mode: FILE_MODE });
    rmSync(probe, { force: true });
    if (existsSync(databaseFile)) accessSync(databaseFile, constants.R_OK | constants.W_OK);
    else closeSync(openSync(databaseFile, 'a', FILE_MODE));
    for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
      if (existsSync(file) && statSync(file).mode & 0o077) chmodSync(file, FILE_MODE);
    }
  } catch (error) {
    throw new DataFolderError(folder, describe(folder, error as NodeJS.ErrnoException), { cause: error });
  }
}

/**
 * A folder an earlier version created readable by everyone (or an empty one made for Intake)
 * becomes owner-only. Only when it belongs to this user and holds nothing but what Intake would
 * put there: a folder shared with other things (a home, /tmp) stays as it is — the files are
 * owner-only either way.
 */
function tightenIntakeFolder(folder: string): void {
  const stat = statSync(folder);
  if (!stat.isDirectory() || (stat.mode & 0o077) === 0 || stat.mode & 0o1000) return;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return;
  const entries = readdirSync(folder);
  if (entries.every((name) => INTAKE_FILES.some((file) => name === file || name.startsWith(`${file}-`)))) chmodSync(folder, FOLDER_MODE);
}

function describe(folder: string, error: NodeJS.ErrnoException): string {
  const detail = error.message ?? String(error);
  if (error.code === 'ENOTDIR' || error.code === 'EEXIST') {
    return `INTAKE_DATA_DIR ${folder} is not a folder Intake can use: a file stands where the folder or one of its parents should be (${detail}). Set INTAKE_DATA_DIR to a folder, or move that file away.`;
  }
  if (error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'EROFS') {
    return `INTAKE_DATA_DIR ${folder} is not writable by this user (${currentUser()}): ${detail}. Give this user write access to it (chown or chmod), or set INTAKE_DATA_DIR to a folder it can write.`;
  }
  return `INTAKE_DATA_DIR ${folder} cannot be used: ${detail}. Check the folder, or set INTAKE_DATA_DIR to another one.`;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}
