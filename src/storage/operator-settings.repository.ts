import type { Kysely } from 'kysely';
import { fromJson, toJson } from './json-column.js';
import type { Database } from './schema.js';

/** A host connectors may call besides the platforms' official ones, with who allowed it and when. */
export interface AllowedSourceHost {
  host: string;
  addedAt: string;
  addedBy: string;
}

/** The address the service last said it listens on (its public URL). */
export interface ServiceAddress {
  url: string;
  recordedAt: string;
}

const SOURCE_HOSTS = 'source_hosts';
const SERVICE_URL = 'service_url';
const CREDENTIAL_KEY = 'credential_key_fingerprint';

export async function listAllowedSourceHosts(db: Kysely<Database>): Promise<AllowedSourceHost[]> {
  return (await readSetting<AllowedSourceHost[]>(db, SOURCE_HOSTS)) ?? [];
}

/** Adds the hosts not yet allowed; returns those it added and the whole list. */
export async function allowSourceHosts(db: Kysely<Database>, hosts: readonly string[], by: string, now: Date): Promise<{ added: string[]; hosts: AllowedSourceHost[] }> {
  let added: string[] = [];
  const all = await changeSetting<AllowedSourceHost[]>(db, SOURCE_HOSTS, by, now, (current) => {
    const known = new Set((current ?? []).map((h) => h.host));
    added = [...new Set(hosts)].filter((h) => !known.has(h));
    if (added.length === 0) return null;
    return [...(current ?? []), ...added.map((host) => ({ host, addedAt: now.toISOString(), addedBy: by }))];
  });
  return { added, hosts: all ?? [] };
}

/** Removes a host; `removed` is false when it was not allowed. */
export async function removeAllowedSourceHost(db: Kysely<Database>, host: string, by: string, now: Date): Promise<{ removed: boolean; hosts: AllowedSourceHost[] }> {
  let removed = false;
  const all = await changeSetting<AllowedSourceHost[]>(db, SOURCE_HOSTS, by, now, (current) => {
    removed = (current ?? []).some((h) => h.host === host);
    return removed ? (current ?? []).filter((h) => h.host !== host) : null;
  });
  return { removed, hosts: all ?? [] };
}

export async function readServiceAddress(db: Kysely<Database>): Promise<ServiceAddress | null> {
  const row = await db.selectFrom('operator_settings').select(['value', 'updated_at']).where('key', '=', SERVICE_URL).executeTakeFirst();
  return row ? { url: fromJson<string>(row.value, ''), recordedAt: row.updated_at } : null;
}

export async function recordServiceAddress(db: Kysely<Database>, url: string, now: Date): Promise<void> {
  const values = { value: toJson(url), updated_at: now.toISOString(), updated_by: 'intake start' };
  await db
    .insertInto('operator_settings')
    .values({ key: SERVICE_URL, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

async function readSetting<T>(db: Kysely<Database>, key: string): Promise<T | null> {
  const row = await db.selectFrom('operator_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? fromJson<T | null>(row.value, null) : null;
}

/**
 * Read, change, write back only if nobody wrote in between (else read again): two processes
 * changing one setting at once — a service seeding hosts at start while the CLI allows one — both
 * land. `change` returns null to leave the setting as it is. Returns the value in force after.
 */
async function changeSetting<T>(db: Kysely<Database>, key: string, by: string, now: Date, change: (current: T | null) => T | null): Promise<T | null> {
  for (;;) {
    const row = await db.selectFrom('operator_settings').select('value').where('key', '=', key).executeTakeFirst();
    const current = row ? fromJson<T | null>(row.value, null) : null;
    const next = change(current);
    if (next === null) return current;
    const values = { value: toJson(next), updated_at: now.toISOString(), updated_by: by };
    const written = row
      ? (await db.updateTable('operator_settings').set(values).where('key', '=', key).where('value', '=', row.value).executeTakeFirst()).numUpdatedRows
      : (await db.insertInto('operator_settings').values({ key, ...values }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows;
    if (Number(written ?? 0) > 0) return next;
  }
}

/**
 * The credential key's fingerprint the database was first opened with: stored by the first process,
 * returned to every later one (which compares its own). Two processes racing both get the first.
 */
export async function claimCredentialKeyFingerprint(db: Kysely<Database>, fingerprint: string, now: Date): Promise<string> {
  await db
    .insertInto('operator_settings')
    .values({ key: CREDENTIAL_KEY, value: toJson(fingerprint), updated_at: now.toISOString(), updated_by: 'intake' })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await readSetting<string>(db, CREDENTIAL_KEY)) ?? fingerprint;
}

export async function readCredentialKeyFingerprint(db: Kysely<Database>): Promise<string | null> {
  return readSetting<string>(db, CREDENTIAL_KEY);
}

/** The SMTP server notifications are sent through; the password is encrypted like credentials. */
export interface StoredSmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  from: string;
  user: string | null;
  /** Encrypted envelope, or null. */
  password: string | null;
}

const SMTP = 'smtp';

export async function readSmtpSettings(db: Kysely<Database>): Promise<(StoredSmtpSettings & { updatedAt: string; updatedBy: string }) | null> {
  const row = await db.selectFrom('operator_settings').selectAll().where('key', '=', SMTP).executeTakeFirst();
  if (!row) return null;
  const value = fromJson<StoredSmtpSettings | null>(row.value, null);
  return value ? { ...value, updatedAt: row.updated_at, updatedBy: row.updated_by } : null;
}

export async function writeSmtpSettings(db: Kysely<Database>, settings: StoredSmtpSettings, by: string, now: Date): Promise<void> {
  const values = { value: toJson(settings), updated_at: now.toISOString(), updated_by: by };
  await db
    .insertInto('operator_settings')
    .values({ key: SMTP, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

export async function clearSmtpSettings(db: Kysely<Database>): Promise<boolean> {
  const result = await db.deleteFrom('operator_settings').where('key', '=', SMTP).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
