import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { OwnerTasksCard } from './OwnerTasksCard';
import type { MobileApp } from './shared';
import '../../i18n/apps';

type Platform = 'android' | 'ios';

/** The register of the firm's mobile apps (Art. 16–17). */
export function AppListPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [apps, setApps] = useState<MobileApp[]>();
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [bundleId, setBundleId] = useState('');
  const [platforms, setPlatforms] = useState<Platform[]>(['android']);
  const [vendorKind, setVendorKind] = useState<'in_house' | 'outside'>('in_house');
  const [vendorName, setVendorName] = useState('');

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/apps', {
      params: { path: { orgId }, query: { limit: 200 } },
    });
    if (data) setApps(data.items);
    else setError(errorMessage(failure));
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/apps', {
      params: { path: { orgId } },
      body: { name, bundleId, platforms, vendorKind, vendorName },
    });
    if (failure) {
      setError(errorMessage(failure));
      return;
    }
    setAdding(false);
    setName('');
    setBundleId('');
    await load();
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('apps.title')}</Title>
        <Button onClick={() => setAdding(true)}>{t('apps.add')}</Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <OwnerTasksCard orgId={orgId} />
      {!apps && !error && <Loader aria-label={t('common.loading')} />}
      {apps?.length === 0 && <Text c="dimmed">{t('apps.empty')}</Text>}
      {apps && apps.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('apps.name')}</Table.Th>
              <Table.Th>{t('apps.bundleId')}</Table.Th>
              <Table.Th>{t('apps.platforms')}</Table.Th>
              <Table.Th>{t('apps.vendorKind')}</Table.Th>
              <Table.Th>{t('apps.controls.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {apps.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/orgs/${orgId}/apps/${a.id}`}>
                    {a.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <code>{a.bundleId}</code>
                </Table.Td>
                <Table.Td>{a.platforms.join(' / ')}</Table.Td>
                <Table.Td>{t(`apps.vendor.${a.vendorKind}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={a.controls.every((c) => c.implemented) ? 'teal' : 'orange'}>
                    {a.controls.filter((c) => c.implemented).length}/{a.controls.length}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('apps.add')}>
        <Stack>
          <TextInput
            label={t('apps.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('apps.bundleId')}
            value={bundleId}
            onChange={(e) => setBundleId(e.currentTarget.value)}
            placeholder="tw.com.example.trade"
            required
          />
          <Checkbox.Group
            label={t('apps.platforms')}
            value={platforms}
            onChange={(v) => setPlatforms(v as Platform[])}
          >
            <Group>
              <Checkbox value="android" label="Android" />
              <Checkbox value="ios" label="iOS" />
            </Group>
          </Checkbox.Group>
          <Select
            label={t('apps.vendorKind')}
            value={vendorKind}
            onChange={(v) => setVendorKind((v as 'in_house' | 'outside') ?? 'in_house')}
            data={(['in_house', 'outside'] as const).map((k) => ({ value: k, label: t(`apps.vendor.${k}`) }))}
            allowDeselect={false}
          />
          {vendorKind === 'outside' && (
            <TextInput
              label={t('apps.vendorName')}
              value={vendorName}
              onChange={(e) => setVendorName(e.currentTarget.value)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAdding(false)}>
              {t('apps.cancel')}
            </Button>
            <Button onClick={() => void create()} disabled={!name || !bundleId || platforms.length === 0}>
              {t('apps.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
