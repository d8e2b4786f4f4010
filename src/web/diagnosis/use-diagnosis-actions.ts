import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useResume } from '../api/integration-actions';
import { usePlatform } from '../api/platforms';
import { useManualImport } from '../api/troubleshooting';
import type { DiagnosisActionView, DiagnosisView } from '../api/types';
import { useCan } from '../app/SessionContext';
import { useNotify } from '../components/Notices';
import { errorMessage } from '../format/error-guidance';
import { platformCapabilities } from '../format/platform-words';
import type { SupportReportDraft } from '../support-report/support-report-draft';
import { backfillRange, supportReportFrom } from './diagnosis-ranges';

export type ActionKind = DiagnosisActionView['kind'];

/** Kinds anyone who may read a diagnosis can follow; the rest need Manage Integrations. */
const OPEN_TO_VIEWERS = new Set<ActionKind>(['open_contact', 'wait']);

export interface DiagnosisActions {
  allowed: (kind: ActionKind) => boolean;
  /**
   * The platform can do it (a manual import needs fetching one conversation, or a kept copy of a
   * row or record that was received; a backfill, re-reading a range; a reconnect, credentials).
   */
  offered: (kind: ActionKind) => boolean;
  /** Allowed, and not a way to the page already open (the contact's own page). */
  shows: (action: DiagnosisActionView) => boolean;
  /** Where a link-like action goes (null for actions that do something in place). */
  href: (action: DiagnosisActionView) => string | null;
  perform: (action: DiagnosisActionView) => void;
  /** What a support report about this diagnosis starts with: its integration, days and reference. */
  reportDraft: (action: DiagnosisActionView) => Partial<SupportReportDraft>;
  manualImport: ReturnType<typeof useManualImport>;
  resume: ReturnType<typeof useResume>;
}

const integrationHref = (id: string, tab = '') => `/integrations/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;

/** What each of a diagnosis's actions does: links for places to go, mutations for things to do. */
export function useDiagnosisActions(diagnosis: DiagnosisView, onImported?: () => void, currentContactId: string | null = null): DiagnosisActions {
  const canManage = useCan('manage_integrations');
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const manualImport = useManualImport();
  const resume = useResume();
  const integrationId = diagnosis.integration?.id ?? null;
  const capabilities = platformCapabilities(usePlatform(diagnosis.integration?.platform));

  const href = (action: DiagnosisActionView): string | null => {
    const id = action.integrationId ?? integrationId;
    switch (action.kind) {
      case 'open_contact':
        return action.contactId ? `/contacts/${encodeURIComponent(action.contactId)}` : null;
      case 'open_integration':
        return id ? integrationHref(id) : null;
      case 'reconnect':
        return id ? integrationHref(id, 'reconnect') : null;
      case 'edit_settings':
        return id ? integrationHref(id, 'settings') : null;
      case 'backfill': {
        if (!id) return null;
        const range = action.from && action.to ? { from: action.from, to: action.to } : backfillRange(diagnosis);
        return `${integrationHref(id, 'backfill')}${range ? `?from=${range.from}&to=${range.to}` : ''}`;
      }
      default:
        return null;
    }
  };

  const perform = (action: DiagnosisActionView) => {
    const id = action.integrationId ?? integrationId;
    const link = href(action);
    if (link) return navigate(link);
    if (!id) return;
    if (action.kind === 'manual_import') {
      manualImport.mutate({ integrationId: id, sourceRef: diagnosis.sourceRef }, { onSuccess: () => onImported?.() });
    } else if (action.kind === 'resume') {
      resume.mutate(id, {
        onSuccess: (integration) => {
          notify(`Resumed “${integration.name}”: it runs now from its checkpoint.`);
          void client.invalidateQueries({ queryKey: ['diagnoses'] });
        },
        onError: (error) => notify(`Resuming failed: ${errorMessage(error)}`, 'error'),
      });
    }
  };

  const reportDraft = (action: DiagnosisActionView): Partial<SupportReportDraft> => ({
    integrationId: action.integrationId ?? integrationId ?? '',
    from: supportReportFrom(diagnosis),
    sourceRefs: [diagnosis.sourceRef],
  });

  const allowed = (kind: ActionKind) => canManage || OPEN_TO_VIEWERS.has(kind);
  const offered = (kind: ActionKind) =>
    kind === 'manual_import' ? capabilities.fetchOne || diagnosis.received !== null : kind === 'backfill' ? capabilities.backfill : kind === 'reconnect' ? capabilities.credentialsNeeded : true;
  const shows = (action: DiagnosisActionView) => allowed(action.kind) && offered(action.kind) && !(action.kind === 'open_contact' && action.contactId !== null && action.contactId === currentContactId);
  return { allowed, offered, shows, href, perform, reportDraft, manualImport, resume };
}
