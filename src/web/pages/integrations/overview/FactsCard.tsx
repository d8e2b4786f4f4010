import { receivesRecords, usePlatform } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { RelativeTime } from '../../../components/RelativeTime';

/** When it last ran, when data last arrived, when it runs next, and how far it has read. */
export function FactsCard({ integration }: { integration: IntegrationView }) {
  const i = integration;
  const platform = usePlatform(i.platform);
  if (receivesRecords(platform)) return <ReceivedFacts integration={i} uploads={platform!.capabilities.uploads} />;
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">Imports</h2>
      <dl className="facts">
        <div>
          {/* While a run goes on, when it started is what matters: it has not "last run" yet. */}
          <dt>{i.running ? 'Running since' : 'Last ran at'}</dt>
          <dd data-testid="fact-last-ran">
            <RelativeTime iso={i.running ? (i.activeRun?.startedAt ?? i.lastRanAt) : i.lastRanAt} empty="Never" />
          </dd>
        </div>
        <div>
          <dt>Last data imported</dt>
          <dd data-testid="fact-last-data">
            <RelativeTime iso={i.lastDataImportedAt} empty="No data yet" />
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>{i.running ? 'Running now' : i.status === 'paused' ? 'Paused' : <RelativeTime iso={i.nextRunAt} empty="Not scheduled" />}</dd>
        </div>
        <div>
          <dt>Read up to</dt>
          <dd title="Every change at the source up to this time has been read">
            <RelativeTime iso={i.checkpointReachedAt} empty="Nothing read yet" />
          </dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd>Every {i.settings.intervalMinutes === 1 ? 'minute' : `${i.settings.intervalMinutes} minutes`}</dd>
        </div>
        <div>
          <dt>Start date</dt>
          <dd>{i.settings.startDate}</dd>
        </div>
      </dl>
    </section>
  );
}

/** For files and pushes: when records last arrived and how they come; nothing is scheduled or read up to a time. */
function ReceivedFacts({ integration: i, uploads }: { integration: IntegrationView; uploads: boolean }) {
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">Imports</h2>
      <dl className="facts">
        <div>
          <dt>{i.running ? 'Receiving since' : uploads ? 'Last upload' : 'Last push'}</dt>
          <dd data-testid="fact-last-ran">
            <RelativeTime iso={i.running ? (i.activeRun?.startedAt ?? i.lastRanAt) : i.lastRanAt} empty="Never" />
          </dd>
        </div>
        <div>
          <dt>Last data imported</dt>
          <dd data-testid="fact-last-data">
            <RelativeTime iso={i.lastDataImportedAt} empty="No data yet" />
          </dd>
        </div>
        <div>
          <dt>How contacts arrive</dt>
          <dd data-testid="fact-arrival">{uploads ? 'Uploaded files (CSV or JSON Lines): imported as they are received' : 'Pushed to the API: imported as they are received'}</dd>
        </div>
        <div>
          <dt>Start date</dt>
          <dd>{i.settings.startDate}</dd>
        </div>
      </dl>
    </section>
  );
}
