/**
 * The web's API hooks send exactly the contract's request types and read exactly its answers. These
 * are checks of types: `npm run typecheck` fails when a hook drifts from the contract (a field
 * renamed on the server, a hand-written body type in a hook); at run time they do nothing.
 */
import type { UseInfiniteQueryResult, UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { describe, expectTypeOf, test } from 'vitest';
import type { useApiTokens, useCreateApiToken } from './api-tokens';
import type { useRecentBackfills, useStartBackfill } from './backfills';
import type { useContacts, useContactSources, useDecisions } from './contacts';
import type { useDiagnosis } from './diagnosis';
import type { useAlerts, useHealth } from './health';
import type { useIntegrationHistory } from './history';
import type { useAddIntegration, usePause, useReconnect, useUpdateIntegration } from './integration-actions';
import type { useCustomFields, useIntegrations } from './integrations';
import type { useAddSubscription, useAttempts, useChangeSubscription, useNotificationOptions, useSendTest, useSubscriptions } from './notifications';
import type { usePlatforms } from './platforms';
import type { useRunDecisions, useRunHistory, useRuns } from './runs';
import type { useChangePassword, useLinkCheck, useRedeemLink, useSignIn, useUpdateProfile } from './session';
import type { useManualImport, useSupportReport } from './troubleshooting';
import type { useAddUser, useChangeRole, useUsers } from './users';
import type { useUpdateWorkspace } from './workspace';
import type * as contract from './types';

type Hook = (...args: never[]) => unknown;
/** What a mutation hook sends (its variables) and what it gets back. */
type Sends<H extends Hook> = ReturnType<H> extends UseMutationResult<unknown, Error, infer V, unknown> ? V : never;
type Receives<H extends Hook> = ReturnType<H> extends UseMutationResult<infer D, Error, infer _V, unknown> ? D : never;
/** What a query hook reads. */
type Reads<H extends Hook> = ReturnType<H> extends UseQueryResult<infer D, Error> ? D : ReturnType<H> extends UseInfiniteQueryResult<infer D, Error> ? D : never;

describe('the web API hooks and the contract', () => {
  test('request bodies are the contract inputs', () => {
    expectTypeOf<Sends<typeof useAddIntegration>>().toEqualTypeOf<contract.NewIntegrationInput>();
    expectTypeOf<Sends<typeof useUpdateIntegration>>().toEqualTypeOf<contract.IntegrationPatchInput>();
    expectTypeOf<Sends<typeof useReconnect>>().toEqualTypeOf<contract.ReconnectInput>();
    expectTypeOf<Sends<typeof usePause>>().toEqualTypeOf<{ id: string } & contract.PauseInput>();
    expectTypeOf<Sends<typeof useStartBackfill>>().toEqualTypeOf<contract.BackfillInput>();
    expectTypeOf<Sends<typeof useManualImport>>().toEqualTypeOf<{ integrationId: string } & contract.ImportOneInput>();
    expectTypeOf<Sends<typeof useSupportReport>>().toEqualTypeOf<contract.SupportReportInput>();
    expectTypeOf<Sends<typeof useSignIn>>().toEqualTypeOf<contract.LoginInput>();
    expectTypeOf<Sends<typeof useRedeemLink>>().toEqualTypeOf<contract.RedeemLinkInput>();
    expectTypeOf<Sends<typeof useUpdateProfile>>().toEqualTypeOf<contract.ProfileChangeInput>();
    expectTypeOf<Sends<typeof useChangePassword>>().toEqualTypeOf<contract.PasswordChangeInput>();
    expectTypeOf<Sends<typeof useAddUser>>().toEqualTypeOf<contract.NewUserInput>();
    expectTypeOf<Sends<typeof useChangeRole>>().toEqualTypeOf<{ id: string } & contract.RoleChangeInput>();
    expectTypeOf<Sends<typeof useCreateApiToken>>().toEqualTypeOf<contract.NewApiTokenInput>();
    expectTypeOf<Sends<typeof useUpdateWorkspace>>().toEqualTypeOf<contract.WorkspacePatchInput>();
    expectTypeOf<Sends<typeof useAddSubscription>>().toEqualTypeOf<contract.NewSubscriptionInput>();
    expectTypeOf<Sends<typeof useChangeSubscription>>().toEqualTypeOf<{ id: string } & contract.SubscriptionChangeInput>();
  });

  test('query strings are the contract queries', () => {
    expectTypeOf<Parameters<typeof useContacts>[0]>().toEqualTypeOf<contract.ContactQuery>();
    expectTypeOf<Parameters<typeof useHealth>[1]>().toEqualTypeOf<contract.HealthQuery>();
    expectTypeOf<Parameters<typeof useAlerts>[1]>().toEqualTypeOf<NonNullable<contract.AlertsQuery['state']>>();
    expectTypeOf<Parameters<typeof useRunDecisions>[1]>().toEqualTypeOf<NonNullable<contract.RunDecisionsQuery['outcome']> | ''>();
  });

  test('answers are the contract views', () => {
    expectTypeOf<Receives<typeof useAddIntegration>>().toEqualTypeOf<contract.IntegrationView>();
    expectTypeOf<Receives<typeof useStartBackfill>>().toEqualTypeOf<contract.RunView>();
    expectTypeOf<Receives<typeof useManualImport>>().toEqualTypeOf<contract.ManualImportView>();
    expectTypeOf<Receives<typeof useSupportReport>>().toEqualTypeOf<contract.SupportReportView>();
    expectTypeOf<Receives<typeof useSignIn>>().toEqualTypeOf<contract.SessionView>();
    expectTypeOf<Receives<typeof useAddUser>>().toEqualTypeOf<contract.AddedUserView>();
    expectTypeOf<Receives<typeof useCreateApiToken>>().toEqualTypeOf<contract.CreatedApiTokenView>();
    expectTypeOf<Receives<typeof useUpdateWorkspace>>().toEqualTypeOf<contract.WorkspaceView>();
    expectTypeOf<Receives<typeof useAddSubscription>>().toEqualTypeOf<contract.CreatedSubscriptionView>();
    expectTypeOf<Receives<typeof useChangeSubscription>>().toEqualTypeOf<contract.SubscriptionView>();
    expectTypeOf<Receives<typeof useSendTest>>().toEqualTypeOf<contract.TestResultView>();
    expectTypeOf<Reads<typeof useSubscriptions>>().toEqualTypeOf<contract.SubscriptionListView['subscriptions']>();
    expectTypeOf<Reads<typeof useAttempts>>().toEqualTypeOf<contract.AttemptListView['attempts']>();
    expectTypeOf<Reads<typeof useNotificationOptions>>().toEqualTypeOf<contract.NotificationOptionsView>();
    expectTypeOf<Reads<typeof useContacts>>().toEqualTypeOf<contract.ContactPageView>();
    expectTypeOf<Reads<typeof useContactSources>>().toEqualTypeOf<contract.ContactSourceListView['integrations']>();
    expectTypeOf<Reads<typeof useDecisions>>().toEqualTypeOf<contract.DecisionListView['decisions']>();
    expectTypeOf<Reads<typeof useDiagnosis>>().toEqualTypeOf<contract.ReferenceDiagnosesView>();
    expectTypeOf<Reads<typeof useAlerts>>().toEqualTypeOf<contract.AlertListView['alerts']>();
    expectTypeOf<Reads<typeof useIntegrationHistory>>().toEqualTypeOf<contract.HistoryView['entries']>();
    expectTypeOf<Reads<typeof useIntegrations>>().toEqualTypeOf<contract.IntegrationListView['integrations']>();
    expectTypeOf<Reads<typeof usePlatforms>>().toEqualTypeOf<contract.PlatformListView['platforms']>();
    expectTypeOf<Reads<typeof useCustomFields>>().toEqualTypeOf<contract.CustomFieldsView['customFields']>();
    expectTypeOf<Reads<typeof useRuns>>().toEqualTypeOf<contract.RunListView['runs']>();
    expectTypeOf<Reads<typeof useRecentBackfills>>().toEqualTypeOf<contract.RunListView['runs']>();
    expectTypeOf<Reads<typeof useUsers>>().toEqualTypeOf<contract.UserListView['users']>();
    expectTypeOf<Reads<typeof useApiTokens>>().toEqualTypeOf<contract.ApiTokenListView['apiTokens']>();
    expectTypeOf<Reads<typeof useLinkCheck>>().toEqualTypeOf<contract.LinkCheckView>();
    expectTypeOf<Reads<typeof useRunDecisions>['pages'][number]>().toEqualTypeOf<contract.RunDecisionPageView>();
    expectTypeOf<Reads<typeof useRunHistory>['pages'][number]>().toEqualTypeOf<contract.RunListView['runs']>();
  });
});
