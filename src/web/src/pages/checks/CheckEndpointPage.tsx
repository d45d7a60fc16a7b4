import { Alert, Anchor, Card, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { ActionButton } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import '../../i18n/checks';
import { type CheckEndpoint, type CheckRun, formatTime, hostPort, VerdictBadge } from './shared';

type RunEntry = ApiSchemas['listCheckRuns']['items'][number];

/** One endpoint: its result history, and for a chosen run the verdict of each rule and the raw observations. */
export function CheckEndpointPage() {
  const { orgId = '', endpointId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-TW';
  const [endpoint, setEndpoint] = useState<CheckEndpoint>();
  const [runs, setRuns] = useState<RunEntry[]>([]);
  const [selected, setSelected] = useState<CheckRun>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const path = { orgId, endpointId };

  const open = useCallback(
    async (runId: string) => {
      const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/check-runs/{runId}', {
        params: { path: { orgId, runId } },
      });
      if (data) setSelected(data);
      else setError(errorMessage(failure));
    },
    [orgId],
  );

  const load = useCallback(async () => {
    const [one, history] = await Promise.all([
      api.GET('/api/v1/orgs/{orgId}/check-endpoints/{endpointId}', {
        params: { path: { orgId, endpointId } },
      }),
      api.GET('/api/v1/orgs/{orgId}/check-endpoints/{endpointId}/runs', {
        params: { path: { orgId, endpointId }, query: { limit: 100 } },
      }),
    ]);
    if (one.data) setEndpoint(one.data);
    else setError(errorMessage(one.error));
    if (history.data) {
      setRuns(history.data.items);
      const latest = history.data.items[0];
      if (latest) await open(latest.id);
    }
  }, [orgId, endpointId, open]);
  useEffect(() => {
    void load();
  }, [load]);

  const runNow = async () => {
    setRunning(true);
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/check-endpoints/{endpointId}/runs', {
      params: { path },
    });
    setRunning(false);
    if (failure) setError(errorMessage(failure));
    await load();
  };

  if (!endpoint)
    return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={4}>
          <Title order={2}>
            {endpoint.purpose} · {hostPort(endpoint)}
          </Title>
          <Group gap="xs">
            <Text size="sm">{t(`checks.kind.${endpoint.kind}`)}</Text>
            <VerdictBadge verdict={endpoint.latest?.verdict} testId="endpoint-latest" />
            <Anchor component={Link} size="sm" to={`/orgs/${orgId}/providers/${endpoint.providerId}`}>
              ←
            </Anchor>
          </Group>
        </Stack>
        <ActionButton
          ability={endpoint.abilities.run}
          hideForRole
          onClick={() => void runNow()}
          loading={running}
          testId="run-now"
        >
          {t('checks.runNow')}
        </ActionButton>
      </Group>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      <Card withBorder>
        <Text fw={600}>{t('checks.history')}</Text>
        <Table data-testid="run-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('checks.fields.startedAt')}</Table.Th>
              <Table.Th>{t('checks.fields.latest')}</Table.Th>
              <Table.Th>{t('checks.fields.profileVersion')}</Table.Th>
              <Table.Th>{t('checks.fields.duration')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((r) => (
              <Table.Tr key={r.id} bg={selected?.id === r.id ? 'var(--mantine-color-gray-1)' : undefined}>
                <Table.Td>
                  <Anchor component="button" onClick={() => void open(r.id)}>
                    {formatTime(r.startedAt, i18n.language)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <VerdictBadge verdict={r.verdict} />
                </Table.Td>
                <Table.Td>
                  {r.profile.name} {r.profile.version}
                </Table.Td>
                <Table.Td>{r.durationMs} ms</Table.Td>
                <Table.Td>{t(`checks.trigger.${r.trigger}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {selected && (
        <Card withBorder data-testid="run-detail">
          <Text fw={600}>{t('checks.rules')}</Text>
          <Text size="xs" c="dimmed">
            {t('checks.fields.sha256')} {selected.sha256} · {t('checks.fields.validUntil')}{' '}
            {selected.validUntil ?? '—'}
          </Text>
          <Table>
            <Table.Tbody>
              {selected.results.map((r) => (
                <Table.Tr key={r.id} data-testid={`rule-${r.id}`}>
                  <Table.Td>
                    <VerdictBadge verdict={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <Code>{r.id}</Code>
                  </Table.Td>
                  <Table.Td>{r.message[language]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text fw={600} mt="md">
            {t('checks.observations')}
          </Text>
          <Code block data-testid="run-observations">
            {JSON.stringify(selected.observations, null, 2)}
          </Code>
        </Card>
      )}
    </Stack>
  );
}
