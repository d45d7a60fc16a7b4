import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import '../../i18n/devices';

type Summary = ApiSchemas['getDeviceSummary'];
type Assessment = ApiSchemas['listAssessments']['items'][number];

/** Items 41–54: per article, pass / fail / unknown of in-scope devices, and a one-click frozen snapshot. */
export function DeviceSummaryPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [summary, setSummary] = useState<Summary>();
  const [assessments, setAssessments] = useState<Assessment[]>([]);
  const [assessmentId, setAssessmentId] = useState<string | null>(null);
  const [items, setItems] = useState<Array<{ id: string; number: number }>>([]);
  const [itemNumber, setItemNumber] = useState<string | null>('50');
  const [error, setError] = useState<string>();
  const [attached, setAttached] = useState<string>();

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/devices/summary', {
      params: { path: { orgId } },
    });
    if (data) setSummary(data);
    else setError(errorMessage(failure));
    const list = await api.GET('/api/v1/orgs/{orgId}/assessments', {
      params: { path: { orgId }, query: { limit: 100 } },
    });
    const drafts = (list.data?.items ?? []).filter((a) => a.state === 'draft');
    setAssessments(drafts);
    setAssessmentId((current) => current ?? drafts[0]?.id ?? null);
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!assessmentId) return;
    void api
      .GET('/api/v1/orgs/{orgId}/assessments/{assessmentId}', { params: { path: { orgId, assessmentId } } })
      .then(({ data }) => setItems((data?.items ?? []).filter((i) => i.number >= 41 && i.number <= 54)));
  }, [orgId, assessmentId]);

  const snapshot = async () => {
    const item = items.find((i) => String(i.number) === itemNumber);
    const { data, error: failure } = await api.POST('/api/v1/orgs/{orgId}/devices/summary/snapshots', {
      params: { path: { orgId } },
      body: item ? { itemId: item.id } : {},
    });
    if (data) setAttached(data.sha256);
    else setError(errorMessage(failure));
  };

  if (!summary)
    return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  const chart = summary.articles
    .filter((a) => a.controls.length > 0)
    .flatMap((a) =>
      a.controls.map((c) => ({
        label: `${a.article} ${t(`devices.controls.${c.control}`)}`,
        pass: c.pass,
        fail: c.fail,
        unknown: c.unknown,
      })),
    );
  return (
    <Stack>
      <Title order={2}>{t('devices.summaryTitle')}</Title>
      <Text>{t('devices.summary.devices', summary)}</Text>
      {error && <Alert color="red">{error}</Alert>}
      <Card withBorder>
        {/* Stacked bars from Mantine's Progress: the chart library would put this page over its budget. */}
        {chart.map((row) => {
          const total = Math.max(1, row.pass + row.fail + row.unknown);
          return (
            <Group key={row.label} wrap="nowrap" gap="xs" mb={4}>
              <Text size="xs" w={260}>
                {row.label}
              </Text>
              <Progress.Root size="lg" style={{ flex: 1 }}>
                <Progress.Section value={(100 * row.pass) / total} color="teal" />
                <Progress.Section value={(100 * row.fail) / total} color="red" />
                <Progress.Section value={(100 * row.unknown) / total} color="gray" />
              </Progress.Root>
              <Text size="xs" w={90}>
                {row.pass}/{row.fail}/{row.unknown}
              </Text>
            </Group>
          );
        })}
      </Card>
      <Table data-testid="device-summary">
        <Table.Tbody>
          {summary.articles.map((a) => (
            <Table.Tr key={a.article}>
              <Table.Td>
                {a.item} · Art. {a.article}
              </Table.Td>
              <Table.Td>
                {a.controls.map((c) => (
                  <Text key={c.control} size="sm">
                    {t(`devices.controls.${c.control}`)}:{' '}
                    {t('devices.summary.line', { ...c, inScope: a.inScope })}
                  </Text>
                ))}
                {Object.entries(a.facts).map(([key, value]) => (
                  <Text key={key} size="sm" c="dimmed">
                    {key}: {String(value)}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="end">
        <Select
          label={t('devices.summary.assessment')}
          data={assessments.map((a) => ({ value: a.id, label: a.name }))}
          value={assessmentId}
          onChange={setAssessmentId}
        />
        <Select
          label={t('devices.summary.item')}
          data={items.map((i) => ({ value: String(i.number), label: String(i.number) }))}
          value={itemNumber}
          onChange={setItemNumber}
          data-testid="snapshot-item"
        />
        <Button onClick={() => void snapshot()} disabled={!assessmentId || !itemNumber}>
          {t('devices.summary.attach')}
        </Button>
      </Group>
      {attached && (
        <Alert color="teal">{t('devices.summary.attached', { sha: attached.slice(0, 16) })}</Alert>
      )}
    </Stack>
  );
}
