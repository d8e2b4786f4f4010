/**
 * The REST API's request and response types, all taken from the server's contract (types only:
 * nothing of the server, nor zod, is bundled into the web UI). Nothing here is written by hand: a
 * field renamed in the contract fails to compile where the web uses it.
 */
export type { ErrorCode, ErrorResponse, FieldProblemView } from '../../api/contract/common';
export type {
  ApiTokenView,
  LinkCheckInput,
  LinkCheckView,
  LoginInput,
  PasswordChangeInput,
  Permission,
  ProfileChangeInput,
  RedeemLinkInput,
  Role,
  SessionView,
  SignInLinkView,
  UserView,
  WorkspacePatchInput,
  WorkspaceView,
} from '../../api/contract/accounts';
export type {
  AddedUserView,
  ApiTokenListView,
  CreatedApiTokenView,
  NewApiTokenInput,
  NewUserInput,
  RoleChangeInput,
  UserListView,
} from '../../api/contract/users';
export type {
  ContactPageView,
  ContactQuery,
  ContactSourceListView,
  ContactSourceView,
  ContactView,
  DecisionListView,
  DecisionsQuery,
} from '../../api/contract/contacts';
export type {
  AlertListView,
  AlertsQuery,
  AlertView,
  BackfillHintView,
  HealthBucketView,
  HealthQuery,
  HealthView,
  HistoryEntryView,
  HistoryView,
  IntegrationStatus,
  IntegrationTotalsView,
  WorkspaceHealthView,
} from '../../api/contract/health';
export type {
  DiagnosisActionView,
  DiagnosisCause,
  DiagnosisQuery,
  DiagnosisStepView,
  DiagnosisView,
  ReferenceDiagnosesView,
} from '../../api/contract/diagnosis';
export type {
  CustomFieldsView,
  DecisionOutcome,
  DecisionView,
  DeleteIntegrationInput,
  FilterConditionView,
  IntegrationListView,
  IntegrationPatchInput,
  IntegrationView,
  LastErrorView,
  NewIntegrationInput,
  PauseInput,
  PlatformListView,
  PlatformView,
  ReconnectInput,
  RunCountsView,
  RunView,
  SettingsInput,
  SettingsView,
} from '../../api/contract/integrations';
export type { RunDecisionPageView, RunDecisionsQuery, RunListQuery, RunListView } from '../../api/contract/runs';
export type {
  BackfillInput,
  ImportOneInput,
  ManualImportView,
  SupportReportInput,
  SupportReportView,
} from '../../api/contract/troubleshooting';
export type {
  AttemptListView,
  AttemptView,
  CreatedSubscriptionView,
  NewSubscriptionInput,
  NotificationOptionsView,
  SubscriptionChangeInput,
  SubscriptionListView,
  SubscriptionView,
  TestResultView,
} from '../../api/contract/notifications';
export type { PushContactsInput, PushContactsView, UploadPreviewView } from '../../api/contract/uploads';
