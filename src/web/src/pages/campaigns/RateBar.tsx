import { Group, Progress, Text } from '@mantine/core';

/** A compliance rate as a bar, with an optional peer median mark (a chart without a chart library). */
export function RateBar({
  rate,
  marker,
  label,
}: {
  rate: number | null;
  marker?: number | null;
  label: string;
}) {
  return (
    <Group gap="xs" wrap="nowrap" aria-label={label}>
      <div style={{ position: 'relative', flex: 1, minWidth: 120 }}>
        <Progress value={(rate ?? 0) * 100} size="lg" />
        {marker !== undefined && marker !== null && (
          <div
            style={{
              position: 'absolute',
              top: -3,
              left: `${marker * 100}%`,
              width: 3,
              height: 22,
              background: 'var(--mantine-color-orange-7)',
            }}
          />
        )}
      </div>
      <Text size="sm" w={56} ta="right">
        {rate === null ? '—' : `${(rate * 100).toFixed(1)}%`}
      </Text>
    </Group>
  );
}
