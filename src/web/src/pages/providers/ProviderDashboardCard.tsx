import { Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import '../../i18n/providers';

export type ProviderDashboard = ApiSchemas['getProviderDashboard'];

/** Loads the organisation's provider dashboard once; null until loaded or when it cannot be read. */
export function useProviderDashboard(orgId: string): ProviderDashboard | null {
  const [dashboard, setDashboard] = useState<ProviderDashboard | null>(null);
  useEffect(() => {
    void api
      .GET('/api/v1/orgs/{orgId}/provider-dashboard', { params: { path: { orgId } } })
      .then(({ data }) => setDashboard(data ?? null));
  }, [orgId]);
  return dashboard;
}

function Stat(props: { label: string; value: number; alert?: boolean; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text
        fw={700}
        size="xl"
        c={props.alert && props.value > 0 ? 'red' : undefined}
        data-testid={props.testId}
      >
        {props.value}
      </Text>
    </Stack>
  );
}

/** Register health at a glance, and how many critical providers satisfy each of items 1–18. */
export function ProviderDashboardCard(props: { orgId: string }) {
  const { t } = useTranslation();
  const dashboard = useProviderDashboard(props.orgId);
  if (!dashboard) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('providers.dashboard.title')}</Title>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <Stat
            label={t('providers.dashboard.providers')}
            value={dashboard.providers}
            testId="dash-providers"
          />
          <Stat label={t('providers.dashboard.critical')} value={dashboard.critical} testId="dash-critical" />
          <Stat
            label={t('providers.dashboard.auditsOverdue')}
            value={dashboard.auditsOverdue}
            alert
            testId="dash-overdue"
          />
          <Stat
            label={t('providers.dashboard.auditsDue')}
            value={dashboard.auditsDueWithin30Days}
            testId="dash-due"
          />
          <Stat
            label={t('providers.dashboard.starExpiring')}
            value={dashboard.starExpiringWithin60Days}
            alert
            testId="dash-star"
          />
          <Stat
            label={t('providers.dashboard.questionnaires')}
            value={dashboard.questionnairesOutstanding}
            testId="dash-questionnaires"
          />
        </SimpleGrid>
        {dashboard.critical > 0 && (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('providers.dashboard.coverage')}
            </Text>
            <Table>
              <Table.Tbody>
                {dashboard.itemCoverage.map((c) => (
                  <Table.Tr key={c.itemNumber}>
                    <Table.Td w={80}>
                      {t('providers.dashboard.item')} {c.itemNumber}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Progress
                          value={(c.satisfied / Math.max(c.criticalProviders, 1)) * 100}
                          w="100%"
                          color={c.satisfied === c.criticalProviders ? 'teal' : 'orange'}
                        />
                        <Text size="sm">
                          {c.satisfied}/{c.criticalProviders}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** While answering items 1–18: how many critical providers satisfy the item, from the register. */
export function ProviderCoverageHint(props: { orgId: string; itemId: string }) {
  const { t } = useTranslation();
  const dashboard = useProviderDashboard(props.orgId);
  const coverage = dashboard?.itemCoverage.find((c) => c.itemId === props.itemId);
  if (!coverage || coverage.criticalProviders === 0) return null;
  return (
    <Text
      size="xs"
      c={coverage.satisfied === coverage.criticalProviders ? 'teal' : 'orange'}
      data-testid="provider-hint"
    >
      {t('providers.dashboard.hint', { satisfied: coverage.satisfied, total: coverage.criticalProviders })}
    </Text>
  );
}
