import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { RequireAuth } from '../auth/RequireAuth';
import { AssessmentComparePage } from '../pages/assessments/AssessmentComparePage';
import { AssessmentCreatePage } from '../pages/assessments/AssessmentCreatePage';
import { AssessmentDashboardPage } from '../pages/assessments/AssessmentDashboardPage';
import { AssessmentListPage } from '../pages/assessments/AssessmentListPage';
import { AssessmentWorkspacePage } from '../pages/assessments/AssessmentWorkspacePage';
import { CatalogPage } from '../pages/catalog/CatalogPage';
import { HomePage } from '../pages/HomePage';
import { AuditPage } from '../pages/identity/AuditPage';
import { LoginPage } from '../pages/identity/LoginPage';
import { MembersPage } from '../pages/identity/MembersPage';
import { OrganizationsPage } from '../pages/identity/OrganizationsPage';
import { ProfilePage } from '../pages/identity/ProfilePage';
import { SettingsPage } from '../pages/identity/SettingsPage';
import { SetupPage } from '../pages/identity/SetupPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ProviderDetailPage } from '../pages/providers/ProviderDetailPage';
import { ProviderListPage } from '../pages/providers/ProviderListPage';
import { QuestionnaireLinkPage } from '../pages/questionnaire/QuestionnaireLinkPage';
import { SystemStatusPage } from '../pages/SystemStatusPage';
import { Layout } from './Layout';

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

export const router = createBrowserRouter([
  // The provider's questionnaire stands alone: no navigation, no login, phone-first.
  { path: '/q/:token', element: <QuestionnaireLinkPage /> },
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'setup', element: <SetupPage /> },
      { path: 'catalog', element: <CatalogPage /> },
      { path: 'system', element: <SystemStatusPage /> },
      { path: 'profile', element: signedIn(<ProfilePage />) },
      { path: 'platform/organizations', element: signedIn(<OrganizationsPage />) },
      { path: 'orgs/:orgId/assessments', element: signedIn(<AssessmentListPage />) },
      { path: 'orgs/:orgId/assessments/new', element: signedIn(<AssessmentCreatePage />) },
      { path: 'orgs/:orgId/assessments/:assessmentId', element: signedIn(<AssessmentWorkspacePage />) },
      {
        path: 'orgs/:orgId/assessments/:assessmentId/dashboard',
        element: signedIn(<AssessmentDashboardPage />),
      },
      { path: 'orgs/:orgId/assessments/:assessmentId/compare', element: signedIn(<AssessmentComparePage />) },
      { path: 'orgs/:orgId/providers', element: signedIn(<ProviderListPage />) },
      { path: 'orgs/:orgId/providers/:providerId', element: signedIn(<ProviderDetailPage />) },
      { path: 'orgs/:orgId/members', element: signedIn(<MembersPage />) },
      { path: 'orgs/:orgId/settings', element: signedIn(<SettingsPage />) },
      { path: 'orgs/:orgId/audit', element: signedIn(<AuditPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
