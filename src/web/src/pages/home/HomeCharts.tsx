import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { ColorSwatch, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiSchemas } from '../../api/client';
import '../../i18n/remediation';

type Firm = ApiSchemas['getHomeOverview']['firm'];
type Assessment = NonNullable<Firm['assessment']>;

/** The assessment's answers as a donut, counts in the legend (loaded apart: the chart library is large). */
export function ResultsDonut({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const notAssessed = Math.max(0, assessment.applicable - assessment.assessed);
  const slices = [
    { name: t('homeOverview.results.compliant'), value: assessment.compliant, color: 'teal.6' },
    { name: t('homeOverview.results.partial'), value: assessment.partial, color: 'yellow.6' },
    { name: t('homeOverview.results.nonCompliant'), value: assessment.nonCompliant, color: 'red.6' },
    { name: t('homeOverview.results.notAssessed'), value: notAssessed, color: 'gray.4' },
  ];
  return (
    <Group wrap="nowrap" align="center">
      <DonutChart
        size={120}
        thickness={14}
        withTooltip={false}
        chartLabel={assessment.complianceRate === null ? '—' : `${assessment.complianceRate}%`}
        data={
          slices.filter((s) => s.value > 0).length > 0 ? slices : [{ name: '-', value: 1, color: 'gray.2' }]
        }
      />
      <Stack gap={2}>
        {slices.map((s) => (
          <Group key={s.name} gap={6} wrap="nowrap">
            <ColorSwatch color={`var(--mantine-color-${s.color.replace('.', '-')})`} size={10} />
            <Text size="xs">
              {s.name}：{s.value}
            </Text>
          </Group>
        ))}
      </Stack>
    </Group>
  );
}

export function GapsByChapterChart({ gaps }: { gaps: Firm['gapsByChapter'] }) {
  const { t } = useTranslation();
  const data = gaps.map((g) => ({
    chapter: t('homeOverview.chapter', { chapter: g.chapter }),
    partial: g.partial,
    nonCompliant: g.nonCompliant,
  }));
  return (
    <BarChart
      h={Math.max(120, 36 * data.length + 40)}
      data={data}
      dataKey="chapter"
      type="stacked"
      orientation="vertical"
      yAxisProps={{ width: 80 }}
      xAxisProps={{ allowDecimals: false }}
      withLegend
      series={[
        { name: 'nonCompliant', color: 'red.6', label: t('homeOverview.results.nonCompliant') },
        { name: 'partial', color: 'yellow.6', label: t('homeOverview.results.partial') },
      ]}
    />
  );
}
