import { Anchor, Card, Group, Modal, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { allPages, api } from '../../api/client';
import { type Ability, ActionButton } from '../../app/abilities';
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
  const [canCreate, setCanCreate] = useState<Ability>();

  const load = useCallback(async () => {
    // Every page: the list never silently stops at its first 200 endpoints.
    const { items, first, error } = await allPages((cursor) =>
      api.GET('/api/v1/orgs/{orgId}/check-endpoints', {
        params: { path: { orgId }, query: { providerId, limit: 200, cursor } },
      }),
    );
    if (first && !error) {
      setEndpoints(items);
      setCanCreate(first.abilities.create);
    } else onError(errorMessage(error));
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
        <ActionButton
          ability={canCreate}
          hideForRole
          size="xs"
          variant="light"
          onClick={() => setAdding(true)}
          testId="endpoint-add"
        >
          {t('checks.add')}
        </ActionButton>
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
                  <ActionButton
                    ability={e.abilities.run}
                    hideForRole
                    size="xs"
                    variant="default"
                    loading={running === e.id}
                    onClick={() => void runNow(e.id)}
                    testId="endpoint-run"
                  >
                    {t('checks.runNow')}
                  </ActionButton>
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
