/**
 * The REST API's types, taken from the server's contract (types only: nothing of the server is
 * bundled into the web UI).
 */
import type { z } from 'zod';
import type {
  filterConditionView,
  lastErrorView,
  platformView,
  runCountsView,
  settingsView,
} from '../../api/contract/integrations';

export type { ErrorResponse } from '../../api/contract/common';
export type { ApiTokenView, LinkCheckView, SessionView, UserView, WorkspaceView } from '../../api/contract/accounts';
export type { ContactSourceView, ContactView } from '../../api/contract/contacts';
export type { AlertView, BackfillHintView, HealthBucketView, HealthView, HistoryEntryView, IntegrationTotalsView, WorkspaceHealthView } from '../../api/contract/health';
export type { DiagnosisActionView, DiagnosisCause, DiagnosisStepView, DiagnosisView, ReferenceDiagnosesView } from '../../api/contract/diagnosis';
export type { DecisionView, IntegrationView, RunView } from '../../api/contract/integrations';
export type { Permission, Role } from '../../core/permissions';

export type PlatformView = z.infer<typeof platformView>;
export type LastErrorView = z.infer<typeof lastErrorView>;
export type SettingsView = z.infer<typeof settingsView>;
export type FilterConditionView = z.infer<typeof filterConditionView>;
export type RunCountsView = z.infer<typeof runCountsView>;
export type IntegrationStatus = 'active' | 'warning' | 'failure' | 'paused';
export type DecisionOutcome = 'imported' | 'updated' | 'unchanged' | 'excluded' | 'failed';
