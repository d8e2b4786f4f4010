import type { DiagnosisView } from '../api/types';
import { Icon } from '../components/Icon';
import { diagnosisActionList } from './diagnosis-action-list';
import { DiagnosisActionButton } from './DiagnosisActionButton';
import type { DiagnosisActions as Actions } from './use-diagnosis-actions';

/** What to do about it: the suggested action, then the others this user may take. */
export function DiagnosisActions({ diagnosis, actions }: { diagnosis: DiagnosisView; actions: Actions }) {
  const { primary, more, advice } = diagnosisActionList(diagnosis, actions.offered);
  const shownPrimary = primary && actions.shows(primary) ? primary : null;
  const shownMore = more.filter((a) => actions.shows(a) && a.kind !== shownPrimary?.kind);
  const forManagers = primary && !actions.allowed(primary.kind) ? primary : null;
  // Someone without Manage Integrations, looking at a missing contact: who can act on it.
  const askAManager = !forManagers && more.some((a) => !actions.allowed(a.kind) && (a.kind === 'manual_import' || a.kind === 'backfill'));
  if (!shownPrimary && shownMore.length === 0 && !advice && !forManagers && !askAManager) return null;
  return (
    <div className="stack-sm" data-testid="diagnosis-actions">
      {advice ? (
        <p className="row small" style={{ flexWrap: 'nowrap', alignItems: 'flex-start' }}>
          <Icon name="clock" size={14} />
          <span>
            <strong>What to do:</strong> {advice.label}.
          </span>
        </p>
      ) : null}
      {forManagers ? (
        <p className="small muted" data-testid="ask-a-manager">
          Someone with Manage Integrations can take it from here: “{forManagers.label}”.
        </p>
      ) : null}
      {askAManager ? (
        <p className="small muted" data-testid="ask-a-manager">
          Someone with Manage Integrations can import it manually now, or backfill its day once the settings let it in.
        </p>
      ) : null}
      {shownPrimary || shownMore.length ? (
        <div className="row">
          {shownPrimary ? <DiagnosisActionButton action={shownPrimary} actions={actions} primary /> : null}
          {shownMore.map((a) => (
            <DiagnosisActionButton key={a.kind} action={a} actions={actions} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
