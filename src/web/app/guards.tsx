import type { ReactNode } from 'react';
import type { Permission } from '../api/types';
import { FeatureDisabledPanel } from '../components/FeatureDisabledPanel';
import { PermissionPanel } from '../components/PermissionPanel';
import { useCan, useIntegrationsEnabled } from './SessionContext';

/** Renders the screen only with the permission; otherwise says which one is needed. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  if (!useCan(permission)) {
    return (
      <div className="page page-narrow">
        <PermissionPanel permission={permission} />
      </div>
    );
  }
  return <>{children}</>;
}

/** Screens of the Integrations feature: explained, not shown, while the workspace flag is off. */
export function RequireIntegrationsFeature({ children }: { children: ReactNode }) {
  if (!useIntegrationsEnabled()) {
    return (
      <div className="page page-narrow">
        <FeatureDisabledPanel />
      </div>
    );
  }
  return <>{children}</>;
}
