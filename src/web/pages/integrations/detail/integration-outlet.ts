import { useOutletContext } from 'react-router-dom';
import type { IntegrationView } from '../../../api/types';

/** The integration the tabs of an integration page show (loaded once by its layout). */
export function useCurrentIntegration(): IntegrationView {
  return useOutletContext<IntegrationView>();
}

export function integrationPath(id: string, tab = ''): string {
  return `/integrations/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;
}
