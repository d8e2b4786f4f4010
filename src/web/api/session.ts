import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';
import { api, setCsrfRefresher, setCsrfToken } from './client';
import { keys } from './keys';
import { queryClient } from './query-client';
import type { LinkCheckInput, LinkCheckView, LoginInput, PasswordChangeInput, ProfileChangeInput, RedeemLinkInput, SessionView } from './types';

async function fetchSession(): Promise<SessionView | null> {
  try {
    const session = await api.get<SessionView>('/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, 'unauthenticated')) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

setCsrfRefresher(async () => (await queryClient.fetchQuery({ queryKey: keys.session, queryFn: fetchSession, staleTime: 0 }))?.csrfToken ?? null);

/** The signed-in session, or null when nobody is signed in. */
export function useSessionQuery() {
  return useQuery({ queryKey: keys.session, queryFn: fetchSession, staleTime: 60_000 });
}

function useStartSession<Input>(post: (input: Input) => Promise<SessionView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: post,
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
      client.setQueryData(keys.session, session);
    },
  });
}

export function useSignIn() {
  return useStartSession((input: LoginInput) => api.post<SessionView>('/auth/login', input));
}

/**
 * What the one-time link in the address can still do, asked before any form is shown (checking
 * does not use the link). Not retried: a spent link stays spent.
 */
export function useLinkCheck(token: string) {
  return useQuery({
    queryKey: ['sign-in-link', token],
    queryFn: () => api.post<LinkCheckView>('/auth/links/check', { token } satisfies LinkCheckInput),
    retry: false,
    staleTime: Infinity,
  });
}

export function useRedeemLink() {
  return useStartSession((input: RedeemLinkInput) => api.post<SessionView>('/auth/links/redeem', input));
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      client.setQueryData(keys.session, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
    },
  });
}

/** Changes the signed-in user's own name; the sidebar and profile follow. */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileChangeInput) => api.patch<SessionView>('/auth/profile', input),
    onSuccess: (session) => client.setQueryData(keys.session, session),
  });
}

/** Changes the signed-in user's own password; their other sessions end, this one stays. */
export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChangeInput) => api.post<void>('/auth/password', input) });
}
