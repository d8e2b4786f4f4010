import { Link } from 'react-router-dom';
import type { DiagnosisActionView } from '../api/types';
import { Icon, Spinner, type IconName } from '../components/Icon';
import { SupportReportButton } from '../support-report/SupportReportButton';
import type { ActionKind, DiagnosisActions } from './use-diagnosis-actions';

const ICONS: Partial<Record<ActionKind, IconName>> = {
  manual_import: 'download',
  backfill: 'refresh',
  open_integration: 'arrow-right',
  open_contact: 'arrow-right',
  reconnect: 'lock',
  edit_settings: 'arrow-right',
};

const PENDING: Partial<Record<ActionKind, string>> = {
  manual_import: 'Importing…',
  resume: 'Resuming…',
};

function isPending(actions: DiagnosisActions, kind: ActionKind): boolean {
  if (kind === 'manual_import') return actions.manualImport.isPending;
  if (kind === 'resume') return actions.resume.isPending;
  return false;
}

/**
 * One action of a diagnosis: a link where it leads somewhere, a button where it does something, and
 * for a support report a button that opens its dialog.
 */
export function DiagnosisActionButton({ action, actions, primary = false, small = false }: { action: DiagnosisActionView; actions: DiagnosisActions; primary?: boolean; small?: boolean }) {
  const className = ['btn', primary ? 'btn-primary' : '', small ? 'btn-sm' : ''].filter(Boolean).join(' ');
  if (action.kind === 'support_report') return <SupportReportButton initial={() => actions.reportDraft(action)} className={className} dataAction={action.kind} />;
  const icon = ICONS[action.kind];
  const href = actions.href(action);
  if (href) {
    return (
      <Link to={href} className={className} data-action={action.kind}>
        {icon ? <Icon name={icon} size={14} /> : null}
        {action.label}
      </Link>
    );
  }
  const pending = isPending(actions, action.kind);
  return (
    <button type="button" className={className} onClick={() => actions.perform(action)} disabled={pending} data-action={action.kind}>
      {pending ? <Spinner size={12} /> : icon ? <Icon name={icon} size={14} /> : null}
      {pending ? (PENDING[action.kind] ?? action.label) : action.label}
    </button>
  );
}
