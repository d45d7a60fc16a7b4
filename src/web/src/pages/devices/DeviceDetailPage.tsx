import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { formatTime, RESULT_COLORS } from './shared';
import '../../i18n/devices';

type Detail = ApiSchemas['getDevice'];
const KINDS = ['request', 'issue', 'update', 'return', 'reprovision', 'wipe', 'lost', 'retire'] as const;

/** One device: its facts, each control's result with the reason and source, its history and open tasks. */
export function DeviceDetailPage() {
  const { orgId = '', deviceId = '' } = useParams();
  const { t } = useTranslation();
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('update');
  const [person, setPerson] = useState('');
  const [occurredOn, setOccurredOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [taskId, setTaskId] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/devices/{deviceId}', {
      params: { path: { orgId, deviceId } },
    });
    if (data) setDetail(data);
    else setError(errorMessage(failure));
  }, [orgId, deviceId]);
  useEffect(() => {
    void load();
  }, [load]);

  const record = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/devices/{deviceId}/events', {
      params: { path: { orgId, deviceId } },
      body: { kind, occurredOn, personName: person, ...(taskId ? { taskId } : {}) },
    });
    if (failure) setError(errorMessage(failure));
    else {
      setPerson('');
      setTaskId(null);
      await load();
    }
  };

  if (!detail)
    return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  const d = detail.device;
  return (
    <Stack>
      <Title order={2}>{d.name}</Title>
      {error && <Alert color="red">{error}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Text>
            {d.platform} {d.osVersion} · {d.model ?? '—'} · {t(`devices.ownership.${d.ownership}`)}
          </Text>
          <Text>
            {t('devices.columns.holder')}: {d.holderName ?? '—'} {d.holderPhone ?? ''} · {d.department ?? ''}
          </Text>
          <Text>
            {d.serialNumber ?? '—'} · IMEI {d.imei ?? '—'}
          </Text>
          {d.personalDataMasked && <Badge color="gray">{t('devices.masked')}</Badge>}
          <Text>
            {d.inScope ? t('devices.inScope') : `${t('devices.excluded')} ${d.exclusionReason ?? ''}`} ·{' '}
            {t('devices.columns.lastCheckIn')} {formatTime(d.lastCheckIn)}
          </Text>
        </Card>
        <Card withBorder>
          <Title order={4}>{t('devices.detail.controls')}</Title>
          <Table data-testid="device-controls">
            <Table.Tbody>
              {d.controls.map((c) => (
                <Table.Tr key={c.control}>
                  <Table.Td>{t(`devices.controls.${c.control}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={RESULT_COLORS[c.result]}>{t(`devices.result.${c.result}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {c.reason} {c.source ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={4}>{t('devices.detail.tasks')}</Title>
        {detail.tasks.map((task) => (
          <Text key={task.id}>
            {t(`devices.events.${task.kind}`)} · {task.reason} · {task.status}
          </Text>
        ))}
      </Card>
      <Card withBorder>
        <Title order={4}>{t('devices.detail.history')}</Title>
        {detail.events.length === 0 && <Text c="dimmed">{t('devices.detail.noEvents')}</Text>}
        {detail.events.map((e) => (
          <Text key={e.id}>
            {e.occurredOn} · {t(`devices.events.${e.kind}`)} · {e.personName ?? ''} {e.note}
          </Text>
        ))}
        <Group align="end" mt="md">
          <Select
            label={t('devices.detail.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`devices.events.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as (typeof KINDS)[number])}
          />
          <TextInput
            label={t('devices.detail.occurredOn')}
            value={occurredOn}
            onChange={(e) => setOccurredOn(e.currentTarget.value)}
          />
          <TextInput
            label={t('devices.detail.person')}
            value={person}
            onChange={(e) => setPerson(e.currentTarget.value)}
          />
          <Select
            label={t('devices.detail.tasks')}
            data={detail.tasks
              .filter((x) => x.status === 'open')
              .map((x) => ({ value: x.id, label: t(`devices.events.${x.kind}`) }))}
            value={taskId}
            onChange={setTaskId}
            clearable
          />
          <Button disabled={!person.trim()} onClick={() => void record()}>
            {t('devices.detail.save')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
