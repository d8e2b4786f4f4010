import { receivesRecords, usePlatform } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { RelativeTime } from '../../../components/RelativeTime';

/**
 * When it last ran, when data last arrived, when it runs next, and how far it has read. An
 * integration whose records are handed to Intake (files, pushes) has no schedule and reads up to
 * no time: it says when records last came and how they come instead.
 */
export function FactsCard({ integration }: { integration: IntegrationView }) {
  const i = integration;
  const platform = usePlatform(i.platform);
  const receives = receivesRecords(platform);
  const uploads = platform?.capabilities.uploads === true;
  const lastLabel = i.running ? (receives ? 'Receiving since' : 'Running since') : !receives ? 'Last ran at' : uploads ? 'Last upload' : 'Last push';
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">Imports</h2>
      <dl className="facts">
        <div>
          {/* While a run goes on, when it started is what matters: it has not "last run" yet. */}
          <dt>{lastLabel}</dt>
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
        {receives ? (
          <div>
            <dt>How contacts arrive</dt>
            <dd data-testid="fact-arrival">{uploads ? 'Uploaded files: imported as they are received' : 'Pushed to the API: imported as they are received'}</dd>
          </div>
        ) : (
          <>
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
          </>
        )}
        <div>
          <dt>Start date</dt>
          <dd>{i.settings.startDate}</dd>
        </div>
      </dl>
    </section>
  );
}
