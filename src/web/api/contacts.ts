import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ContactView, DecisionView } from './types';

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
}

export function useContacts(query: ContactQuery) {
  return useQuery({
    queryKey: keys.contacts({ ...query }),
    queryFn: () => api.get<ContactPage>('/contacts', { ...query }),
    placeholderData: keepPreviousData,
  });
}

/** Contacts with exactly this source reference (one per integration that imported it). */
export function useContactsByReference(sourceRef: string) {
  return useQuery({
    queryKey: keys.contactsByRef(sourceRef),
    queryFn: async () => (await api.get<ContactPage>('/contacts', { sourceRef })).contacts,
    enabled: sourceRef !== '',
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
