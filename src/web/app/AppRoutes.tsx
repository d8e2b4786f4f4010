import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ApiTokensPage } from '../pages/account/ApiTokensPage';
import { NotificationsPage } from '../pages/account/NotificationsPage';
import { ProfilePage } from '../pages/account/ProfilePage';
import { UsersPage } from '../pages/account/UsersPage';
import { WorkspacePage } from '../pages/account/WorkspacePage';
import { ContactPage } from '../pages/contacts/ContactPage';
import { ContactsPage } from '../pages/contacts/ContactsPage';
import { AddIntegrationPage } from '../pages/integrations/add/AddIntegrationPage';
import { IntegrationLayout } from '../pages/integrations/detail/IntegrationLayout';
import { OverviewTab } from '../pages/integrations/overview/OverviewTab';
import { DeleteTab } from '../pages/integrations/detail/DeleteTab';
import { ReconnectTab } from '../pages/integrations/reconnect/ReconnectTab';
import { RunsTab } from '../pages/integrations/runs/RunsTab';
import { SettingsTab } from '../pages/integrations/settings/SettingsTab';
import { BackfillTab } from '../pages/integrations/backfill/BackfillTab';
import { UploadTab } from '../pages/integrations/upload/UploadTab';
import { PushTab } from '../pages/integrations/push/PushTab';
import { HistoryTab } from '../pages/integrations/history/HistoryTab';
import { LoadingLabel, SkeletonBlock } from '../components/Skeleton';
import { PlatformsPage } from '../pages/integrations/platforms/PlatformsPage';
import { RunPage } from '../pages/integrations/runs/RunPage';
import { NotFoundPage } from './NotFoundPage';
import { RequireIntegrationsFeature, RequirePermission } from './guards';
import { useCan } from './SessionContext';
import type { ReactNode } from 'react';

// The charts (recharts) load only when Health is opened.
const HealthPage = lazy(() => import('../pages/health/HealthPage'));
const HealthTab = lazy(() => import('../pages/health/HealthTab'));

function Charts({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="card">
          <LoadingLabel what="the charts" />
          <SkeletonBlock lines={8} height={480} />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

const INTEGRATIONS = { crumbs: 'Conversations', title: 'Integrations' };
const CONTACTS = { crumbs: 'Conversations', title: 'Imported contacts & filters' };
const ACCOUNT = { crumbs: 'Account', title: 'Workspace administration' };

function Manage({ children }: { children: ReactNode }) {
  return (
    <RequirePermission permission="manage_integrations" place={INTEGRATIONS}>
      <RequireIntegrationsFeature place={INTEGRATIONS}>{children}</RequireIntegrationsFeature>
    </RequirePermission>
  );
}

function Contacts({ children }: { children: ReactNode }) {
  return (
    <RequirePermission permission="view_contacts" place={CONTACTS}>
      <RequireIntegrationsFeature place={CONTACTS}>{children}</RequireIntegrationsFeature>
    </RequirePermission>
  );
}

function Admin({ children }: { children: ReactNode }) {
  return (
    <RequirePermission permission="manage_workspace" place={ACCOUNT}>
      {children}
    </RequirePermission>
  );
}

function Home() {
  const canManage = useCan('manage_integrations');
  const canView = useCan('view_contacts');
  return <Navigate to={canManage ? '/integrations' : canView ? '/contacts' : '/account'} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/integrations" element={<Manage><PlatformsPage /></Manage>} />
      <Route path="/integrations/new" element={<Manage><AddIntegrationPage /></Manage>} />
      <Route path="/integrations/:id" element={<Manage><IntegrationLayout /></Manage>}>
        <Route index element={<OverviewTab />} />
        <Route path="settings" element={<SettingsTab />} />
        <Route path="reconnect" element={<ReconnectTab />} />
        <Route path="history" element={<HistoryTab />} />
        <Route path="backfill" element={<BackfillTab />} />
        <Route path="upload" element={<UploadTab />} />
        <Route path="push" element={<PushTab />} />
        <Route path="health" element={<Charts><HealthTab /></Charts>} />
        <Route path="runs" element={<RunsTab />} />
        <Route path="delete" element={<DeleteTab />} />
      </Route>
      <Route path="/runs/:id" element={<Manage><RunPage /></Manage>} />
      <Route path="/health" element={<Manage><Charts><HealthPage /></Charts></Manage>} />
      <Route path="/contacts" element={<Contacts><ContactsPage /></Contacts>} />
      <Route path="/contacts/:id" element={<Contacts><ContactPage /></Contacts>} />
      <Route path="/account" element={<ProfilePage />} />
      <Route path="/account/notifications" element={<NotificationsPage />} />
      <Route path="/account/users" element={<Admin><UsersPage /></Admin>} />
      <Route path="/account/api-tokens" element={<Admin><ApiTokensPage /></Admin>} />
      <Route path="/account/workspace" element={<Admin><WorkspacePage /></Admin>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
