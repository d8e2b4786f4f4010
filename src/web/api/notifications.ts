import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type {
  AttemptListView,
  CreatedSubscriptionView,
  NewSubscriptionInput,
  NotificationOptionsView,
  SubscriptionChangeInput,
  SubscriptionListView,
  SubscriptionView,
  TestResultView,
} from './types';

export function useNotificationOptions() {
  return useQuery({ queryKey: keys.notificationOptions, queryFn: () => api.get<NotificationOptionsView>('/notifications/options') });
}

export function useSubscriptions() {
  return useQuery({ queryKey: keys.subscriptions, queryFn: async () => (await api.get<SubscriptionListView>('/notifications/subscriptions')).subscriptions });
}

export function useAttempts(id: string, enabled: boolean) {
  return useQuery({ queryKey: keys.attempts(id), enabled, queryFn: async () => (await api.get<AttemptListView>(`/notifications/subscriptions/${encodeURIComponent(id)}/attempts`)).attempts });
}

export function useAddSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewSubscriptionInput) => api.post<CreatedSubscriptionView>('/notifications/subscriptions', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.subscriptions }),
  });
}

export function useChangeSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string } & SubscriptionChangeInput) => api.patch<SubscriptionView>(`/notifications/subscriptions/${encodeURIComponent(id)}`, change),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.subscriptions }),
  });
}

export function useRemoveSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<null>(`/notifications/subscriptions/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.subscriptions }),
  });
}

export function useSendTest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TestResultView>(`/notifications/subscriptions/${encodeURIComponent(id)}/test`),
    onSuccess: (_result, id) => client.invalidateQueries({ queryKey: keys.attempts(id) }),
  });
}
