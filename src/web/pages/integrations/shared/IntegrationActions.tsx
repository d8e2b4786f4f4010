import { useState } from 'react';
import { usePause, useResume, useRunNow } from '../../../api/integration-actions';
import { receivesRecords, usePlatform } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { Icon, Spinner } from '../../../components/Icon';
import { useNotify } from '../../../components/Notices';
import { errorFix, errorMessage } from '../../../format/error-guidance';

/** Run now and Pause / Resume for one integration, with what happened said in a notice. */
export function IntegrationActions({ integration, small = false, pauseNote }: { integration: IntegrationView; small?: boolean; pauseNote?: string }) {
  const runNow = useRunNow();
  const pause = usePause();
  const resume = useResume();
  const notify = useNotify();
  const [clicked, setClicked] = useState(false);
  const size = small ? 'btn btn-sm' : 'btn';
  const paused = integration.status === 'paused';
  // Files and pushes import when they are sent: there is no source to run against.
  const receives = receivesRecords(usePlatform(integration.platform));
  const fail = (what: string) => (error: unknown) => notify(`${what} “${integration.name}” failed: ${errorMessage(error)} ${errorFix(error) ?? ''}`.trim(), 'error');

  const run = () => {
    setClicked(true);
    runNow.mutate(integration.id, {
      onSuccess: () => notify(`Run started for “${integration.name}”.`),
      onError: fail('Running'),
      onSettled: () => setClicked(false),
    });
  };

  return (
    <div className="row">
      {receives ? null : (
        <button
          type="button"
          className={size}
          onClick={run}
          disabled={integration.running || paused || runNow.isPending || clicked}
          title={paused ? 'Resume it first: a paused integration does not run' : integration.running ? 'A run is going on' : undefined}
          aria-label={`Run now: ${integration.name}`}
        >
          {runNow.isPending ? <Spinner size={12} /> : <Icon name="refresh" size={14} />}
          Run now
        </button>
      )}
      {paused ? (
        <button
          type="button"
          className={size}
          disabled={resume.isPending}
          onClick={() => resume.mutate(integration.id, { onSuccess: () => notify(receives ? `Resumed “${integration.name}”: uploads and pushes are accepted again.` : `Resumed “${integration.name}”: it runs now from its checkpoint.`), onError: fail('Resuming') })}
          aria-label={`Resume: ${integration.name}`}
        >
          Resume
        </button>
      ) : (
        <button
          type="button"
          className={size}
          disabled={pause.isPending}
          onClick={() =>
            pause.mutate(
              { id: integration.id, note: pauseNote?.trim() || undefined },
              { onSuccess: () => notify(receives ? `Paused “${integration.name}”: uploads and pushes are refused until you resume it.` : `Paused “${integration.name}”: no runs until you resume it.`), onError: fail('Pausing') },
            )
          }
          aria-label={`Pause: ${integration.name}`}
        >
          Pause
        </button>
      )}
    </div>
  );
}
