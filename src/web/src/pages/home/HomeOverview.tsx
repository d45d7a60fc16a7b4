import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import '../../i18n/remediation';

type Overview = ApiSchemas['getHomeOverview'];

const ResultsDonut = lazy(async () => ({ default: (await import('./HomeCharts')).ResultsDonut }));
const GapsByChapterChart = lazy(async () => ({ default: (await import('./HomeCharts')).GapsByChapterChart }));

/** Where the firm stands and what is mine, from one aggregate read (GET /orgs/{orgId}/home). */
export function HomeOverview({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const overview = useApiQuery(['home', orgId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/home', { params: { path: { orgId } }, signal }),
  );
  if (overview.error) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!overview.data) return <Loader aria-label={t('common.loading')} />;
  return (
    <Stack data-testid="home-overview">
      <Title order={3}>{t('homeOverview.firm')}</Title>
      <FirmSection orgId={orgId} firm={overview.data.firm} />
      <Title order={3}>{t('homeOverview.mine')}</Title>
      <MineSection orgId={orgId} mine={overview.data.mine} />
    </Stack>
  );
}

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId?: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700} c={value > 0 ? color : undefined} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

function Tile({ title, children, to }: { title: string; children: ReactNode; to?: string }) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        {to ? (
          <Anchor component={Link} to={to} fw={600}>
            {title}
          </Anchor>
        ) : (
          <Text fw={600}>{title}</Text>
        )}
        {children}
      </Stack>
    </Card>
  );
}

function FirmSection({ orgId, firm }: { orgId: string; firm: Overview['firm'] }) {
  const { t } = useTranslation();
  const open = ['open', 'in_progress', 'awaiting_closure', 'risk_accepted'].reduce(
    (n, s) => n + (firm.remediation.byStatus[s] ?? 0),
    0,
  );
  const a = firm.assessment;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      <Tile
        title={t('homeOverview.assessment')}
        to={a ? `/orgs/${orgId}/assessments/${a.id}/dashboard` : undefined}
      >
        {a ? (
          <>
            <Text size="sm">
              {a.name} · {t('homeOverview.progress', { assessed: a.assessed, applicable: a.applicable })}
            </Text>
            <Text size="sm" data-testid="home-compliance">
              {t('homeOverview.complianceRate')}：
              {a.complianceRate === null ? t('homeOverview.complianceNone') : `${a.complianceRate}%`}
            </Text>
            <Suspense fallback={<Loader size="sm" />}>
              <ResultsDonut assessment={a} />
            </Suspense>
          </>
        ) : (
          <Text c="dimmed">{t('homeOverview.noAssessment')}</Text>
        )}
      </Tile>
      <Tile title={t('homeOverview.gapsByChapter')}>
        {firm.gapsByChapter.length === 0 ? (
          <Text c="dimmed">{t('homeOverview.noGaps')}</Text>
        ) : (
          <Suspense fallback={<Loader size="sm" />}>
            <GapsByChapterChart gaps={firm.gapsByChapter} />
          </Suspense>
        )}
      </Tile>
      <Tile title={t('homeOverview.overdueRemediation')} to={`/orgs/${orgId}/remediation`}>
        <Group grow>
          <Stat
            label={t('homeOverview.overdueRemediation')}
            value={firm.remediation.overdue}
            color="red"
            testId="home-overdue"
          />
          <Stat label={t('homeOverview.openRemediation')} value={open} />
        </Group>
      </Tile>
      {firm.providers && (
        <Tile title={t('homeOverview.providersDue')} to={`/orgs/${orgId}/providers`}>
          <Group grow>
            <Stat label={t('homeOverview.auditsOverdue')} value={firm.providers.auditsOverdue} color="red" />
            <Stat
              label={t('homeOverview.auditsDue')}
              value={firm.providers.auditsDueWithin30Days}
              color="orange"
            />
          </Group>
        </Tile>
      )}
      <Tile title={t('homeOverview.evidence')}>
        <Group grow>
          <Stat label={t('homeOverview.evidenceExpired')} value={firm.evidence.expired} color="red" />
          <Stat
            label={t('homeOverview.evidenceExpiring')}
            value={firm.evidence.expiringWithin30Days}
            color="orange"
          />
        </Group>
      </Tile>
    </SimpleGrid>
  );
}

function MineSection({ orgId, mine }: { orgId: string; mine: Overview['mine'] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const waiting = mine.approvalsWaiting.assessments.length + mine.approvalsWaiting.closures.length;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Tile title={t('homeOverview.myRemediation')} to={`/orgs/${orgId}/remediation`}>
        {mine.remediation.length === 0 && <Text c="dimmed">{t('homeOverview.noRemediation')}</Text>}
        {mine.remediation.length > 0 && (
          <Table data-testid="home-my-remediation">
            <Table.Tbody>
              {mine.remediation.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/orgs/${orgId}/remediation/${r.id}`} size="sm">
                      {r.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c={r.overdue ? 'red' : undefined}>
                      {r.plannedCompletion ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      size="sm"
                      variant="light"
                      color={r.overdue ? 'red' : 'blue'}
                      style={{ minWidth: 'max-content' }}
                    >
                      {r.overdue ? t('remediation.overdue') : t(`remediation.status.${r.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Tile>
      <Tile title={`${t('homeOverview.assignedItems')} (${mine.assignedItems.total})`}>
        {mine.assignedItems.items.length === 0 && <Text c="dimmed">{t('homeOverview.noAssigned')}</Text>}
        {mine.assignedItems.items.map((item) => (
          <Group key={item.id} justify="space-between" wrap="nowrap" gap="xs">
            <Anchor
              component={Link}
              to={`/orgs/${orgId}/assessments/${item.assessmentId}/items/${item.itemNumber}`}
              size="sm"
              lineClamp={1}
            >
              {t('homeOverview.itemLabel', { number: item.itemNumber })}{' '}
              {en ? item.questionEn : item.questionZh}
            </Anchor>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {item.dueDate ?? ''}
            </Text>
          </Group>
        ))}
      </Tile>
      <Tile title={t('homeOverview.reviewsWaiting')}>
        {mine.reviewsWaiting.length === 0 && <Text c="dimmed">{t('homeOverview.nothingWaiting')}</Text>}
        {mine.reviewsWaiting.map((r) => (
          <Group key={r.id} justify="space-between">
            <Anchor component={Link} to={`/orgs/${orgId}/assessments/${r.id}`} size="sm">
              {r.name}
            </Anchor>
            <Text size="xs">{t('homeOverview.itemsToReview', { count: r.items })}</Text>
          </Group>
        ))}
      </Tile>
      <Tile title={t('homeOverview.approvalsWaiting')}>
        {waiting === 0 && <Text c="dimmed">{t('homeOverview.nothingWaiting')}</Text>}
        {mine.approvalsWaiting.assessments.map((a) => (
          <Anchor key={a.id} component={Link} to={`/orgs/${orgId}/assessments/${a.id}`} size="sm">
            {t('homeOverview.assessmentWaiting', { name: a.name })}
          </Anchor>
        ))}
        {mine.approvalsWaiting.closures.map((c) => (
          <Anchor
            key={c.id}
            component={Link}
            to={`/orgs/${orgId}/remediation/${c.id}`}
            size="sm"
            data-testid="home-closure-waiting"
          >
            {t('homeOverview.closureWaiting', { title: c.title })}
          </Anchor>
        ))}
      </Tile>
    </SimpleGrid>
  );
}
