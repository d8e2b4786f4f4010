import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ContactSourceView, ContactView, DecisionView } from './types';

export interface ContactQuery {
  integrationId?: string;
  channel?: string;
  agent?: string;
  status?: string;
  tag?: string;
  importedFrom?: string;
  importedTo?: string;
  cursor?: string;
  limit?: string;
}

export interface ContactPage {
  contacts: ContactView[];
  nextCursor: string | null;
  /** On the first page only. */
  total: number | null;
}

export function useContacts(query: ContactQuery) {
  return useQuery({
    queryKey: keys.contacts({ ...query }),
    queryFn: () => api.get<ContactPage>('/contacts', { ...query }),
    placeholderData: keepPreviousData,
  });
}

/** Contacts with exactly this source reference (one per source account that has it), or under one integration. */
export function useContactsByReference(sourceRef: string, integrationId: string | null = null) {
  return useQuery({
    queryKey: keys.contactsByRef(sourceRef, integrationId),
    queryFn: async () => (await api.get<ContactPage>('/contacts', { sourceRef, integrationId: integrationId ?? undefined })).contacts,
    enabled: sourceRef !== '',
  });
}

/** The integrations contacts come from, with platform and account: readable by anyone who reads contacts. */
export function useContactSources() {
  return useQuery({
    queryKey: keys.contactSources,
    queryFn: async () => (await api.get<{ integrations: ContactSourceView[] }>('/contact-sources')).integrations,
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
    queryFn: async () => (await api.get<{ decisions: DecisionView[] }>('/decisions', { sourceRef, integrationId })).decisions,
    enabled: sourceRef !== '',
  });
}
