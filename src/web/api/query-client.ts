import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';
import { keys } from './keys';

/** A signed-out answer anywhere means the session ended: back to Sign in. */
function onError(error: unknown): void {
  if (isApiError(error, 'unauthenticated')) queryClient.setQueryData(keys.session, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // Client errors will not change on retry; network hiccups and 5xx may.
      retry: (count, error) => (isApiError(error) && error.status >= 400 && error.status < 500 ? false : count < 2),
    },
    mutations: { retry: false },
  },
});
