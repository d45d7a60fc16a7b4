import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { allPages, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { AppOwnerCard } from './AppOwnerCard';
import { ControlRow } from './ControlRow';
import { dateOf, GATE_COLORS, type MobileApp, type Release } from './shared';
import { TemplatesSection } from './TemplatesSection';
import '../../i18n/apps';

/** One app: its Art. 16 controls with evidence, its releases and gate, its notification templates. */
export function AppDetailPage() {
  const { orgId = '', appId = '' } = useParams();
  const { t } = useTranslation();
  const [app, setApp] = useState<MobileApp>();
  const [releases, setReleases] = useState<Release[]>();
  const [evidence, setEvidence] = useState<Array<{ value: string; label: string }>>([]);
  const [error, setError] = useState<string>();
  const [appVersion, setAppVersion] = useState('');
  const [buildNumber, setBuildNumber] = useState('');
  const [releaseDate, setReleaseDate] = useState('');

  const load = useCallback(async () => {
    const path = { orgId, appId };
    // Every page of the releases and of the evidence to pick from, not only the first.
    const [a, r, e] = await Promise.all([
      api.GET('/api/v1/orgs/{orgId}/apps/{appId}', { params: { path } }),
      allPages((cursor) =>
        api.GET('/api/v1/orgs/{orgId}/apps/{appId}/releases', {
          params: { path, query: { limit: 50, cursor } },
        }),
      ),
      allPages((cursor) =>
        api.GET('/api/v1/orgs/{orgId}/evidence', {
          params: { path: { orgId }, query: { limit: 200, cursor } },
        }),
      ),
    ]);
    if (a.data) setApp(a.data);
    else setError(errorMessage(a.error));
    if (r.first) setReleases(r.items);
    if (e.first) setEvidence(e.items.map((x) => ({ value: x.id, label: x.title })));
  }, [orgId, appId]);
  useEffect(() => {
    void load();
  }, [load]);

  const addRelease = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/apps/{appId}/releases', {
      params: { path: { orgId, appId } },
      body: { appVersion, buildNumber, releaseDate: releaseDate || null },
    });
    if (failure) setError(errorMessage(failure));
    else {
      setAppVersion('');
      setBuildNumber('');
      await load();
    }
  };

  if (!app) return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  return (
    <Stack>
      <Title order={2}>{app.name}</Title>
      <Text size="sm" c="dimmed">
        <code>{app.bundleId}</code> · {app.platforms.join(' / ')} · {t(`apps.vendor.${app.vendorKind}`)}
        {app.vendorName && ` · ${app.vendorName}`}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      <AppOwnerCard orgId={orgId} app={app} onSaved={setApp} onError={setError} />
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('apps.controls.title')}
        </Title>
        {/* On a phone the five controls scroll sideways rather than squeezing their names to a few glyphs. */}
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Tbody>
              {app.controls.map((c) => (
                <ControlRow
                  key={c.control}
                  orgId={orgId}
                  appId={appId}
                  control={c}
                  evidence={evidence}
                  onSaved={setApp}
                  onError={setError}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('apps.releases.title')}
        </Title>
        {releases?.length === 0 && <Text c="dimmed">{t('apps.releases.none')}</Text>}
        {releases && releases.length > 0 && (
          <Table striped data-testid="releases">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apps.releases.version')}</Table.Th>
                <Table.Th>{t('apps.releases.build')}</Table.Th>
                <Table.Th>{t('apps.releases.scannedAt')}</Table.Th>
                <Table.Th>{t('apps.releases.findings')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {releases.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/orgs/${orgId}/app-releases/${r.id}`}>
                      {r.appVersion}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.buildNumber}</Table.Td>
                  <Table.Td>{dateOf(r.scannedAt)}</Table.Td>
                  <Table.Td>{r.summary ? r.summary.total : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Badge color={GATE_COLORS[r.gate]}>{t(`apps.gate.${r.gate}`)}</Badge>
                      <Badge variant="outline">{t(`apps.status.${r.status}`)}</Badge>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group mt="sm" align="flex-end">
          <TextInput
            label={t('apps.releases.version')}
            value={appVersion}
            onChange={(e) => setAppVersion(e.currentTarget.value)}
          />
          <TextInput
            label={t('apps.releases.build')}
            value={buildNumber}
            onChange={(e) => setBuildNumber(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('apps.releases.releaseDate')}
            value={releaseDate}
            onChange={(e) => setReleaseDate(e.currentTarget.value)}
          />
          <Button onClick={() => void addRelease()} disabled={!appVersion || !buildNumber}>
            {t('apps.releases.add')}
          </Button>
        </Group>
      </Card>
      <TemplatesSection orgId={orgId} appId={appId} />
    </Stack>
  );
}
