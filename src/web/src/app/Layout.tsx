import { AppShell, Burger, Button, Group, NavLink, Select, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { navigationFor } from './navigation';

export function Layout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const { session, refresh, currentOrgId, setCurrentOrgId } = useAuth();
  const memberships = session?.memberships ?? [];

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
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Title order={3}>{t('app.name')}</Title>
            <Text c="dimmed" size="sm" visibleFrom="lg">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {memberships.length > 1 && (
              <Select
                size="xs"
                aria-label={t('auth.chooseOrg')}
                data={memberships.map((m) => ({ value: m.orgId, label: m.name }))}
                value={currentOrgId ?? null}
                onChange={switchOrg}
                allowDeselect={false}
              />
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
          <NavLink
            key={entry.to}
            component={RouterNavLink}
            to={entry.to}
            label={t(entry.labelKey)}
            active={entry.to === '/' ? location.pathname === '/' : location.pathname.startsWith(entry.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
