import { Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery, useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import '../../i18n/assessments';

type ItemDiff = ApiSchemas['diffAssessments']['items'][number];
type DiffSide = ItemDiff['before'];

/** Item-by-item differences between this assessment and another of the organisation's. */
export function AssessmentComparePage() {
  const { orgId = '', assessmentId = '' } = useParams();
  const { t } = useTranslation();
  // Every page of the organisation's assessments (the list page's key, so both share the cache).
  const list = useApiListQuery<ApiSchemas['listAssessments']['items'][number], ApiSchemas['listAssessments']>(
    ['assessments', orgId],
    (cursor, signal) =>
      api.GET('/api/v1/orgs/{orgId}/assessments', {
        params: { path: { orgId }, query: { limit: 100, cursor } },
        signal,
      }),
  );
  const items = list.data?.items ?? [];
  const self = items.find((a) => a.id === assessmentId);
  const others = items.filter((a) => a.id !== assessmentId);
  // The natural comparison is with what this one grew from: the assessment it carried forward from,
  // else its previous revision, else the latest approved one.
  const preselect =
    others.find((a) => a.id === self?.carriedFromId) ??
    others.find((a) => a.id === self?.previousRevisionId) ??
    others.find((a) => a.state === 'approved');
  const [chosen, setOtherId] = useState<string | null>(null);
  const otherId = chosen ?? preselect?.id ?? null;
  const diffQuery = useApiQuery(
    ['assessments', orgId, 'diff', assessmentId, otherId],
    (signal) =>
      api.GET('/api/v1/orgs/{orgId}/assessments/{assessmentId}/diff/{otherId}', {
        params: { path: { orgId, assessmentId, otherId: otherId ?? '' } },
        signal,
      }),
    { enabled: otherId !== null },
  );
  const diff: ItemDiff[] | undefined = diffQuery.data?.items;
  const error = list.error ?? diffQuery.error;

  const label = (side: DiffSide | null) => (side ? t(`assessments.result.${side.result}`) : '—');
  return (
    <Stack>
      <Title order={2}>{t('assessments.compare.title')}</Title>
      <Select
        label={t('assessments.compare.with')}
        data={others.map((a) => ({ value: a.id, label: `${a.name}（${a.period}，r${a.revision}）` }))}
        value={otherId}
        onChange={setOtherId}
        maw={480}
      />
      {error && (
        <QueryError error={error} onRetry={() => void (list.error ? list.refetch() : diffQuery.refetch())} />
      )}
      {diff && diff.length === 0 && <Text>{t('assessments.compare.none')}</Text>}
      {diff && diff.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('assessments.compare.changed')}</Table.Th>
              <Table.Th>{t('assessments.compare.before')}</Table.Th>
              <Table.Th>{t('assessments.compare.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.map((row) => (
              <Table.Tr key={row.itemId} data-testid={`diff-${row.itemNumber}`}>
                <Table.Td>{row.itemNumber}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {row.changes.map((field) => (
                      <Badge key={field} variant="light">
                        {t(`assessments.compare.fields.${field}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{label(row.before)}</Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {row.before?.explanation}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{label(row.after)}</Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {row.after?.explanation}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
