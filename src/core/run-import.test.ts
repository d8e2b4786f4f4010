import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/test-database.js';
import { createZendeskHarness, type ZendeskHarness } from '../../test/support/zendesk-harness.js';
import { findContactsByRef } from '../storage/contact.repository.js';
import { listDecisionsByRef } from '../storage/decision.repository.js';

let harness: ZendeskHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function contactRows(h: ZendeskHarness) {
  return h.services.db.selectFrom('contacts').selectAll().orderBy('source_ref').execute();
}

async function decisionCount(h: ZendeskHarness, runId: string) {
  const row = await h.services.db.selectFrom('decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(DIALECTS)('import runs on %s', (dialect) => {
  it('imports eligible tickets, records a decision for every record seen, and saves the checkpoint', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 120, maxPageSize: 25 } });
    const run = await harness.run();
    const tickets = harness.sim.tickets();
    const eligible = tickets.filter((t) => t.status === 'solved' || t.status === 'closed');
    expect(run.status).toBe('succeeded');
    expect(run.pages).toBe(5);
    expect(run.counts.seen).toBe(120);
    expect(run.counts.imported).toBe(eligible.length);
    expect(run.counts.excluded).toBe(120 - eligible.length);
    expect(run.counts.reasons.deleted_at_source).toBe(tickets.filter((t) => t.status === 'deleted').length);
    expect(await decisionCount(harness, run.id)).toBe(120);
    const rows = await contactRows(harness);
    expect(rows.map((r) => r.source_ref).sort()).toEqual(eligible.map((t) => String(t.id)).sort());
    const integration = await harness.refresh();
    expect(integration).toMatchObject({ status: 'active', checkpoint: run.checkpointAfter, lastDataImportedAt: expect.any(String) });
    expect(run.source.requests).toBe(5);
  });

  it('dedups: imported, then unchanged on a re-read, updated after a change, and a reopened ticket refreshes its status', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 30 } });
    const h = harness;
    await h.run();
    const solved = h.sim.tickets().find((t) => t.status === 'solved')!;
    const [before] = await findContactsByRef(h.services.db, h.workspace.id, String(solved.id));

    // Re-read everything from the start: what exists is a duplicate and stays as it is.
    await h.services.db.updateTable('integrations').set({ checkpoint: null }).execute();
    const reread = await h.run();
    expect(reread.counts.imported).toBe(0);
    expect(reread.counts.unchanged).toBe((await contactRows(h)).length);
    expect(reread.counts.updated).toBe(0);

    h.sim.updateTicket(solved.id, { priority: 'urgent', tags: [...solved.tags, 'escalated'] });
    h.clock.advance(61_000);
    const changed = await h.run();
    expect(changed.counts).toMatchObject({ seen: 1, updated: 1, imported: 0 });

    h.sim.reopenTicket(solved.id);
    h.clock.advance(61_000);
    const reopened = await h.run();
    expect(reopened.counts).toMatchObject({ seen: 1, updated: 1, excluded: 0 });

    const [after] = await findContactsByRef(h.services.db, h.workspace.id, String(solved.id));
    expect(after!.id).toBe(before!.id);
    expect(after).toMatchObject({ status: 'open', sourceStatus: 'open', closedAt: null, tags: [...solved.tags, 'escalated'] });
    expect(after!.metadata.priority).toBe('urgent');

    const history = await listDecisionsByRef(h.services.db, h.workspace.id, String(solved.id));
    expect(history.map((d) => d.outcome)).toEqual(['updated', 'updated', 'unchanged', 'imported']);
    expect(history[0]!.evidence).toMatchObject({ changedFields: { status: { before: 'solved', after: 'open' } } });
    expect(history[1]!.evidence).toMatchObject({ changedFields: { tags: { after: [...solved.tags, 'escalated'] } } });
    expect(history.every((d) => d.contactId === before!.id)).toBe(true);
    const all = await contactRows(h);
    expect(new Set(all.map((r) => r.source_ref)).size).toBe(all.length);
  });

  it('records why each excluded ticket was left out, with evidence', async () => {
    harness = await createZendeskHarness(dialect, {
      sim: { tickets: 60, spanDays: 40 },
      settings: { startDate: '2025-02-15', filters: [{ field: 'channel', operator: 'is_not', value: 'voice' }] },
    });
    const run = await harness.run();
    const decisions = await harness.services.db.selectFrom('decisions').selectAll().where('run_id', '=', run.id).execute();
    const byReason = (reason: string) => decisions.filter((d) => d.reason === reason).map((d) => JSON.parse(d.evidence) as Record<string, unknown>);
    for (const evidence of byReason('before_start_date')) expect(evidence).toMatchObject({ expected: 'created on or after 2025-02-15' });
    for (const evidence of byReason('filter')) expect(evidence).toMatchObject({ expected: 'channel is not "voice"', actual: 'voice', conditionIndex: 0 });
    expect(byReason('before_start_date').length + byReason('filter').length + byReason('status_not_eligible').length + byReason('deleted_at_source').length).toBe(run.counts.excluded);
    expect(Object.values(run.counts.reasons).reduce((a, b) => a + (b ?? 0), 0)).toBe(run.counts.excluded);
  });

  it('survives a run that dies between pages: the next run resumes with nothing lost or duplicated', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 100, maxPageSize: 20 } });
    const h = harness;
    // The token is revoked after two pages: the run stops mid-way, as a crash would.
    h.sim.injectFault({ kind: 'revoke_after', requests: 2 });
    const cut = await h.run();
    expect(cut.status).toBe('failed');
    expect(cut.pages).toBe(2);
    expect(cut.counts.seen).toBe(40);
    for (const user of h.sim.users) user.revoked = false;
    const resumed = await h.run();
    expect(resumed.checkpointBefore).toBe(cut.checkpointAfter);
    expect(resumed.counts.seen).toBe(60);
    const eligible = h.sim.tickets().filter((t) => t.status === 'solved' || t.status === 'closed').map((t) => String(t.id)).sort();
    expect((await contactRows(h)).map((r) => r.source_ref).sort()).toEqual(eligible);
  });

  it('rolls a page back whole when its transaction fails, and the next run re-reads that page only', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 100, maxPageSize: 20 } });
    const h = harness;
    // Fail the third page's run-counter update: after its contacts and decisions were written.
    let progressUpdates = 0;
    const original = h.services.db;
    h.services.db = original.withPlugin({
      transformQuery(args) {
        const node = args.node as { kind: string; table?: { table: { identifier: { name: string } } } };
        if (node.kind === 'UpdateQueryNode' && node.table?.table.identifier.name === 'runs') {
          const isProgress = JSON.stringify(args.node).includes('"checkpoint_after"');
          if (isProgress && ++progressUpdates === 3) throw new Error('disk full');
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const failed = await h.run();
    h.services.db = original;
    expect(failed.status).toBe('partial');
    expect(failed.error).toMatchObject({ category: 'internal' });
    expect(failed.pages).toBe(2);
    const afterFailure = await contactRows(h);
    const decisionsAfterFailure = await decisionCount(h, failed.id);
    expect(decisionsAfterFailure).toBe(40);

    const resumed = await h.run();
    expect(resumed.counts.seen).toBe(60);
    const rows = await contactRows(h);
    const eligible = h.sim.tickets().filter((t) => t.status === 'solved' || t.status === 'closed').map((t) => String(t.id)).sort();
    expect(rows.map((r) => r.source_ref).sort()).toEqual(eligible);
    expect(rows.length).toBeGreaterThan(afterFailure.length);
    const total = await h.services.db.selectFrom('decisions').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(100);
  });

  it('stops after the current page when the integration is paused mid-run', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 100, maxPageSize: 20 } });
    const h = harness;
    const { pause } = await import('../services/manage-integrations.js');
    // Paused by a user while the third page is on its way.
    h.sim.beforeExport = async (n) => {
      if (n === 3) await pause(h.services, h.workspace.id, h.integration.id, 'test', 'maintenance');
    };
    const run = await h.run();
    expect(run.status).toBe('cancelled');
    expect(run.stoppedBy).toBe('stop_requested');
    // The pause lands while page 2 is written and page 3 is read ahead: the run stops after the
    // page it was writing or the one after, never later.
    expect([2, 3]).toContain(run.pages);
    expect(run.counts.seen).toBe(run.pages * 20);
    const integration = await h.refresh();
    expect(integration.status).toBe('paused');
    expect(integration.pause).toMatchObject({ by: 'test', note: 'maintenance' });
  });
});
