import type { Permission, Role } from '../../api/types';

export const ROLES: Role[] = ['admin', 'qa_lead', 'integration_manager', 'contact_viewer'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  qa_lead: 'QA lead',
  integration_manager: 'Integration manager',
  contact_viewer: 'Contact viewer',
};

export const ROLE_GRANTS: Record<Role, string> = {
  admin: 'Manage Integrations, View Imported Contacts, users, API tokens and the workspace',
  qa_lead: 'Manage Integrations and View Imported Contacts',
  integration_manager: 'Manage Integrations',
  contact_viewer: 'View Imported Contacts',
};

export const PERMISSIONS: Permission[] = ['manage_integrations', 'view_contacts', 'manage_workspace'];

export const PERMISSION_LABELS: Record<Permission, string> = {
  manage_integrations: 'Manage Integrations',
  view_contacts: 'View Imported Contacts',
  manage_workspace: 'Manage Workspace',
};

export const PERMISSION_HINTS: Record<Permission, string> = {
  manage_integrations: 'Status, settings, pause, resume, run, reconnect, delete',
  view_contacts: 'Search imported contacts and read decisions',
  manage_workspace: 'Users, API tokens and workspace settings',
};
