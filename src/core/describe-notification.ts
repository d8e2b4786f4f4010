import { categoryFix, CREDENTIAL_CATEGORIES } from './category-fix.js';
import type { IncidentKind, NotificationEventType } from './notification-event.js';

/** An event about to be written: what it says, and what it does to its incident's thread. */
export interface DescribedEvent {
  type: NotificationEventType;
  /** open: starts (or continues) the integration's incident of this kind; close: resolves it. */
  incident: { kind: IncidentKind; action: 'open' | 'close'; title: string } | null;
  title: string;
  message: string;
  category: string | null;
  fix: string | null;
  /** A path of the web UI. */
  path: string;
  detail: Record<string, unknown>;
}

export interface IntegrationRef {
  id: string;
  name: string;
  platform: string;
}

const integrationPath = (integration: IntegrationRef) => `/integrations/${integration.id}`;

/**
 * The event for a change of an integration's health, or null when the change is not news (a
 * pause, a resume). Called only when the health changed, so a failing run after a failing run says
 * nothing: one message per incident, not per run.
 */
export function describeHealthChange(input: {
  integration: IntegrationRef;
  from: 'active' | 'warning' | 'failure';
  to: 'active' | 'warning' | 'failure';
  category: string | null;
  errorMessage: string | null;
  /** For a recovery: since when it was failing, and what the run caught up. */
  since?: string | null;
  recovered?: number | null;
  reconnectedBy?: string | null;
}): DescribedEvent | null {
  const { integration, from, to, category } = input;
  if (from === to) return null;
  const incidentTitle = `${integration.name} has a problem`;
  const detail = { from, to, ...(input.since ? { since: input.since } : {}) };
  if (to === 'active') {
    const caughtUp =
      input.reconnectedBy !== undefined && input.reconnectedBy !== null
        ? `New credentials were saved by ${input.reconnectedBy}; the next run catches up from when it started failing.`
        : input.recovered !== undefined && input.recovered !== null
          ? `The last run succeeded and caught up ${input.recovered} contact${input.recovered === 1 ? '' : 's'} changed during the problem.`
          : 'The last run succeeded.';
    return {
      type: 'integration.recovered',
      incident: { kind: 'health', action: 'close', title: incidentTitle },
      title: `Resolved: ${integration.name} is importing again`,
      message: `${integration.name} is back to active after being in ${from}. ${caughtUp}`,
      category: null,
      fix: null,
      path: integrationPath(integration),
      detail: { ...detail, recovered: input.recovered ?? null },
    };
  }
  const credentials = category !== null && CREDENTIAL_CATEGORIES.includes(category);
  const type: NotificationEventType = credentials ? 'credentials.rejected' : to === 'failure' ? 'integration.failure' : 'integration.warning';
  const cause = input.errorMessage ? ` ${input.errorMessage}` : '';
  const headline = credentials
    ? `${integration.name}: the platform rejected its credentials`
    : to === 'failure'
      ? `${integration.name} is failing`
      : `${integration.name} needs attention`;
  const meaning =
    to === 'failure'
      ? 'Imports have stopped until the cause is fixed; nothing is lost, the checkpoint waits.'
      : 'Imports go on, but the last run did not finish cleanly.';
  return {
    type,
    incident: { kind: 'health', action: 'open', title: incidentTitle },
    title: headline,
    message: `${integration.name} went from ${from} to ${to}.${cause} ${meaning}`.replace(/\s+/g, ' ').trim(),
    category,
    fix: categoryFix(category),
    path: integrationPath(integration),
    detail,
  };
}

/** A volume or no-import alert opened or closed. */
export function describeAlert(input: { integration: IntegrationRef; kind: 'volume_drop' | 'no_imports'; opened: boolean; message: string | null; detail: Record<string, unknown> }): DescribedEvent {
  const { integration, kind, opened } = input;
  const volume = kind === 'volume_drop';
  const incidentTitle = volume ? `${integration.name}: fewer contacts than usual` : `${integration.name}: nothing imported`;
  const type: NotificationEventType = volume ? (opened ? 'volume.opened' : 'volume.closed') : opened ? 'no_imports.opened' : 'no_imports.closed';
  return {
    type,
    incident: { kind, action: opened ? 'open' : 'close', title: incidentTitle },
    title: opened ? incidentTitle : `Resolved: ${incidentTitle}`,
    message: opened
      ? (input.message ?? incidentTitle)
      : volume
        ? `Imports for ${integration.name} are back to their usual volume.`
        : `${integration.name} is importing contacts again.`,
    category: null,
    fix: null,
    path: `/integrations/${integration.id}`,
    detail: input.detail,
  };
}

/** A backfill (not a preview) came to its end. */
export function describeBackfillEnd(input: {
  integration: IntegrationRef;
  runId: string;
  status: string;
  window: { from: string | null; to: string | null };
  counts: { imported: number; updated: number; excluded: number; failed: number };
  errorMessage: string | null;
  category: string | null;
}): DescribedEvent | null {
  const { integration, status, counts } = input;
  if (status === 'cancelled' || status === 'running') return null;
  const failed = status === 'failed';
  const range = `${input.window.from?.slice(0, 10) ?? '…'} to ${input.window.to?.slice(0, 10) ?? '…'}`;
  const tally = `${counts.imported} imported, ${counts.updated} updated, ${counts.excluded} excluded, ${counts.failed} failed`;
  return {
    type: failed ? 'backfill.failed' : 'backfill.finished',
    incident: null,
    title: failed ? `Backfill of ${integration.name} failed` : `Backfill of ${integration.name} finished`,
    message: failed
      ? `The backfill of ${integration.name} for ${range} stopped: ${input.errorMessage ?? 'an error'} (${tally} before it stopped).`
      : `The backfill of ${integration.name} for ${range} finished: ${tally}.`,
    category: failed ? input.category : null,
    fix: failed ? categoryFix(input.category) : null,
    path: `/integrations/${integration.id}/runs/${input.runId}`,
    detail: { runId: input.runId, status, window: input.window, counts },
  };
}

/** A rate limit makes a run wait past the time its next scheduled run was due. */
export function describeRateLimitDelay(input: { integration: IntegrationRef; runId: string; until: string; nextRunWasDueAt: string; reason: string }): DescribedEvent {
  const { integration } = input;
  return {
    type: 'rate_limit.delay',
    incident: { kind: 'rate_limit', action: 'open', title: `${integration.name}: imports delayed by a rate limit` },
    title: `${integration.name}: imports delayed by a rate limit`,
    message: `${input.reason}. The run waits until ${input.until}, past the next scheduled run (${input.nextRunWasDueAt}); new conversations arrive late but none is lost.`,
    category: 'rate_limited',
    fix: categoryFix('rate_limited'),
    path: `/integrations/${integration.id}/runs/${input.runId}`,
    detail: { runId: input.runId, until: input.until, nextRunWasDueAt: input.nextRunWasDueAt },
  };
}
