import { Divider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiSchemas } from '../../api/client';
import '../../i18n/assessments';

export type ItemHistory = ApiSchemas['getAssessmentItemHistory'];
type FieldChange = ItemHistory['changes'][number]['changes'][number];

const LONG = 80;

/** Comments, then every recorded change with what each field held before and after. */
export function ItemDiscussion({ history }: { history: ItemHistory | undefined }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage);
  const shown = (change: FieldChange, value: FieldChange['before']) => {
    if (value === null || value === '') return '—';
    if (change.field === 'result' && typeof value === 'string') return t(`assessments.result.${value}`);
    if (typeof value === 'boolean' || change.field === 'overrideApplicable')
      return t(value === true || value === 1 ? 'assessments.item.historyYes' : 'assessments.item.historyNo');
    const text = String(value);
    return text.length > LONG ? `${text.slice(0, LONG)}…` : text;
  };
  return (
    <Stack gap="xs">
      {history?.comments.map((c) => (
        <Text key={c.id} size="sm">
          <Text span c="dimmed" size="xs">
            {when(c.createdAt)}
          </Text>{' '}
          {c.body}
        </Text>
      ))}
      <Divider label={t('assessments.item.history')} />
      {history?.changes.map((entry) => (
        <Stack key={entry.version} gap={0} data-testid="item-history-entry">
          <Text size="xs" c="dimmed">
            v{entry.version} · {when(entry.changedAt)}
          </Text>
          {entry.changes.map((change) => (
            <Text key={change.field} size="xs">
              {t(`assessments.item.historyField.${change.field}`, { defaultValue: change.field })}:{' '}
              {shown(change, change.before)} → {shown(change, change.after)}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
