import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { type Device, formatTime } from './shared';
import '../../i18n/devices';

const PLATFORMS = ['ios', 'ipados', 'android', 'windows', 'macos', 'chromeos', 'linux', 'other'] as const;
type Platform = (typeof PLATFORMS)[number];

/** The register with filters: platform, ownership, failing or unknown posture, stale check-in. */
export function DeviceListPage() {
  const { orgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [devices, setDevices] = useState<Device[]>();
  const [error, setError] = useState<string>();
  const [platform, setPlatform] = useState<Platform | null>(null);
  const [ownership, setOwnership] = useState<'company' | 'byod' | null>(null);
  const [posture, setPosture] = useState<'failing' | 'unknown' | null>(null);
  const [stale, setStale] = useState(false);

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/devices', {
      params: {
        path: { orgId },
        query: {
          limit: 500,
          ...(platform ? { platform } : {}),
          ...(ownership ? { ownership } : {}),
          ...(posture ? { posture } : {}),
          ...(stale ? { stale: true } : {}),
        },
      },
    });
    if (data) setDevices(data.items);
    else setError(errorMessage(failure));
  }, [orgId, platform, ownership, posture, stale]);
  useEffect(() => {
    void load();
  }, [load]);

  const base = `/orgs/${orgId}/devices`;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('devices.title')}</Title>
        <Group gap="xs">
          <Button component={Link} to={`${base}/summary`} variant="default">
            {t('devices.summaryTitle')}
          </Button>
          <Button component={Link} to={`${base}/byod`} variant="default">
            {t('devices.byodTitle')}
          </Button>
          <Button
            component="a"
            variant="default"
            href={`/api/v1${base}/export?lang=${i18n.language === 'en' ? 'en' : 'zh-TW'}`}
            download
          >
            {t('devices.export')}
          </Button>
          <Button component={Link} to={`${base}/import`}>
            {t('devices.import')}
          </Button>
        </Group>
      </Group>
      <Group align="end">
        <Select
          label={t('devices.filters.platform')}
          placeholder={t('devices.filters.any')}
          data={PLATFORMS.map((p) => ({ value: p, label: p }))}
          value={platform}
          onChange={(v) => setPlatform(v as Platform | null)}
          clearable
        />
        <Select
          label={t('devices.filters.ownership')}
          placeholder={t('devices.filters.any')}
          data={[
            { value: 'company', label: t('devices.ownership.company') },
            { value: 'byod', label: t('devices.ownership.byod') },
          ]}
          value={ownership}
          onChange={(v) => setOwnership(v as 'company' | 'byod' | null)}
          clearable
        />
        <Select
          label={t('devices.filters.posture')}
          placeholder={t('devices.filters.any')}
          data={[
            { value: 'failing', label: t('devices.filters.failing') },
            { value: 'unknown', label: t('devices.filters.unknown') },
          ]}
          value={posture}
          onChange={(v) => setPosture(v as 'failing' | 'unknown' | null)}
          clearable
          data-testid="filter-posture"
        />
        <Checkbox
          label={t('devices.filters.stale')}
          checked={stale}
          onChange={(e) => setStale(e.currentTarget.checked)}
        />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!devices && !error && <Loader aria-label={t('common.loading')} />}
      {devices?.length === 0 && <Text c="dimmed">{t('devices.empty')}</Text>}
      {devices && devices.length > 0 && (
        <Table striped data-testid="device-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('devices.columns.name')}</Table.Th>
              <Table.Th>{t('devices.columns.platform')}</Table.Th>
              <Table.Th>{t('devices.columns.holder')}</Table.Th>
              <Table.Th>{t('devices.columns.ownership')}</Table.Th>
              <Table.Th>{t('devices.columns.scope')}</Table.Th>
              <Table.Th>{t('devices.columns.lastCheckIn')}</Table.Th>
              <Table.Th>{t('devices.columns.failing')}</Table.Th>
              <Table.Th>{t('devices.columns.unknown')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={`${base}/${d.id}`}>
                    {d.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {d.platform} {d.osVersion ?? ''}
                </Table.Td>
                <Table.Td>{d.holderName ?? '—'}</Table.Td>
                <Table.Td>{t(`devices.ownership.${d.ownership}`)}</Table.Td>
                <Table.Td>{d.inScope ? t('devices.inScope') : t('devices.excluded')}</Table.Td>
                <Table.Td>
                  {formatTime(d.lastCheckIn)}{' '}
                  {d.stale && <Badge color="orange">{t('devices.filters.stale')}</Badge>}
                </Table.Td>
                <Table.Td>{d.failing > 0 ? <Badge color="red">{d.failing}</Badge> : 0}</Table.Td>
                <Table.Td>{d.unknown > 0 ? <Badge color="gray">{d.unknown}</Badge> : 0}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
