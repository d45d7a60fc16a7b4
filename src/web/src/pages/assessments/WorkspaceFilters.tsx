import { Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AssessmentItem, RESULT_CODES } from './shared';
import type { AssignableMember } from './useAssignableMembers';
import '../../i18n/assessments';

export interface Filters {
  result: string | null;
  assignee: string | null;
  search: string;
  overdue: boolean;
  hideNotApplicable: boolean;
  reconfirm: boolean;
  unreviewed: boolean;
  flagged: boolean;
}

export const NO_FILTERS: Filters = {
  result: null,
  assignee: null,
  search: '',
  overdue: false,
  hideNotApplicable: false,
  reconfirm: false,
  unreviewed: false,
  flagged: false,
};

/**
 * The workspace's item filter. A result filter means "items answered so" among the items in scope: 未評
 * lists the applicable items still to do, never the out-of-scope ones (which are not asked at all).
 */
export function applyFilters(items: AssessmentItem[], f: Filters, lang: 'zh-TW' | 'en'): AssessmentItem[] {
  const needle = f.search.trim().toLowerCase();
  return items.filter(
    (item) =>
      (!f.result || (item.result === f.result && item.applicable)) &&
      (!f.assignee || item.assigneeUserId === f.assignee) &&
      (!f.overdue || item.overdue) &&
      (!f.hideNotApplicable || item.applicable) &&
      (!f.reconfirm || (item.needsReconfirmation && item.applicable && item.result !== 'not_assessed')) &&
      (!f.unreviewed || (item.applicable && item.reviewStatus !== 'validated')) &&
      (!f.flagged || item.reviewStatus === 'flagged') &&
      (!needle || item.question[lang].toLowerCase().includes(needle) || String(item.number) === needle),
  );
}

export function WorkspaceFilters({
  value,
  onChange,
  members,
  inReview,
}: {
  value: Filters;
  onChange: (next: Filters) => void;
  members: AssignableMember[];
  inReview: boolean;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof Filters>(key: K, v: Filters[K]) => onChange({ ...value, [key]: v });
  const flag = (
    key: 'overdue' | 'hideNotApplicable' | 'reconfirm' | 'unreviewed' | 'flagged',
    label: string,
  ) => (
    <Checkbox
      label={label}
      checked={value[key]}
      onChange={(e) => set(key, e.currentTarget.checked)}
      data-testid={`filter-${key}`}
    />
  );
  return (
    <Group align="flex-end" gap="sm">
      <Select
        label={t('assessments.workspace.filters.result')}
        placeholder={t('assessments.workspace.filters.all')}
        clearable
        data={RESULT_CODES.map((code) => ({ value: code, label: t(`assessments.result.${code}`) }))}
        value={value.result}
        onChange={(v) => set('result', v)}
        w={{ base: '100%', sm: 200 }}
        data-testid="filter-result"
      />
      <Select
        label={t('assessments.workspace.filters.assignee')}
        placeholder={t('assessments.workspace.filters.all')}
        clearable
        searchable
        data={members}
        value={value.assignee}
        onChange={(v) => set('assignee', v)}
        w={{ base: '100%', sm: 200 }}
        data-testid="filter-assignee"
      />
      <TextInput
        label={t('assessments.workspace.filters.search')}
        value={value.search}
        onChange={(e) => set('search', e.currentTarget.value)}
        w={{ base: '100%', sm: 200 }}
      />
      {flag('overdue', t('assessments.workspace.filters.overdue'))}
      {flag('hideNotApplicable', t('assessments.workspace.filters.hideNotApplicable'))}
      {flag('reconfirm', t('assessments.workspace.filters.reconfirm'))}
      {inReview && flag('unreviewed', t('assessments.workspace.filters.unreviewed'))}
      {flag('flagged', t('assessments.workspace.filters.flagged'))}
    </Group>
  );
}
