import { describe, expect, it } from 'vitest';
import type { Decision } from './decision.js';
import { diagnose } from './diagnose.js';
import type { DiagnosisFacts } from './diagnosis.js';
import { FULL_VISIBILITY } from './evidence-visibility.js';
import type { Integration } from './integration.js';
import { integrationSettingsSchema } from './integration-settings.js';

const now = new Date('2025-03-10T12:00:00Z');

function integration(patch: Partial<Integration> = {}): Integration {
  return {
    id: 'int-1',
    workspaceId: 'ws-1',
    platform: 'zendesk',
    name: 'Support',
    sourceAccount: 'acme',
    connection: {},
    credentialsSet: true,
    credentialsUpdatedAt: null,
    settings: integrationSettingsSchema.parse({ startDate: '2025-01-01', filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] }),
    checkpoint: null,
    status: 'active',
    health: 'active',
    healthSince: '2025-03-01T00:00:00Z',
    outageRuns: 0,
    outageSince: null,
    lastError: null,
    lastRanAt: '2025-03-10T11:55:00Z',
    lastDataImportedAt: null,
    nextRunAt: '2025-03-10T12:10:00Z',
    pause: null,
    runningSince: null,
    catchUpSince: null,
    checkpointReachedAt: '2025-03-10T11:54:00Z',
    backfillHint: null,
    settingsProblems: [],
    activeRun: null,
    createdAt: '2025-03-01T00:00:00Z',
    updatedAt: '2025-03-01T00:00:00Z',
    ...patch,
  };
}

const excluded: Decision = {
  id: '1',
  runId: 'run-1',
  integrationId: 'int-1',
  sourceRef: '141',
  outcome: 'excluded',
  reason: 'filter',
  evidence: { reason: 'filter', expected: 'tag contains "vip"', actual: ['billing'], condition: { field: 'tag', operator: 'contains', value: 'vip' }, conditionIndex: 0 },
  contactId: null,
  sourceVersion: 1,
  sourceUpdatedAt: '2025-03-10T10:00:00Z',
  decidedAt: '2025-03-10T11:00:00Z',
};

function facts(patch: Partial<DiagnosisFacts> = {}): DiagnosisFacts {
  return {
    sourceRef: '141',
    now,
    integration: integration(),
    platformName: 'Zendesk',
    referenceName: 'ticket id',
    visibility: FULL_VISIBILITY,
    contact: null,
    elsewhere: [],
    decisions: [],
    settingsHistory: [],
    passesTodaysSettings: null,
    live: null,
    ...patch,
  };
}

describe('diagnose', () => {
  it('says it is not missing when this integration imported it', () => {
    const d = diagnose(facts({ contact: { id: 'c-1', importedAt: '2025-03-09T10:00:00Z', refreshedAt: '2025-03-09T10:00:00Z', firstRunId: 'run-0', sourceStatus: 'solved' } }));
    expect(d).toMatchObject({ cause: 'imported', action: { kind: 'open_contact', contactId: 'c-1' } });
    expect(d.verdict).toBe('It is not missing: ticket 141 was imported on 2025-03-09 10:00 UTC by run run-0.');
  });

  it('points to the other integration on the same account that imported it', () => {
    const d = diagnose(facts({ elsewhere: [{ integrationName: 'Support EU', contactId: 'c-9' }] }));
    expect(d.cause).toBe('imported_elsewhere');
    expect(d.verdict).toBe('Ticket 141 was imported under the integration "Support EU", which reads the same Zendesk account "acme" as "Support": it is not missing, look for it there.');
    expect(d.steps.find((s) => s.key === 'duplicates')).toMatchObject({ verdict: 'problem', summary: 'Imported under another integration on the same account: "Support EU".' });
  });

  it('shows each reader only their side of an exclusion', () => {
    const full = diagnose(facts({ decisions: [excluded], passesTodaysSettings: false }));
    expect(full.verdict).toContain('by the filter `tag contains "vip"` (it had ["billing"])');
    const viewer = diagnose(facts({ decisions: [excluded], passesTodaysSettings: false, visibility: { settings: false, contacts: true } }));
    expect(viewer.verdict).toContain('by a filter of the integration (someone with Manage Integrations can see which)');
    expect(JSON.stringify(viewer)).not.toContain('vip');
    expect(viewer.steps.find((s) => s.key === 'eligibility')!.summary).toContain('(was ["billing"])');
    const manager = diagnose(facts({ decisions: [excluded], passesTodaysSettings: false, visibility: { settings: true, contacts: false } }));
    expect(manager.verdict).toContain('by the filter `tag contains "vip"`.');
    expect(JSON.stringify(manager)).not.toContain('billing');
  });

  it('names a paused, a failing and a rate-limited integration, with what to do', () => {
    const paused = diagnose(facts({ integration: integration({ status: 'paused', pause: { at: '2025-03-09T08:00:00Z', by: 'ann@acme.com', note: null } }) }));
    expect(paused).toMatchObject({ cause: 'integration_paused', action: { kind: 'resume' } });
    const failing = diagnose(
      facts({ integration: integration({ status: 'failure', health: 'failure', lastError: { category: 'auth_revoked', message: 'Zendesk rejected the API token (401).', at: '2025-03-10T09:00:00Z', runId: 'r', resumeAt: null, detail: {} } }) }),
    );
    expect(failing).toMatchObject({ cause: 'integration_failing', action: { kind: 'reconnect' } });
    const limited = diagnose(
      facts({ integration: integration({ status: 'warning', health: 'warning', lastError: { category: 'rate_limited', message: '429', at: '2025-03-10T11:50:00Z', runId: 'r', resumeAt: '2025-03-10T12:30:00Z', detail: {} } }) }),
    );
    expect(limited).toMatchObject({ cause: 'rate_limited', action: { kind: 'wait' } });
    expect(limited.verdict).toContain('resumes at 2025-03-10 12:30 UTC');
  });

  it('judges from the source when the ledger is silent: not seen yet, or a reference it does not know', () => {
    const record = { ok: true as const, contact: { sourceRef: '141', channel: 'email', agent: null, sourceStatus: 'solved', status: 'solved' as const, tags: ['vip'], customFields: {}, createdAt: '2025-03-10T11:50:00Z', updatedAt: '2025-03-10T11:58:00Z', closedAt: null, version: 1, metadata: {} } };
    const notYet = diagnose(facts({ live: { kind: 'found', record, wouldBe: { sourceRef: '141', outcome: 'imported', reason: null, evidence: {}, sourceVersion: 1, sourceUpdatedAt: record.contact.updatedAt } } }));
    expect(notYet).toMatchObject({ cause: 'not_seen_yet', action: { kind: 'manual_import' } });
    const unknown = diagnose(facts({ live: { kind: 'not_found' } }));
    expect(unknown.cause).toBe('unknown_reference');
    expect(unknown.verdict).toBe('Zendesk has no ticket 141 in the account "acme", and no run has seen it: check the reference, or whether it belongs to another integration.');
    const skipped = diagnose(facts({ live: { kind: 'skipped', message: 'you have asked too often.' } }));
    expect(skipped).toMatchObject({ cause: 'undetermined', action: { kind: 'manual_import' } });
    expect(skipped.steps.find((s) => s.key === 'manual_import')).toMatchObject({ verdict: 'unknown', summary: 'Zendesk was not asked: you have asked too often.' });
  });

  it('never offers a manual import for a platform that cannot fetch one conversation by reference', () => {
    const unasked = diagnose(facts({ canFetchOne: false, live: { kind: 'skipped', message: 'it reads tickets only through its reports.' } }));
    expect(unasked).toMatchObject({ cause: 'undetermined', action: { kind: 'open_integration' } });
    expect(unasked.verdict).toMatch(/cannot fetch one ticket by reference, so no manual import: the next run reads it/);
    expect(unasked.steps.find((s) => s.key === 'manual_import')).toMatchObject({ verdict: 'not_applicable', action: null });
    const offered = [unasked.action, ...unasked.steps.map((s) => s.action)].filter((a) => a?.kind === 'manual_import');
    expect(offered).toEqual([]);
  });
});
