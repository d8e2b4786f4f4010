import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Permission } from '../api/types';
import { FeatureDisabledPanel } from '../components/FeatureDisabledPanel';
import { PageHeader } from '../components/PageHeader';
import { PermissionPanel } from '../components/PermissionPanel';
import { useCan, useIntegrationsEnabled } from './SessionContext';

export interface Place {
  crumbs: string;
  title: string;
}

function Blocked({ place, children }: { place: Place; children: ReactNode }) {
  return (
    <div className="page page-narrow">
      <PageHeader crumbs={place.crumbs} title={place.title} />
      {children}
    </div>
  );
}

/** Renders the screen only with the permission; otherwise says which one is needed and where to go. */
export function RequirePermission({ permission, place, children }: { permission: Permission; place: Place; children: ReactNode }) {
  const allowed = useCan(permission);
  const canViewContacts = useCan('view_contacts');
  if (!allowed) {
    return (
      <Blocked place={place}>
        <PermissionPanel permission={permission}>
          {permission === 'manage_integrations' && canViewContacts ? (
            <p>
              You can still confirm which contacts arrived: <Link to="/contacts">Imported contacts &amp; filters</Link>.
            </p>
          ) : null}
        </PermissionPanel>
      </Blocked>
    );
  }
  return <>{children}</>;
}

/** Screens of the Integrations feature: explained, not shown, while the workspace flag is off. */
export function RequireIntegrationsFeature({ place, children }: { place: Place; children: ReactNode }) {
  if (!useIntegrationsEnabled()) {
    return (
      <Blocked place={place}>
        <FeatureDisabledPanel />
      </Blocked>
    );
  }
  return <>{children}</>;
}
