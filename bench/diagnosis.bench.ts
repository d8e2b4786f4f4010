import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ROLE_PERMISSIONS } from '../src/core/permissions.js';
import { diagnoseReference } from '../src/services/diagnose-reference.js';
import { insertIntegration } from '../src/storage/integration.repository.js';
import type { DialectName } from '../src/storage/open-database.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, benchServices, fmt, type BenchDatabase } from './bench-support.js';

const SETTINGS = { startDate: '2024-01-01', statusCriteria: ['solved', 'closed'] as Array<'solved' | 'closed'>, filters: [{ field: 'tag', operator: 'contains' as const, value: 'vip' }], intervalMinutes: 15, noImportAlertHours: 24 };

/**
 * Fills the ledger: `contacts` imported contacts with two decisions each (imported, then
 * unchanged), and as many excluded-only references as it takes to reach `decisions` rows.
 * Generated inside the database (one statement per table) so setting up takes seconds, not hours.
 */
async function fill(database: BenchDatabase, ids: { workspaceId: string; integrationId: string }, contacts: number, decisions: number): Promise<void> {
  const excludedOnly = decisions - 2 * contacts;
  const { db, dialect } = database;
  const series = (n: number) => (dialect === 'postgres' ? sql`select g as n from generate_series(1, ${n}) g` : sql`with recursive s(n) as (select 1 union all select n + 1 from s where n < ${n}) select n from s`);
  const text = (expr: ReturnType<typeof sql>) => (dialect === 'postgres' ? sql`(${expr})::text` : sql`cast(${expr} as text)`);
  const evidence = JSON.stringify({ reason: 'filter', expected: 'tag contains "vip"', actual: ['billing'], condition: SETTINGS.filters[0], conditionIndex: 0, record: { channel: 'email', agent: '1', sourceStatus: 'solved', status: 'solved', tags: ['billing'], customFields: {}, createdAt: '2025-01-02T00:00:00.000Z', updatedAt: '2025-01-03T00:00:00.000Z' } });
  await sql`insert into contacts (id, workspace_id, integration_id, platform, source_account, source_ref, channel, agent, source_status, status, tags, custom_fields, source_created_at, source_updated_at, source_closed_at, version, metadata, imported_at, refreshed_at, first_run_id, last_run_id)
    select ${text(sql`s.n`)} || '-c', ${ids.workspaceId}, ${ids.integrationId}, 'zendesk', 'acme', ${text(sql`s.n`)}, 'email', '360011', 'solved', 'solved', '["vip"]', '{}', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z', null, 1735862400000, '{"subject":"Bench"}', '2025-01-03T00:05:00.000Z', '2025-01-03T00:05:00.000Z', 'bench-run', 'bench-run'
    from (${series(contacts)}) s`.execute(db);
  for (const [outcome, at] of [['imported', '2025-01-03T00:05:00.000Z'], ['unchanged', '2025-01-04T00:05:00.000Z']] as const) {
    await sql`insert into decisions (workspace_id, integration_id, run_id, source_ref, outcome, reason, evidence, contact_id, source_version, source_updated_at, decided_at)
      select ${ids.workspaceId}, ${ids.integrationId}, 'bench-run', ${text(sql`s.n`)}, ${outcome}, null, '{}', ${text(sql`s.n`)} || '-c', 1735862400000, '2025-01-03T00:00:00.000Z', ${at}
      from (${series(contacts)}) s`.execute(db);
  }
  await sql`insert into decisions (workspace_id, integration_id, run_id, source_ref, outcome, reason, evidence, contact_id, source_version, source_updated_at, decided_at)
    select ${ids.workspaceId}, ${ids.integrationId}, 'bench-run', 'x' || ${text(sql`s.n`)}, 'excluded', 'filter', ${evidence}, null, 1735862400000, '2025-01-03T00:00:00.000Z', '2025-01-03T00:05:00.000Z'
    from (${series(excludedOnly)}) s`.execute(db);
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  else await sql`analyze`.execute(db);
}

export async function diagnosisBenchmark(options: { dialect: DialectName; contacts: number; decisions: number; samples: number }): Promise<void> {
  console.log(`\n== diagnosis latency: ${fmt(options.contacts)} contacts, ${fmt(options.decisions)} decisions on ${options.dialect} ==`);
  const database = await benchDatabase(options.dialect);
  try {
    const now = new Date();
    const workspace = await insertWorkspace(database.db, { name: 'bench', featureFlags: { integrations: true }, now });
    const integrationId = randomUUID();
    await insertIntegration(database.db, { id: integrationId, workspaceId: workspace.id, platform: 'zendesk', name: 'Bench', sourceAccount: 'acme', connection: { subdomain: 'acme' }, credentials: null, settings: SETTINGS, now, createdBy: 'bench' });
    const fillStarted = performance.now();
    await fill(database, { workspaceId: workspace.id, integrationId }, options.contacts, options.decisions);
    console.log(`filled in ${fmt((performance.now() - fillStarted) / 1000, 1)} s`);
    const services = benchServices(database, []);
    const caller = { kind: 'user' as const, workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'bench' };
    const excludedOnly = options.decisions - 2 * options.contacts;
    const refs = Array.from({ length: options.samples }, (_, i) =>
      i % 2 === 0 ? String(1 + Math.floor(Math.random() * options.contacts)) : `x${1 + Math.floor(Math.random() * excludedOnly)}`,
    );
    for (const ref of refs.slice(0, 20)) await diagnoseReference(services, caller, { sourceRef: ref, integrationId });
    const times: number[] = [];
    const causes = new Map<string, number>();
    for (const ref of refs) {
      const started = performance.now();
      const result = await diagnoseReference(services, caller, { sourceRef: ref, integrationId });
      times.push(performance.now() - started);
      for (const d of result.diagnoses) causes.set(d.cause, (causes.get(d.cause) ?? 0) + 1);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    console.log(`${times.length} diagnoses (${[...causes].map(([c, n]) => `${c} ${n}`).join(', ')}): median ${fmt(at(0.5), 1)} ms, p99 ${fmt(at(0.99), 1)} ms, max ${fmt(times.at(-1)!, 1)} ms (target p99 < 50 ms: ${at(0.99) < 50 ? 'met' : 'NOT met'})`);
  } finally {
    await database.destroy();
  }
}
