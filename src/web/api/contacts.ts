import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ContactPageView, ContactQuery, ContactSourceListView, ContactView, DecisionListView, DecisionsQuery } from './types';

export function useContacts(query: ContactQuery) {
  return useQuery({
    queryKey: keys.contacts(query),
    queryFn: () => api.get<ContactPageView>('/contacts', query),
    placeholderData: keepPreviousData,
  });
}

/** Contacts with exactly this source reference (one per source account that has it), or under one integration. */
export function useContactsByReference(sourceRef: string, integrationId: string | null = null) {
  return useQuery({
    queryKey: keys.contactsByRef(sourceRef, integrationId),
    queryFn: async () => {
      const query: ContactQuery = { sourceRef, integrationId: integrationId ?? undefined };
      return (await api.get<ContactPageView>('/contacts', query)).contacts;
    },
    enabled: sourceRef !== '',
  });
}

/** The integrations contacts come from, with platform and account: readable by anyone who reads contacts. */
export function useContactSources() {
  return useQuery({
    queryKey: keys.contactSources,
    queryFn: async () => (await api.get<ContactSourceListView>('/contact-sources')).integrations,
    staleTime: 60_000,
  });
}

export function useContact(id: string) {
  return useQuery({ queryKey: keys.contact(id), queryFn: () => api.get<ContactView>(`/contacts/${encodeURIComponent(id)}`) });
}

/** Every decision about a source reference across runs, newest first. */
export function useDecisions(sourceRef: string, integrationId?: string | null) {
  return useQuery({
    queryKey: [...keys.decisions(sourceRef), integrationId ?? null],
    queryFn: async () => {
      const query: DecisionsQuery = { sourceRef, integrationId: integrationId ?? undefined };
      return (await api.get<DecisionListView>('/decisions', query)).decisions;
    },
    enabled: sourceRef !== '',
  });
}
