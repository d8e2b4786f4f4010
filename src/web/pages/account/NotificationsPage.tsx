import { useNotificationOptions, useSubscriptions } from '../../api/notifications';
import { Callout } from '../../components/Callout';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SkeletonBlock } from '../../components/Skeleton';
import { AddSubscriptionForm } from './AddSubscriptionForm';
import { SubscriptionCard } from './SubscriptionCard';

/**
 * Account › Notifications: who is told when integrations fail, recover or change — by email or a
 * signed webhook. Managers of integrations see and manage every subscription; others their own.
 */
export function NotificationsPage() {
  const options = useNotificationOptions();
  const subscriptions = useSubscriptions();
  const labels = Object.fromEntries((options.data?.eventTypes ?? []).map((e) => [e.type, e.label]));
  return (
    <div className="page">
      <PageHeader
        crumbs="Account"
        title="Notifications"
        lede="Be told when an integration fails, recovers, stops importing or finishes a backfill: one message per incident, a digest when many change at once, nothing during quiet hours."
      />
      {options.isError ? <QueryError error={options.error} what="the notification settings" onRetry={() => void options.refetch()} /> : null}
      {options.data && !options.data.smtp.configured ? (
        <Callout tone="info" title="No SMTP server is set yet" testId="smtp-missing">
          <p>
            Emails wait until the operator sets one on the server: <span className="mono">intake notifications smtp set --host … --port … --from …</span>. Webhooks work already.
          </p>
        </Callout>
      ) : null}
      {options.data?.smtp.configured ? (
        <p className="muted small" data-testid="smtp-info">
          Emails are sent through {options.data.smtp.host}:{options.data.smtp.port} from {options.data.smtp.from}.
        </p>
      ) : null}
      {options.data ? <AddSubscriptionForm options={options.data} /> : <SkeletonBlock lines={6} />}
      {subscriptions.isError ? (
        <QueryError error={subscriptions.error} what="the subscriptions" onRetry={() => void subscriptions.refetch()} />
      ) : (
        <div className="stack" aria-label="Subscriptions">
          <h2>Subscriptions</h2>
          {subscriptions.data?.length === 0 ? <p className="muted">No subscriptions yet.</p> : null}
          {(subscriptions.data ?? []).map((s) => (
            <SubscriptionCard key={s.id} subscription={s} labels={labels} />
          ))}
        </div>
      )}
    </div>
  );
}
