import { useAlerts } from '../../api/health';
import { Icon } from '../../components/Icon';
import { QueryError } from '../../components/QueryError';
import { SkeletonBlock } from '../../components/Skeleton';
import { AlertItem } from './AlertItem';

const RECENT_CLOSED = 5;

/** Open volume and no-import alerts with their explanation, then the last ones that closed. */
export function AlertsCard({ integrationId }: { integrationId: string | null }) {
  const alerts = useAlerts(integrationId, 'all');
  const all = alerts.data ?? [];
  const open = all.filter((a) => a.closedAt === null);
  const closed = all.filter((a) => a.closedAt !== null).sort((a, b) => b.closedAt!.localeCompare(a.closedAt!)).slice(0, RECENT_CLOSED);
  return (
    <section className="card" aria-labelledby="alerts-title" data-testid="alerts">
      <div className="stack-sm" style={{ gap: 2 }}>
        <h2 id="alerts-title">Alerts</h2>
        <span className="small muted">
          An alert opens when imports fall below 30% of the usual volume for three hours, or when nothing was imported for longer than an integration's
          no-import alert (Settings); it closes by itself once imports are back.
        </span>
      </div>
      {alerts.isError ? (
        <QueryError error={alerts.error} what="the alerts" onRetry={() => void alerts.refetch()} />
      ) : alerts.isPending ? (
        <SkeletonBlock lines={2} height={60} />
      ) : (
        <>
          {open.length === 0 ? (
            <p className="row" data-testid="no-open-alerts">
              <Icon name="check-circle" /> No open alerts.
            </p>
          ) : (
            <ul className="alert-list">
              {open.map((a) => (
                <AlertItem key={a.id} alert={a} showIntegration={integrationId === null} />
              ))}
            </ul>
          )}
          {closed.length ? (
            <div className="stack-sm">
              <h3>Recently closed</h3>
              <ul className="alert-list">
                {closed.map((a) => (
                  <AlertItem key={a.id} alert={a} showIntegration={integrationId === null} />
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
