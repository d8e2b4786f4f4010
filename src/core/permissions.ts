/**
 * The product's two permissions, plus the admin's own: managing users, API tokens and the
 * workspace's feature flags.
 */
export const PERMISSIONS = ['manage_integrations', 'view_contacts', 'manage_workspace'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  manage_integrations: 'Manage Integrations',
  view_contacts: 'View Imported Contacts',
  manage_workspace: 'Manage Workspace',
};

export const ROLES = ['admin', 'integration_manager', 'qa_lead', 'contact_viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What each role grants. An admin has both product permissions and manages the workspace. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['manage_integrations', 'view_contacts', 'manage_workspace'],
  qa_lead: ['manage_integrations', 'view_contacts'],
  integration_manager: ['manage_integrations'],
  contact_viewer: ['view_contacts'],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  qa_lead: 'QA lead (both permissions)',
  integration_manager: 'Integration manager',
  contact_viewer: 'Contact viewer',
};

/** The workspace feature flag that gates everything Intake does. */
export const INTEGRATIONS_FLAG = 'integrations';
