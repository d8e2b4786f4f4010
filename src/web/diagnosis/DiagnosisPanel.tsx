import { useId } from 'react';
import { useDiagnosis } from '../api/diagnosis';
import { usePlatforms, usePlatformWords } from '../api/platforms';
import type { DiagnosisView } from '../api/types';
import { useCan } from '../app/SessionContext';
import { Callout } from '../components/Callout';
import { Icon, Spinner } from '../components/Icon';
import { QueryError } from '../components/QueryError';
import { RelativeTime } from '../components/RelativeTime';
import { LoadingLabel, SkeletonBlock } from '../components/Skeleton';
import { CorrectAndImport } from './CorrectAndImport';
import { CAUSES } from './diagnosis-words';
import { DiagnosisActions } from './DiagnosisActions';
import { DiagnosisDecisions } from './DiagnosisDecisions';
import { DiagnosisSteps } from './DiagnosisSteps';
import { ManualImportOutcome } from './ManualImportOutcome';
import { useDiagnosisActions } from './use-diagnosis-actions';

/**
 * "Why is this contact missing?" answered in place: the cause in one sentence, what to do, the
 * guide's checklist walked step by step, and every decision Intake recorded about the reference.
 */
export function DiagnosisPanel({
  sourceRef,
  integrationId = null,
  onImported,
  withDecisions = true,
  currentContactId = null,
}: {
  sourceRef: string;
  integrationId?: string | null;
  onImported?: () => void;
  /** On a contact's own page: no button leads back to it. */
  currentContactId?: string | null;
  /** Off where the page already shows the decision history. */
  withDecisions?: boolean;
}) {
  const diagnosis = useDiagnosis(sourceRef, integrationId);
  if (diagnosis.isPending) {
    return (
      <section className="card" aria-busy="true" data-testid="diagnosis-loading">
        <LoadingLabel what={`why ${sourceRef} is missing`} />
        <p className="row muted small">
          <Spinner size={12} /> Walking the checklist for “{sourceRef}”: the ledger, the integration, and if needed the platform itself…
        </p>
        <SkeletonBlock lines={6} height={260} />
      </section>
    );
  }
  if (diagnosis.isError) return <QueryError error={diagnosis.error} what={`the diagnosis of “${sourceRef}”`} onRetry={() => void diagnosis.refetch()} />;
  const { diagnoses, summary } = diagnosis.data;
  const several = diagnoses.length > 1;
  return (
    <div className="stack" data-testid="diagnoses">
      {several ? (
        <p className="small" data-testid="diagnoses-summary">
          {sentence(summary)}
        </p>
      ) : null}
      {diagnoses.map((d) => (
        <DiagnosisCard
          key={d.integration?.id ?? 'none'}
          diagnosis={d}
          refreshing={diagnosis.isFetching}
          onRefresh={() => void diagnosis.refetch()}
          onImported={onImported}
          withDecisions={withDecisions}
          currentContactId={currentContactId}
        />
      ))}
    </div>
  );
}

/** The server's sentences may start with the reference's word ("ticket 9123 was…"). */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface DiagnosisProps {
  diagnosis: DiagnosisView;
  refreshing: boolean;
  onRefresh: () => void;
  onImported?: () => void;
  withDecisions: boolean;
  currentContactId: string | null;
}

/** Under which integration, platform and account the diagnosis looked. */
function whereWords(integration: DiagnosisView['integration']): string {
  return integration ? `Integration “${integration.name}” (${integration.platformName} account ${integration.sourceAccount}) · ` : '';
}

/** One integration's answer: a reference is a different conversation in each source account. */
export function DiagnosisCard({ diagnosis, refreshing, onRefresh, onImported, withDecisions, currentContactId }: DiagnosisProps) {
  const actions = useDiagnosisActions(diagnosis, onImported, currentContactId);
  const canManage = useCan('manage_integrations');
  const cause = CAUSES[diagnosis.cause];
  const { noun, Noun } = usePlatformWords(diagnosis.integration?.platform ?? diagnosis.contact?.platform ?? '');
  const titleId = useId();
  // What the platform is called and can do (fetch one conversation, backfill) decides the words and
  // the actions offered: until that is known, no answer is shown rather than one that offers an
  // action the platform lacks.
  const platforms = usePlatforms();
  if (platforms.isPending) return <SkeletonBlock height={160} />;
  const title = diagnosis.cause === 'imported' ? `Why ${noun} ${diagnosis.sourceRef} looks like this` : `Why ${noun} ${diagnosis.sourceRef} is missing`;
  return (
    <section className="card diagnosis" data-testid="diagnosis" data-cause={diagnosis.cause} data-integration={diagnosis.integration?.name ?? ''} aria-labelledby={titleId}>
      <div className="card-header">
        <div className="stack-sm" style={{ gap: 2 }}>
          <h2 id={titleId}>{title}</h2>
          <span className="small muted">
            {whereWords(diagnosis.integration)}checked <RelativeTime iso={diagnosis.diagnosedAt} />
          </span>
        </div>
        <button type="button" className="btn btn-sm" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? <Spinner size={12} /> : <Icon name="refresh" size={14} />} Check again
        </button>
      </div>
      <Callout tone={cause.tone} title={cause.title} testId="diagnosis-verdict">
        <p className="verdict break">{sentence(diagnosis.verdict)}</p>
      </Callout>
      <DiagnosisActions diagnosis={diagnosis} actions={actions} />
      <CorrectAndImport diagnosis={diagnosis} actions={actions} />
      <ManualImportOutcome result={actions.manualImport.data} error={actions.manualImport.error} word={Noun} sourceRef={diagnosis.sourceRef} />
      {!canManage ? <p className="small muted">Filter conditions and other settings are shown to people with Manage Integrations only.</p> : null}
      <div className="stack-sm">
        <h3>The checklist</h3>
        <DiagnosisSteps steps={diagnosis.steps} actions={actions} />
      </div>
      {withDecisions ? <DiagnosisDecisions decisions={diagnosis.decisions} canSeeRuns={canManage} /> : null}
    </section>
  );
}
