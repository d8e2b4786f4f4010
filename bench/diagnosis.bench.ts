import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql, type KyselyPlugin, type RawBuilder, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { ROLE_PERMISSIONS } from '../src/core/permissions.js';
import { diagnoseReference } from '../src/services/diagnose-reference.js';
import { insertIntegration } from '../src/storage/integration.repository.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { openDatabase, type DialectName, type OpenedDatabase } from '../src/storage/open-database.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, benchServices, fmt, type BenchDatabase } from './bench-support.js';
import { asText, insertSeries, withIndexesDeferred } from './ledger-fill.js';

const SETTINGS = { startDate: '2024-01-01', statusCriteria: ['solved', 'closed'] as Array<'solved' | 'closed'>, filters: [{ field: 'tag', operator: 'contains' as const, value: 'vip' }], intervalMinutes: 15, noImportAlertHours: 24 };

/** Times every statement by the table it reads first, to show where a diagnosis spends its time. */
class StatementTimes implements KyselyPlugin {
  readonly #started = new WeakMap<object, { at: number; table: string }>();
  readonly byTable = new Map<string, { count: number; ms: number }>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as { kind: string; from?: { froms: Array<{ kind: string; table?: { identifier?: { name: string } }; node?: { table?: { identifier?: { name: string } } } }> } };
    const first = node.from?.froms[0];
    const table = first?.table?.identifier?.name ?? first?.node?.table?.identifier?.name ?? node.kind;
    this.#started.set(args.queryId, { at: performance.now(), table });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.#started.get(args.queryId);
    if (started) {
      const entry = this.byTable.get(started.table) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - started.at;
      this.byTable.set(started.table, entry);
    }
    return args.result;
  }
}

/**
 * Fills the ledger: `contacts` imported contacts with two decisions each (imported, then
 * unchanged), and as many excluded-only references as it takes to reach `decisions` rows.
 * Generated inside the database (INSERT…SELECT over generate_series on PostgreSQL, in chunks on
 * SQLite) with the indexes built once afterwards, so 10 million rows take minutes, not hours.
 */
async function fill(database: BenchDatabase, ids: { workspaceId: string; integrationId: string }, contacts: number, decisions: number): Promise<void> {
  const excludedOnly = decisions - 2 * contacts;
  const n = asText(database, sql`s.n`);
  const evidence = JSON.stringify({ reason: 'filter', expected: 'tag contains "vip"', actual: ['billing'], condition: SETTINGS.filters[0], conditionIndex: 0, record: { channel: 'email', agent: '1', sourceStatus: 'solved', status: 'solved', tags: ['billing'], customFields: {}, createdAt: '2025-01-02T00:00:00.000Z', updatedAt: '2025-01-03T00:00:00.000Z' } });
  await withIndexesDeferred(database, 'contacts', () =>
    insertSeries(database, contacts, (series) => sql`insert into contacts (id, workspace_id, integration_id, platform, source_account, source_ref, channel, agent, source_status, status, tags, custom_fields, source_created_at, source_updated_at, source_closed_at, version, metadata, imported_at, refreshed_at, first_run_id, last_run_id)
      select ${n} || '-c', ${ids.workspaceId}, ${ids.integrationId}, 'zendesk', 'acme', ${n}, 'email', '360011', 'solved', 'solved', '["vip"]', '{}', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z', null, 1735862400000, '{"subject":"Bench"}', '2025-01-03T00:05:00.000Z', '2025-01-03T00:05:00.000Z', 'bench-run', 'bench-run'
      from (${series}) s`),
  );
  await withIndexesDeferred(database, 'decisions', async () => {
    for (const [outcome, at] of [['imported', '2025-01-03T00:05:00.000Z'], ['unchanged', '2025-01-04T00:05:00.000Z']] as const) {
      await insertSeries(database, contacts, (series) => sql`insert into decisions (workspace_id, integration_id, run_id, source_ref, outcome, reason, evidence, contact_id, source_version, source_updated_at, decided_at)
        select ${ids.workspaceId}, ${ids.integrationId}, 'bench-run', ${n}, ${outcome}, null, '{}', ${n} || '-c', 1735862400000, '2025-01-03T00:00:00.000Z', ${at}
        from (${series}) s`);
    }
    await insertSeries(database, excludedOnly, (series) => sql`insert into decisions (workspace_id, integration_id, run_id, source_ref, outcome, reason, evidence, contact_id, source_version, source_updated_at, decided_at)
      select ${ids.workspaceId}, ${ids.integrationId}, 'bench-run', 'x' || ${n}, 'excluded', 'filter', ${evidence}, null, 1735862400000, '2025-01-03T00:00:00.000Z', '2025-01-03T00:05:00.000Z'
      from (${series}) s`);
  });
}

/** Diagnoses run before measuring (not counted). */
const WARM_UP = 200;

/**
 * A freshly bulk-filled table has an empty visibility map and unset hint bits, which a production
 * ledger, filled over months, has long had from autovacuum: the first reads of each page would set
 * them (writing) and index-only scans would visit the heap. VACUUM (ANALYZE) does what autovacuum
 * would have done, so the bench measures the ledger as it is in use, not the morning after a load.
 */
async function vacuumFilled(database: BenchDatabase): Promise<void> {
  const started = performance.now();
  // VACUUM cannot run inside a transaction: each on its own statement, outside any.
  for (const table of ['contacts', 'decisions']) await sql`vacuum (analyze) ${sql.table(table)}`.execute(database.db);
  console.log(`vacuumed and analysed in ${fmt((performance.now() - started) / 1000, 1)} s`);
}

/** The scans of a statement's plan as it ran, each with its index and the buffers it touched. */
async function explainScans(database: BenchDatabase, query: RawBuilder<unknown>): Promise<string> {
  const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${query}`.execute(database.db);
  const lines = plan.rows.map((r) => r['QUERY PLAN'].trim());
  const parts: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (!/Scan/.test(line)) continue;
    const scan = line.replace(/\s+\(cost.*$/, '').replace(/^->\s*/, '');
    // The lines under a scan node until the next node: its heap fetches and buffers.
    const details = lines.slice(i + 1).findIndex((l) => l.startsWith('->'));
    const own = lines.slice(i + 1, details === -1 ? undefined : i + 1 + details);
    const extra = own.filter((l) => /^(Heap Fetches|Buffers):/.test(l)).join(', ');
    parts.push(extra ? `${scan} (${extra})` : scan);
  }
  const time = lines.find((l) => l.startsWith('Execution Time'));
  return `${parts.join('; ')}${time ? `; ${time.toLowerCase()}` : ''}`;
}

/**
 * With `--keep NAME` the filled ledger stays (a PostgreSQL schema, or a SQLite file in the system's
 * temp folder, of that name) and the next run with the same name measures it again without filling.
 */
async function keptDatabase(name: string, dialect: DialectName): Promise<BenchDatabase> {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error('--keep takes a name of lowercase letters, digits and _ (a schema name), like ledger_10m');
  let database: OpenedDatabase;
  if (dialect === 'sqlite') {
    database = openDatabase({ kind: 'sqlite', file: join(tmpdir(), `intake-bench-${name}.db`) });
  } else {
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
    await admin.end();
    database = openDatabase({ kind: 'postgres', url, schema: name });
  }
  await migrateToLatest(database);
  return { ...database, destroy: () => database.close() };
}

export async function diagnosisBenchmark(options: { dialect: DialectName; contacts: number; decisions: number; samples: number; keep?: string }): Promise<void> {
  console.log(`\n== diagnosis latency: ${fmt(options.contacts)} contacts, ${fmt(options.decisions)} decisions on ${options.dialect} ==`);
  if (options.decisions <= 2 * options.contacts) throw new Error(`--ledger-decisions must be above twice --ledger-contacts (${fmt(2 * options.contacts)}): each contact has two decisions`);
  const database = options.keep ? await keptDatabase(options.keep, options.dialect) : await benchDatabase(options.dialect);
  try {
    const now = new Date();
    let workspace = await database.db.selectFrom('workspaces').select('id').where('name', '=', 'bench').executeTakeFirst();
    let integrationId = workspace ? (await database.db.selectFrom('integrations').select('id').where('workspace_id', '=', workspace.id).executeTakeFirstOrThrow()).id : randomUUID();
    if (workspace) {
      console.log(`reusing the ledger kept in ${options.keep}`);
    } else {
      // Named 'bench' only once filled, so an interrupted fill is never measured as a full ledger.
      workspace = await insertWorkspace(database.db, { name: 'bench-filling', featureFlags: { integrations: true }, now });
      integrationId = randomUUID();
      await insertIntegration(database.db, { id: integrationId, workspaceId: workspace.id, platform: 'zendesk', name: 'Bench', sourceAccount: 'acme', connection: { subdomain: 'acme' }, credentials: null, settings: SETTINGS, now, createdBy: 'bench' });
      const fillStarted = performance.now();
      await fill(database, { workspaceId: workspace.id, integrationId }, options.contacts, options.decisions);
      console.log(`filled in ${fmt((performance.now() - fillStarted) / 1000, 1)} s`);
      if (options.dialect === 'postgres') await vacuumFilled(database);
      await database.db.updateTable('workspaces').set({ name: 'bench' }).where('id', '=', workspace.id).execute();
    }
    const statements = new StatementTimes();
    const services = { ...benchServices(database, []), db: database.db.withPlugin(statements) };
    const caller = { kind: 'user' as const, workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'bench' };
    const excludedOnly = options.decisions - 2 * options.contacts;
    const refs = Array.from({ length: options.samples }, (_, i) =>
      i % 2 === 0 ? String(1 + Math.floor(Math.random() * options.contacts)) : `x${1 + Math.floor(Math.random() * excludedOnly)}`,
    );
    // Half the diagnoses under the integration (the integration page), half across the workspace (the search box).
    const diagnoseOne = (ref: string, i: number) => diagnoseReference(services, caller, i % 4 < 2 ? { sourceRef: ref, integrationId } : { sourceRef: ref });
    // Warm-up: a running service has the indexes' upper pages in memory; a fresh bench process has
    // neither those nor its connections. Other references than the measured ones, so no answer is cached.
    for (let i = 0; i < WARM_UP; i += 1) await diagnoseOne(i % 2 === 0 ? String(1 + Math.floor(Math.random() * options.contacts)) : `x${1 + Math.floor(Math.random() * excludedOnly)}`, i);
    statements.byTable.clear();
    const times: number[] = [];
    const causes = new Map<string, number>();
    const cpuBefore = process.cpuUsage();
    for (const [i, ref] of refs.entries()) {
      const started = performance.now();
      const result = await diagnoseOne(ref, i);
      times.push(performance.now() - started);
      for (const d of result.diagnoses) causes.set(d.cause, (causes.get(d.cause) ?? 0) + 1);
    }
    const cpu = process.cpuUsage(cpuBefore);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    console.log(`${times.length} diagnoses (${[...causes].map(([c, n]) => `${c} ${n}`).join(', ')}): p50 ${fmt(at(0.5), 1)} ms, p99 ${fmt(at(0.99), 1)} ms, max ${fmt(times.at(-1)!, 1)} ms (target p99 < 50 ms: ${at(0.99) < 50 ? 'met' : 'NOT met'})`);
    const perDiagnosis = [...statements.byTable].sort((a, b) => b[1].ms - a[1].ms).map(([table, t]) => `${table} ${fmt(t.count / refs.length, 1)}× ${fmt(t.ms / t.count, 2)} ms`);
    // On a busy machine the latency is mostly waiting for a core; the CPU time is what a diagnosis costs.
    console.log(`CPU time of this process per diagnosis: ${fmt((cpu.user + cpu.system) / 1000 / refs.length, 2)} ms; load average during the bench ${loadavg().map((l) => fmt(l, 1)).join(', ')} on ${availableParallelism()} cores`);
    console.log(`statements per diagnosis, by table (count, mean time): ${perDiagnosis.join(', ')}`);
    if (options.dialect === 'postgres') {
      // Which index answers each of a diagnosis's ledger lookups, and what it read: a sequential scan
      // here, or thousands of buffers, would be the regression to catch.
      const ref = refs[1]!;
      const plans: Array<[string, RawBuilder<unknown>]> = [
        ["one integration's history of a reference", sql`select * from decisions where workspace_id = ${workspace.id} and source_ref = ${ref} and integration_id = ${integrationId} order by id desc limit 500`],
        ['a reference across the workspace', sql`select * from decisions where workspace_id = ${workspace.id} and source_ref = ${ref} order by id desc limit 500`],
        ["a reference's contacts", sql`select * from contacts where workspace_id = ${workspace.id} and source_ref = ${refs[0]!} order by imported_at`],
      ];
      for (const [what, query] of plans) console.log(`plan, ${what}: ${await explainScans(database, query)}`);
    }
  } finally {
    await database.destroy();
  }
}
