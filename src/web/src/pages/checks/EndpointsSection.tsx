import { Anchor, Button, Card, Group, Modal, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import '../../i18n/checks';
import { EndpointForm, type EndpointInput } from './EndpointForm';
import { type CheckEndpoint, formatTime, hostPort, VerdictBadge } from './shared';

/** A provider's registered endpoints with their latest verdict, "run now", and registering a new one. */
export function EndpointsSection({
  orgId,
  providerId,
  onError,
}: {
  orgId: string;
  providerId: string;
  onError: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [endpoints, setEndpoints] = useState<CheckEndpoint[]>([]);
  const [adding, setAdding] = useState(false);
  const [running, setRunning] = useState<string>();

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/orgs/{orgId}/check-endpoints', {
      params: { path: { orgId }, query: { providerId, limit: 200 } },
    });
    if (data) setEndpoints(data.items);
    else onError(errorMessage(error));
  }, [orgId, providerId, onError]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async (input: EndpointInput) => {
    const { error } = await api.POST('/api/v1/orgs/{orgId}/check-endpoints', {
      params: { path: { orgId } },
      body: input,
    });
    if (error) onError(errorMessage(error));
    else setAdding(false);
    await load();
  };

  const runNow = async (endpointId: string) => {
    setRunning(endpointId);
    const { error } = await api.POST('/api/v1/orgs/{orgId}/check-endpoints/{endpointId}/runs', {
      params: { path: { orgId, endpointId } },
    });
    setRunning(undefined);
    if (error) onError(errorMessage(error));
    await load();
  };

  return (
    <Card withBorder data-testid="check-endpoints">
      <Group justify="space-between">
        <Text fw={600}>{t('checks.endpoints')}</Text>
        <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="endpoint-add">
          {t('checks.add')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('checks.endpointsHint')}
      </Text>
      {endpoints.length === 0 ? (
        <Text size="sm">{t('checks.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('checks.fields.purpose')}</Table.Th>
              <Table.Th>{t('checks.fields.target')}</Table.Th>
              <Table.Th>{t('checks.fields.kind')}</Table.Th>
              <Table.Th>{t('checks.fields.latest')}</Table.Th>
              <Table.Th>{t('checks.fields.nextRunAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {endpoints.map((e) => (
              <Table.Tr key={e.id} data-testid={`endpoint-${e.purpose}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/orgs/${orgId}/checks/endpoints/${e.id}`}>
                    {e.purpose}
                  </Anchor>
                </Table.Td>
                <Table.Td>{hostPort(e)}</Table.Td>
                <Table.Td>{t(`checks.kind.${e.kind}`)}</Table.Td>
                <Table.Td>
                  <VerdictBadge verdict={e.latest?.verdict} testId="endpoint-verdict" />{' '}
                  <Text span size="xs" c="dimmed">
                    {e.latest ? formatTime(e.latest.startedAt, i18n.language) : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{e.enabled ? formatTime(e.nextRunAt, i18n.language) : '—'}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    loading={running === e.id}
                    disabled={!e.enabled}
                    onClick={() => void runNow(e.id)}
                    data-testid="endpoint-run"
                  >
                    {t('checks.runNow')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} size="lg" title={t('checks.add')}>
        <EndpointForm
          providerId={providerId}
          onSubmit={(v) => void add(v)}
          onCancel={() => setAdding(false)}
        />
      </Modal>
    </Card>
  );
}
