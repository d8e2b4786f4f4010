import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { AddedUserView, NewUserInput, RoleChangeInput, SignInLinkView, UserListView, UserView } from './types';

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: async () => (await api.get<UserListView>('/users')).users });
}

function useUserMutation<Input, Output>(fn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: keys.users }) });
}

export function useAddUser() {
  return useUserMutation((input: NewUserInput) => api.post<AddedUserView>('/users', input));
}

export function useChangeRole() {
  return useUserMutation(({ id, role }: { id: string } & RoleChangeInput) => api.patch<UserView>(`/users/${encodeURIComponent(id)}`, { role } satisfies RoleChangeInput));
}

export function useRemoveUser() {
  return useUserMutation((id: string) => api.delete<void>(`/users/${encodeURIComponent(id)}`));
}

export function useNewSignInLink() {
  return useMutation({ mutationFn: (id: string) => api.post<SignInLinkView>(`/users/${encodeURIComponent(id)}/sign-in-links`) });
}
