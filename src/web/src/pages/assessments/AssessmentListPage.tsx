import { Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery } from '../../api/query';
import { ActionButton } from '../../app/abilities';
import { QueryError } from '../../app/QueryError';
import { STATE_COLORS } from './shared';
import '../../i18n/assessments';

type Listed = ApiSchemas['listAssessments']['items'][number];

export function AssessmentListPage() {
  const { orgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = useApiListQuery<Listed, ApiSchemas['listAssessments']>(
    ['assessments', orgId],
    (cursor, signal) =>
      api.GET('/api/v1/orgs/{orgId}/assessments', {
        params: { path: { orgId }, query: { limit: 100, cursor } },
        signal,
      }),
  );
  const page = list.data;
  const canCreate = page?.first.abilities.create;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('assessments.listTitle')}</Title>
        <ActionButton
          ability={canCreate}
          testId="new-assessment"
          onClick={() => navigate(`/orgs/${orgId}/assessments/new`)}
        >
          {t('assessments.new')}
        </ActionButton>
      </Group>
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {page && page.items.length === 0 && <Text c="dimmed">{t('assessments.empty')}</Text>}
      {page && page.items.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {(['name', 'period', 'state', 'revision', 'dueDate', 'updatedAt'] as const).map((c) => (
                <Table.Th key={c}>{t(`assessments.columns.${c}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/orgs/${orgId}/assessments/${a.id}`}>
                    {a.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.period}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLORS[a.state]}>{t(`assessments.state.${a.state}`)}</Badge>
                </Table.Td>
                <Table.Td>{a.revision}</Table.Td>
                <Table.Td>{a.dueDate ?? '—'}</Table.Td>
                <Table.Td>{new Date(a.updatedAt).toLocaleString(i18n.resolvedLanguage)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
