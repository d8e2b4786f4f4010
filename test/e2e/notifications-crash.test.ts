import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBackfillEnd } from '../../src/core/describe-notification.js';
import { SeededRandom } from '../../src/connectors/simulation/seeded-random.js';
import { verifySignature } from '../../src/notifications/webhook-signature.js';
import { writeNotificationEvent } from '../../src/storage/notification-outbox.repository.js';
import { openDatabase } from '../../src/storage/open-database.js';
import { runIntakeCommand, startIntakeProcess, type IntakeProcess } from '../support/intake-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/notification-receivers.js';

const EVENTS = 80;
const KILLS = 6;

/**
 * The real `intake start` delivers an outbox of events to a webhook and is killed with SIGKILL at
 * random moments, then restarted: every event arrives (none lost), and with its idempotency key a
 * receiver sees each exactly once — a crash repeats at most the one message that was in flight.
 */
describe('the notification sender killed while delivering', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-notify-crash-'));
  let receiver: WebhookReceiver | null = null;
  let current: IntakeProcess | null = null;
  afterAll(async () => {
    await current?.stop('SIGKILL');
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses and duplicates nothing over ${KILLS} kills`, { timeout: 180_000 }, async () => {
    const random = new SeededRandom(16);
    receiver = await startWebhookReceiver();
    // Like a real receiver: each answer takes a little while.
    receiver.answer = () => new Promise((resolve) => setTimeout(() => resolve(200), random.int(5, 40)));
    const env = { INTAKE_DATA_DIR: dataDir, INTAKE_SANDBOX: 'off', INTAKE_SCHEDULER: 'off', PORT: '0', INTAKE_EXTRA_SOURCE_HOSTS: receiver.host };
    const added = await runIntakeCommand(['notifications', 'add-webhook', receiver.url, '--events', 'backfill.finished', '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    const { signingSecret } = JSON.parse(added.stdout) as { signingSecret: string };

    // The outbox, written as storage writes it (in a transaction), before any sender runs.
    const database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'intake.db') });
    const ids: string[] = [];
    try {
      const workspace = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
      const integration = { id: 'int-crash', name: 'Crash test', platform: 'zendesk' };
      for (let i = 0; i < EVENTS; i += 1) {
        const described = describeBackfillEnd({ integration, runId: `run-${i}`, status: 'succeeded', window: { from: '2025-01-01', to: '2025-01-31' }, counts: { imported: i, updated: 0, excluded: 0, failed: 0 }, errorMessage: null, category: null })!;
        const id = await database.db.transaction().execute((trx) => writeNotificationEvent(trx, { workspaceId: workspace.id, integration, described, now: new Date() }));
        ids.push(id!);
      }
    } finally {
      await database.close();
    }

    let kills = 0;
    while (kills < KILLS) {
      current = startIntakeProcess(env);
      await current.waitFor((l) => String(l.msg).startsWith('API and web UI on'));
      // Killed while delivering: after this life's sender has reached the receiver a few times, a moment later.
      const target = receiver.received.length + random.int(1, 12);
      const deadline = Date.now() + 60_000;
      while (receiver.received.length < target && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, random.int(0, 30)));
      current.child.kill('SIGKILL');
      await current.exited;
      kills += 1;
    }
    const beforeLast = new Set(receiver.accepted().map((r) => r.json.id)).size;

    current = startIntakeProcess(env);
    const deadline = Date.now() + 90_000;
    while (new Set(receiver.accepted().map((r) => r.json.id)).size < EVENTS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await current.stop();

    const accepted = receiver.accepted();
    const distinct = new Set(accepted.map((r) => String(r.headers['intake-event-id'])));
    // None lost: every event arrived, under its own idempotency key.
    expect([...distinct].sort()).toEqual([...ids].sort());
    // The kills fell while delivering (some, not all, had arrived before the last start).
    expect(beforeLast).toBeGreaterThan(0);
    expect(beforeLast).toBeLessThan(EVENTS);
    // Repeats only of a message in flight at a kill, each with the same key (a receiver drops it).
    expect(accepted.length - distinct.size).toBeLessThanOrEqual(KILLS);
    console.log(`notification crash test: ${KILLS} SIGKILLs, ${beforeLast} of ${EVENTS} events delivered before the last start, ${distinct.size} distinct delivered in the end, ${accepted.length - distinct.size} repeated (same key)`);
    const now = Math.floor(Date.now() / 1000);
    for (const r of accepted) expect(verifySignature(signingSecret, String(r.headers['intake-signature']), r.body, now, 600)).toBe(true);

    const after = openDatabase({ kind: 'sqlite', file: join(dataDir, 'intake.db') });
    try {
      const statuses = await after.db.selectFrom('notification_deliveries').select('status').execute();
      expect(statuses).toHaveLength(EVENTS);
      expect(statuses.every((s) => s.status === 'sent')).toBe(true);
    } finally {
      await after.close();
    }
  });
});
