import { Loader } from '@mantine/core';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import {
  BrowserRouter,
  matchRoutes,
  type NonIndexRouteObject,
  type RouteObject,
  useRoutes,
} from 'react-router-dom';
import { RequireAuth } from '../auth/RequireAuth';

/**
 * Every page is its own chunk, and so is the layout (the provider's questionnaire has none), so the
 * sign-in page and the phone-first questionnaire never download the workspace, the dashboard's charts or
 * the provider register. The build checks each route's JavaScript against a budget (src/web/budgets.json).
 * The chunks the first URL needs are requested together as soon as the app starts, not one after another.
 */
interface Lazy {
  Component: ComponentType;
  preload: () => Promise<unknown>;
}

function lazyComponent<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): Lazy {
  let loading: Promise<Record<Name, ComponentType>> | undefined;
  const preload = () => {
    loading ??= load();
    return loading;
  };
  const Component: ComponentType = lazy(async () => ({ default: (await preload())[name] as ComponentType }));
  return { Component, preload };
}
const page = lazyComponent;

const Layout = lazyComponent(() => import('./Layout'), 'Layout');

const HomePage = page(() => import('../pages/HomePage'), 'HomePage');
const LoginPage = page(() => import('../pages/identity/LoginPage'), 'LoginPage');
const SetupPage = page(() => import('../pages/identity/SetupPage'), 'SetupPage');
const CatalogPage = page(() => import('../pages/catalog/CatalogPage'), 'CatalogPage');
const SystemStatusPage = page(() => import('../pages/SystemStatusPage'), 'SystemStatusPage');
const ProfilePage = page(() => import('../pages/identity/ProfilePage'), 'ProfilePage');
const OrganizationsPage = page(() => import('../pages/identity/OrganizationsPage'), 'OrganizationsPage');
const AssessmentListPage = page(
  () => import('../pages/assessments/AssessmentListPage'),
  'AssessmentListPage',
);
const AssessmentCreatePage = page(
  () => import('../pages/assessments/AssessmentCreatePage'),
  'AssessmentCreatePage',
);
const AssessmentWorkspacePage = page(
  () => import('../pages/assessments/AssessmentWorkspacePage'),
  'AssessmentWorkspacePage',
);
const AssessmentDashboardPage = page(
  () => import('../pages/assessments/AssessmentDashboardPage'),
  'AssessmentDashboardPage',
);
const AssessmentComparePage = page(
  () => import('../pages/assessments/AssessmentComparePage'),
  'AssessmentComparePage',
);
const ProviderListPage = page(() => import('../pages/providers/ProviderListPage'), 'ProviderListPage');
const ProviderDetailPage = page(() => import('../pages/providers/ProviderDetailPage'), 'ProviderDetailPage');
const AppListPage = page(() => import('../pages/apps/AppListPage'), 'AppListPage');
const AppDetailPage = page(() => import('../pages/apps/AppDetailPage'), 'AppDetailPage');
const ReleasePage = page(() => import('../pages/apps/ReleasePage'), 'ReleasePage');
const AssociationCampaignsPage = page(
  () => import('../pages/campaigns/AssociationCampaignsPage'),
  'AssociationCampaignsPage',
);
const MemberCampaignsPage = page(
  () => import('../pages/campaigns/MemberCampaignsPage'),
  'MemberCampaignsPage',
);
const MembersPage = page(() => import('../pages/identity/MembersPage'), 'MembersPage');
const SettingsPage = page(() => import('../pages/identity/SettingsPage'), 'SettingsPage');
const AuditPage = page(() => import('../pages/identity/AuditPage'), 'AuditPage');
const SocialAccountsPage = page(() => import('../pages/social/SocialAccountsPage'), 'SocialAccountsPage');
const SocialAccountDetailPage = page(
  () => import('../pages/social/SocialAccountDetailPage'),
  'SocialAccountDetailPage',
);
const SocialGovernancePage = page(
  () => import('../pages/social/SocialGovernancePage'),
  'SocialGovernancePage',
);
const SocialPostsPage = page(() => import('../pages/social/SocialPostsPage'), 'SocialPostsPage');
const MyInvitationsPage = page(() => import('../pages/identity/MyInvitationsPage'), 'MyInvitationsPage');
const InvitationLinkPage = page(() => import('../pages/identity/InvitationLinkPage'), 'InvitationLinkPage');
const DeviceListPage = page(() => import('../pages/devices/DeviceListPage'), 'DeviceListPage');
const DeviceDetailPage = page(() => import('../pages/devices/DeviceDetailPage'), 'DeviceDetailPage');
const DeviceImportPage = page(() => import('../pages/devices/DeviceImportPage'), 'DeviceImportPage');
const DeviceSummaryPage = page(() => import('../pages/devices/DeviceSummaryPage'), 'DeviceSummaryPage');
const ByodPage = page(() => import('../pages/devices/ByodPage'), 'ByodPage');
const RemediationListPage = page(
  () => import('../pages/remediation/RemediationListPage'),
  'RemediationListPage',
);
const RemediationDetailPage = page(
  () => import('../pages/remediation/RemediationDetailPage'),
  'RemediationDetailPage',
);
const NotificationsPage = page(() => import('../pages/remediation/NotificationsPage'), 'NotificationsPage');
const NotFoundPage = page(() => import('../pages/NotFoundPage'), 'NotFoundPage');
const CheckEndpointPage = page(() => import('../pages/checks/CheckEndpointPage'), 'CheckEndpointPage');
const CertificateCalendarPage = page(
  () => import('../pages/checks/CertificateCalendarPage'),
  'CertificateCalendarPage',
);
const QuestionnaireLinkPage = page(
  () => import('../pages/questionnaire/QuestionnaireLinkPage'),
  'QuestionnaireLinkPage',
);

const loading = <Loader m="xl" aria-busy="true" />;

function element(target: Lazy, wrap?: (page: ReactNode) => ReactNode): ReactNode {
  return <Suspense fallback={loading}>{wrap ? wrap(<target.Component />) : <target.Component />}</Suspense>;
}

function route(path: string, target: Lazy, wrap?: (page: ReactNode) => ReactNode): NonIndexRouteObject {
  return { path, element: element(target, wrap), handle: { preload: target.preload } };
}
const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

const routes: RouteObject[] = [
  // The provider's questionnaire stands alone: no navigation, no login, phone-first.
  route('/q/:token', QuestionnaireLinkPage),
  {
    ...route('/', Layout),
    children: [
      { index: true, element: element(HomePage), handle: { preload: HomePage.preload } },
      route('login', LoginPage),
      route('setup', SetupPage),
      route('catalog', CatalogPage),
      route('system', SystemStatusPage),
      route('profile', ProfilePage, signedIn),
      route('platform/organizations', OrganizationsPage, signedIn),
      route('orgs/:orgId/assessments', AssessmentListPage, signedIn),
      route('orgs/:orgId/assessments/new', AssessmentCreatePage, signedIn),
      route('orgs/:orgId/assessments/:assessmentId', AssessmentWorkspacePage, signedIn),
      route('orgs/:orgId/assessments/:assessmentId/items/:itemNumber', AssessmentWorkspacePage, signedIn),
      route('orgs/:orgId/assessments/:assessmentId/dashboard', AssessmentDashboardPage, signedIn),
      route('orgs/:orgId/assessments/:assessmentId/compare', AssessmentComparePage, signedIn),
      route('orgs/:orgId/providers', ProviderListPage, signedIn),
      route('orgs/:orgId/providers/:providerId', ProviderDetailPage, signedIn),
      route('orgs/:orgId/association', AssociationCampaignsPage, signedIn),
      route('orgs/:orgId/campaigns', MemberCampaignsPage, signedIn),
      route('orgs/:orgId/members', MembersPage, signedIn),
      route('orgs/:orgId/settings', SettingsPage, signedIn),
      route('orgs/:orgId/audit', AuditPage, signedIn),
      route('orgs/:orgId/social', SocialAccountsPage, signedIn),
      route('orgs/:orgId/social/accounts/:accountId', SocialAccountDetailPage, signedIn),
      route('orgs/:orgId/social/governance', SocialGovernancePage, signedIn),
      route('orgs/:orgId/social/posts', SocialPostsPage, signedIn),
      route('me/invitations', MyInvitationsPage, signedIn),
      // The mailed link is /invite/:token; /invitations/:token is kept as its readable alias.
      route('invite/:token', InvitationLinkPage),
      route('invitations/:token', InvitationLinkPage),
      route('orgs/:orgId/devices', DeviceListPage, signedIn),
      route('orgs/:orgId/devices/import', DeviceImportPage, signedIn),
      route('orgs/:orgId/devices/summary', DeviceSummaryPage, signedIn),
      route('orgs/:orgId/devices/byod', ByodPage, signedIn),
      route('orgs/:orgId/devices/:deviceId', DeviceDetailPage, signedIn),
      route('orgs/:orgId/apps', AppListPage, signedIn),
      route('orgs/:orgId/apps/:appId', AppDetailPage, signedIn),
      route('orgs/:orgId/app-releases/:releaseId', ReleasePage, signedIn),
      route('orgs/:orgId/checks/endpoints/:endpointId', CheckEndpointPage, signedIn),
      route('orgs/:orgId/checks/certificates', CertificateCalendarPage, signedIn),
      route('orgs/:orgId/remediation', RemediationListPage, signedIn),
      route('orgs/:orgId/remediation/:remediationId', RemediationDetailPage, signedIn),
      route('orgs/:orgId/notifications', NotificationsPage, signedIn),
      route('*', NotFoundPage),
    ],
  },
];

/** Starts loading the layout and page chunks of the URL the app opened on, in parallel. */
export function preloadCurrentRoute(): void {
  for (const match of matchRoutes(routes, window.location) ?? []) {
    void (match.route.handle as { preload?: () => Promise<unknown> } | undefined)?.preload?.();
  }
}

function Routes() {
  return useRoutes(routes);
}

/** The app's routes; BrowserRouter (declarative mode) keeps the data-router machinery out of the bundle. */
export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes />
    </BrowserRouter>
  );
}
