import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Card, ColorSwatch, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { formatRate, RESULT_COLORS } from './shared';
import '../../i18n/assessments';

/** Progress, compliance by chapter and the result distribution, all from the SQL-computed summary. */
export function AssessmentDashboardPage() {
  const { orgId = '', assessmentId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const query = useApiQuery(['assessments', orgId, 'summary', assessmentId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/assessments/{assessmentId}/summary', {
      params: { path: { orgId, assessmentId } },
      signal,
    }),
  );
  const summary = query.data;
  // Chapter names for the bar labels, from the catalog version the summary names (cached per catalog,
  // so the dashboard never loads the whole assessment for them).
  const catalogId = summary?.catalogId ?? '';
  const catalog = useApiQuery(
    ['catalog', catalogId],
    (signal) => api.GET('/api/v1/catalogs/{catalogId}', { params: { path: { catalogId } }, signal }),
    { enabled: catalogId !== '', staleTime: Number.POSITIVE_INFINITY },
  );
  const chapterTitles = new Map((catalog.data?.chapters ?? []).map((c) => [c.number, c.title]));

  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!summary) return <Loader aria-label={t('common.loading')} />;
  const { overall } = summary;
  const distribution = (
    [
      ['compliant', overall.compliant],
      ['partially_compliant', overall.partiallyCompliant],
      ['non_compliant', overall.nonCompliant],
      ['not_applicable', overall.answeredNotApplicable + overall.notApplicable],
      ['not_assessed', overall.notAssessed],
    ] as const
  )
    .filter(([, value]) => value > 0)
    .map(([code, value]) => ({
      name: t(`assessments.result.${code}`),
      value,
      color: `${RESULT_COLORS[code]}.6`,
    }));
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const byChapter = summary.byChapter.map((c) => ({
    chapter:
      `${t('assessments.workspace.chapter', { number: c.chapter })} ${chapterTitles.get(c.chapter)?.[lang] ?? ''}`.trim(),
    rate: c.complianceRate === null ? 0 : Math.round(c.complianceRate * 1000) / 10,
  }));

  return (
    <Stack>
      <Title order={2}>{t('assessments.dashboard.title')}</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Text fw={600}>{t('assessments.dashboard.progress')}</Text>
          <Group>
            {/* A donut from the chart library already on this page (Mantine's RingProgress would add a tooltip library). */}
            <DonutChart
              size={110}
              thickness={12}
              withTooltip={false}
              startAngle={90}
              endAngle={-270}
              chartLabel={`${Math.round(overall.progress * 100)}%`}
              data={[
                { name: 'assessed', value: overall.progress, color: 'teal.6' },
                { name: 'remaining', value: 1 - overall.progress, color: 'gray.2' },
              ]}
            />
            <Stack gap={0}>
              <Text size="sm">
                {t('assessments.workspace.progress', {
                  assessed: overall.assessed - overall.unconfirmed,
                  applicable: overall.applicable,
                })}
              </Text>
              <Text size="sm">
                {t('assessments.workspace.compliance')}: {formatRate(overall.complianceRate)}
              </Text>
              <Text size="sm" c={overall.overdue > 0 ? 'red' : undefined}>
                {t('assessments.dashboard.overdue')}: {overall.overdue}
              </Text>
            </Stack>
          </Group>
        </Card>
        <Card withBorder>
          <Text fw={600}>{t('assessments.dashboard.distribution')}</Text>
          {/* Counts live in the legend, not on the slices, so small slices never overlap their labels. */}
          <DonutChart data={distribution} mx="auto" withTooltip={false} />
          <Stack gap={2} data-testid="distribution-legend">
            {distribution.map((slice) => (
              <Group key={slice.name} gap={6}>
                <ColorSwatch color={`var(--mantine-color-${slice.color.replace('.', '-')})`} size={12} />
                <Text size="sm">
                  {slice.name}：{slice.value}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Text fw={600}>{t('assessments.dashboard.byChapter')}</Text>
          <BarChart
            h={200}
            data={byChapter}
            dataKey="chapter"
            orientation="vertical"
            yAxisProps={{ width: 180 }}
            xAxisProps={{ domain: [0, 100] }}
            withLegend
            series={[{ name: 'rate', color: 'teal.6', label: t('assessments.workspace.compliance') }]}
          />
        </Card>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('assessments.dashboard.ruleNote')}
      </Text>
    </Stack>
  );
}
