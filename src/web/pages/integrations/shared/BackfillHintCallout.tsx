import { useNavigate } from 'react-router-dom';
import type { BackfillHintView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { integrationPath } from '../detail/integration-outlet';

/** After a settings change that would now include contacts excluded before: offer a backfill. */
export function BackfillHintCallout({ integrationId, hint }: { integrationId: string; hint: BackfillHintView }) {
  const navigate = useNavigate();
  const target = `${integrationPath(integrationId, 'backfill')}?from=${encodeURIComponent(hint.from)}&to=${encodeURIComponent(hint.to)}`;
  return (
    <Callout tone="info" title="Contacts excluded before would now be imported" testId="backfill-hint">
      <p>{hint.message}</p>
      <p className="small muted">
        The new settings apply to contacts read from now on. A backfill re-reads the contacts created in that range with today's settings; preview it first to
        see how many would be imported and how long it takes.
      </p>
      <div>
        <button type="button" className="btn btn-sm" onClick={() => navigate(target)}>
          Preview backfill
        </button>
      </div>
    </Callout>
  );
}
