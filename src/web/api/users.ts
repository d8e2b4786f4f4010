import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Role, UserView } from './types';

export interface SignInLink {
  url: string;
  expiresAt: string;
}

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: async () => (await api.get<{ users: UserView[] }>('/users')).users });
}

function useUserMutation<Input, Output>(fn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: keys.users }) });
}

export function useAddUser() {
  return useUserMutation((input: { email: string; name: string; role: Role }) => api.post<{ user: UserView; signInLink: SignInLink }>('/users', input));
}

export function useChangeRole() {
  return useUserMutation(({ id, role }: { id: string; role: Role }) => api.patch<UserView>(`/users/${encodeURIComponent(id)}`, { role }));
}

export function useRemoveUser() {
  return useUserMutation((id: string) => api.delete<void>(`/users/${encodeURIComponent(id)}`));
}

export function useNewSignInLink() {
  return useMutation({ mutationFn: (id: string) => api.post<SignInLink>(`/users/${encodeURIComponent(id)}/sign-in-links`) });
}
