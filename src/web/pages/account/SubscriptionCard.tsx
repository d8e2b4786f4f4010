import { useState } from 'react';
import { useAttempts, useChangeSubscription, useRemoveSubscription, useSendTest } from '../../api/notifications';
import type { SubscriptionView } from '../../api/types';
import { Callout } from '../../components/Callout';
import { useNotify } from '../../components/Notices';
import { RelativeTime } from '../../components/RelativeTime';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage } from '../../format/error-guidance';

/** One subscription: where it sends, what, how its deliveries went; test, turn off, remove. */
export function SubscriptionCard({ subscription: s, labels }: { subscription: SubscriptionView; labels: Record<string, string> }) {
  const test = useSendTest();
  const change = useChangeSubscription();
  const remove = useRemoveSubscription();
  const notify = useNotify();
  const [showAttempts, setShowAttempts] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const attempts = useAttempts(s.id, showAttempts);
  const kind = s.channel === 'email' ? 'Email' : s.format === 'slack' ? 'Slack webhook' : 'Webhook';
  return (
    <section className="card stack" aria-label={s.name} data-testid="subscription">
      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <div>
          <h3 style={{ margin: 0 }}>{s.name}</h3>
          <span className="muted small">
            {kind} → <span className="mono">{s.target}</span>
          </span>
        </div>
        <span className={s.enabled ? 'badge badge-active' : 'badge badge-failure'}>{s.enabled ? 'On' : 'Off'}</span>
      </div>
      {!s.enabled && s.disabledReason ? (
        <Callout tone="danger" title="This subscription is off" testId="disabled-reason">
          <p>{s.disabledReason}</p>
        </Callout>
      ) : null}
      <p className="small" style={{ margin: 0 }}>
        <strong>Events:</strong> {s.events.length >= Object.keys(labels).length ? 'all' : s.events.map((e) => labels[e] ?? e).join(' · ')}
        <br />
        <strong>Integrations:</strong> {s.integrationIds ? `${s.integrationIds.length} chosen` : 'all'}
        {s.quietHours ? (
          <>
            <br />
            <strong>Quiet hours:</strong> {s.quietHours.start}–{s.quietHours.end} ({s.quietHours.timeZone})
          </>
        ) : null}
        <br />
        <strong>Deliveries:</strong> {s.deliveries.sent} sent · {s.deliveries.pending} waiting · {s.deliveries.failed} failed
      </p>
      {test.data ? (
        <Callout tone={test.data.ok ? 'success' : 'danger'} title={test.data.ok ? 'Test message sent' : 'The test message was not delivered'} role="status" testId="test-result">
          {test.data.ok ? <p>Check that it arrived{s.channel === 'email' ? ` at ${s.target}` : ''}.</p> : <p>{test.data.error}</p>}
        </Callout>
      ) : null}
      <div className="row" style={{ flexWrap: 'wrap' }}>
        <button type="button" className="btn btn-sm btn-primary" disabled={test.isPending} onClick={() => test.mutate(s.id, { onError: (e) => notify(`The test failed: ${errorMessage(e)}`, 'error') })}>
          {test.isPending ? 'Sending…' : 'Send test message'}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => setShowAttempts(!showAttempts)} aria-expanded={showAttempts}>
          {showAttempts ? 'Hide attempts' : 'Delivery attempts'}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={change.isPending}
          onClick={() => change.mutate({ id: s.id, enabled: !s.enabled }, { onError: (e) => notify(`Could not change it: ${errorMessage(e)}`, 'error') })}
        >
          {s.enabled ? 'Turn off' : 'Turn back on'}
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              className="btn btn-sm btn-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(s.id, { onSuccess: () => notify(`Removed “${s.name}”.`), onError: (e) => notify(`Removing failed: ${errorMessage(e)}`, 'error') })}
            >
              Remove now
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-sm" onClick={() => setConfirming(true)} aria-label={`Remove ${s.name}`}>
            Remove…
          </button>
        )}
      </div>
      {showAttempts ? (
        <TableScroll label={`Delivery attempts of ${s.name}`}>
          <table className="table" data-testid="attempts-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {(attempts.data ?? []).length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    {attempts.isPending ? 'Loading…' : 'No attempts yet.'}
                  </td>
                </tr>
              ) : null}
              {(attempts.data ?? []).map((a) => (
                <tr key={a.id}>
                  <td>
                    <RelativeTime iso={a.at} />
                  </td>
                  <td>{a.kind === 'digest' ? `Digest of ${a.eventIds.length}` : a.kind === 'test' ? 'Test message' : 'Event'}</td>
                  <td>{a.ok ? `Delivered${a.statusCode ? ` (${a.statusCode})` : ''}` : `Failed: ${a.error ?? ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
