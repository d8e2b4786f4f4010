import type { ReactNode } from 'react';
import { Icon } from './Icon';

const NEEDS: Record<string, { title: string; text: string }> = {
  manage_integrations: {
    title: 'You need Manage Integrations',
    text: 'Integration status, settings, runs and reconnecting need the Manage Integrations permission. Ask a workspace admin to give you the Admin, QA lead or Integration manager role (Account › Users).',
  },
  view_contacts: {
    title: 'You need View Imported Contacts',
    text: 'Searching imported contacts and reading why a contact is missing need the View Imported Contacts permission. Ask a workspace admin to give you the Admin, QA lead or Contact viewer role (Account › Users).',
  },
  manage_workspace: {
    title: 'You need to be a workspace admin',
    text: 'Users, API tokens and workspace settings are managed by workspace admins.',
  },
};

/** Explains which permission a screen needs and how to get it. */
export function PermissionPanel({ permission, message, children }: { permission: keyof typeof NEEDS | string; message?: string; children?: ReactNode }) {
  const need = NEEDS[permission] ?? { title: 'You do not have permission for this', text: message ?? 'Ask a workspace admin for access.' };
  return (
    <section className="card" data-testid="permission-needed" aria-labelledby="permission-title">
      <div className="row">
        <Icon name="lock" size={20} />
        <h2 id="permission-title">{need.title}</h2>
      </div>
      <p>{need.text}</p>
      {children}
    </section>
  );
}
