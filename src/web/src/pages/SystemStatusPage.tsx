import { Alert, Badge, Card, Group, Loader, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useApiQuery } from '../api/query';

export function SystemStatusPage() {
  const { t, i18n } = useTranslation();
  const query = useApiQuery(['system', 'info'], (signal) => api.GET('/api/v1/system/info', { signal }));
  const info = query.data;
  const failed = query.isError;

  return (
    <Stack maw={640}>
      <Title order={2}>{t('system.title')}</Title>
      {failed && <Alert color="red">{t('system.unreachable')}</Alert>}
      {!info && !failed && <Loader aria-label={t('common.loading')} />}
      {info && (
        <Card withBorder>
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('system.status')}</Table.Th>
                <Table.Td>
                  <Group gap="xs">
                    <Badge color={info.databaseReachable ? 'teal' : 'red'} data-testid="health-status">
                      {info.databaseReachable ? t('system.healthy') : t('system.degraded')}
                    </Badge>
                  </Group>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('system.version')}</Table.Th>
                <Table.Td data-testid="app-version">{info.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('system.database')}</Table.Th>
                <Table.Td>{t(`system.databaseKind.${info.database}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('system.startedAt')}</Table.Th>
                <Table.Td>{new Date(info.startedAt).toLocaleString(i18n.resolvedLanguage)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
