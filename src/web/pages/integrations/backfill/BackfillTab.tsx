import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useRecentBackfills, useStartBackfill, useWatchedRun } from '../../../api/backfills';
import { usePlatform } from '../../../api/platforms';
import { Callout } from '../../../components/Callout';
import { useCurrentIntegration } from '../detail/integration-outlet';
import { BackfillPreview } from './BackfillPreview';
import { BackfillProgress } from './BackfillProgress';
import { coversRange, isDay, rangeFromParams, toParams, type DayRange } from './backfill-range';
import { BackfillRangeForm } from './BackfillRangeForm';
import { BackfillResumeNote } from './BackfillResumeNote';

const RESUMABLE = new Set(['cancelled', 'interrupted', 'partial']);

/** Backfill, where the platform can re-read a range of days. */
export function BackfillTab() {
  const integration = useCurrentIntegration();
  const platform = usePlatform(integration.platform);
  if (platform && !platform.capabilities.backfill) {
    return (
      <Callout tone="info" title="No backfill on this platform">
        <p>{platform.name} cannot re-read a range of days: each run reads what changed since the last one.</p>
      </Callout>
    );
  }
  return <BackfillPanel />;
}

/** Pick a range (prefilled from the backfill hint), preview it, run it, watch it, cancel it. */
function BackfillPanel() {
  const integration = useCurrentIntegration();
  const hint = integration.backfillHint;
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<DayRange>(() => rangeFromParams(params, hint));
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const recent = useRecentBackfills(integration.id);
  const preview = useStartBackfill(integration.id);
  const start = useStartBackfill(integration.id);

  const runs = recent.data ?? [];
  const running = runs.find((r) => !r.dryRun && (r.status === 'running' || r.status === 'queued'));
  const lastOfRange = runs.find((r) => !r.dryRun && coversRange(r, range));
  const shownRunId = runId ?? running?.id ?? lastOfRange?.id ?? null;
  const shownPreviewId = previewId ?? runs.find((r) => r.dryRun && coversRange(r, range))?.id ?? null;
  const watched = useWatchedRun(shownRunId);
  const busy = watched.data?.status === 'running' || watched.data?.status === 'queued' || Boolean(running);
  const resumable = lastOfRange && RESUMABLE.has(lastOfRange.status) ? lastOfRange : null;

  const change = (next: DayRange) => {
    setRange(next);
    setProblem(null);
    setPreviewId(null);
    setRunId(null);
    if (isDay(next.from) && isDay(next.lastDay)) setParams(toParams(next), { replace: true });
  };
  const [problem, setProblem] = useState<string | null>(null);
  const send = (isPreview: boolean) => {
    (isPreview ? start : preview).reset();
    // Said beside the field at once, in the form's words, rather than after a round trip.
    const wrongWay = isDay(range.from) && isDay(range.lastDay) && range.lastDay < range.from;
    setProblem(wrongWay ? 'Must be on or after the first day' : null);
    if (wrongWay) return;
    const input = { from: range.from, to: isDay(range.lastDay) ? toParams(range).to : range.lastDay, preview: isPreview };
    (isPreview ? preview : start).mutate(input, {
      onSuccess: (run) => (isPreview ? setPreviewId(run.id) : setRunId(run.id)),
      onError: () => void recent.refetch(),
    });
  };

  return (
    <div className="stack">
      {hint ? (
        <Callout tone="info" title="Contacts excluded before would now be imported" testId="backfill-hint">
          <p>{hint.message}</p>
          {range.from !== hint.from || toParams(range).to !== hint.to ? (
            <div>
              <button type="button" className="btn btn-sm" onClick={() => change(rangeFromParams(new URLSearchParams(), hint))}>
                Use the suggested range
              </button>
            </div>
          ) : null}
        </Callout>
      ) : null}
      {resumable && resumable.id !== shownRunId ? <BackfillResumeNote run={resumable} /> : null}
      <BackfillRangeForm
        range={range}
        onChange={change}
        onPreview={() => send(true)}
        onStart={() => send(false)}
        error={preview.error ?? start.error}
        lastDayProblem={problem}
        startDate={integration.settings.startDate}
        settingsHref={`/integrations/${encodeURIComponent(integration.id)}/settings`}
        state={{ previewing: preview.isPending, starting: start.isPending, busy, resumable: Boolean(resumable), previewed: Boolean(shownPreviewId) }}
      />
      {shownRunId ? <BackfillProgress key={shownRunId} runId={shownRunId} /> : null}
      {shownPreviewId ? <BackfillPreview key={shownPreviewId} runId={shownPreviewId} integration={integration} /> : null}
    </div>
  );
}
