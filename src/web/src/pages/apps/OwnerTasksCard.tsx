import { Anchor, Badge, Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { dateOf } from './shared';
import '../../i18n/apps';

/**
 * The register's open owner tasks: apps whose owner left or changed role or department. Shown only while
 * there are some; a task closes when the app's owner is reassigned (or, for a role change, confirmed).
 */
export function OwnerTasksCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const query = useApiQuery(['apps', orgId, 'tasks', 'open'], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/apps/tasks', {
      params: { path: { orgId }, query: { status: 'open' } },
      signal,
    }),
  );
  const tasks = query.data;

  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!tasks || tasks.length === 0) return null;
  return (
    <Card withBorder data-testid="app-owner-tasks">
      <Title order={4}>{t('apps.tasks.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('apps.tasks.hint')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('apps.tasks.app')}</Table.Th>
            <Table.Th>{t('apps.tasks.kindLabel')}</Table.Th>
            <Table.Th>{t('apps.tasks.reasonLabel')}</Table.Th>
            <Table.Th>{t('apps.tasks.raisedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Td>
                <Anchor component={Link} to={`/orgs/${orgId}/apps/${task.subjectId}`}>
                  {task.subjectLabel}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge color={task.kind === 'reassign_owner' ? 'red' : 'orange'} variant="light">
                  {t(`apps.tasks.kind.${task.kind}`, { defaultValue: task.kind })}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`apps.tasks.reason.${task.reason}`, { defaultValue: task.reason })}</Table.Td>
              <Table.Td>{dateOf(task.raisedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
