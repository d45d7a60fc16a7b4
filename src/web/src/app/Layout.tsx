import { AppShell, Burger, Button, Group, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { navigationFor } from './navigation';

const QueryOutlet = lazy(async () => ({ default: (await import('./QueryOutlet')).QueryOutlet }));
const OrgSwitcher = lazy(async () => ({ default: (await import('./OrgSwitcher')).OrgSwitcher }));

export function Layout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const { session, refresh, currentOrgId, setCurrentOrgId } = useAuth();
  const memberships = session?.memberships ?? [];
  const isActive = (to: string) =>
    to === '/' ? location.pathname === '/' : location.pathname.startsWith(to);

  const logout = async () => {
    await api.POST('/api/v1/auth/logout');
    await refresh();
    navigate('/login');
  };

  const switchOrg = (orgId: string | null) => {
    if (!orgId) return;
    setCurrentOrgId(orgId);
    navigate(`/orgs/${orgId}/assessments`);
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Title order={3} style={{ whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="lg">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {memberships.length > 1 && (
              <Suspense fallback={null}>
                <OrgSwitcher memberships={memberships} value={currentOrgId ?? null} onChange={switchOrg} />
              </Suspense>
            )}
            <LanguageSwitch />
            {session?.authenticated ? (
              <Button size="xs" variant="subtle" onClick={() => void logout()}>
                {t('auth.logout')}
              </Button>
            ) : (
              <Button size="xs" variant="light" component={Link} to="/login">
                {t('auth.login')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        {navigationFor(session, currentOrgId).map((entry) => (
          <Button
            key={entry.to}
            component={RouterNavLink}
            to={entry.to}
            variant={isActive(entry.to) ? 'light' : 'subtle'}
            color={isActive(entry.to) ? undefined : 'gray'}
            justify="flex-start"
            fullWidth
            fw={isActive(entry.to) ? 600 : 400}
            onClick={close}
          >
            {t(entry.labelKey)}
          </Button>
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {location.pathname === '/login' ? (
          <Outlet />
        ) : (
          <Suspense fallback={null}>
            <QueryOutlet />
          </Suspense>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
