import { Accordion, Anchor, Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { type AssessmentItem, RESULT_COLORS } from './shared';
import type { AssignableMember } from './useAssignableMembers';
import '../../i18n/assessments';

/** The path of one item inside its assessment, so an open item has a URL of its own. */
export const itemPath = (orgId: string, assessmentId: string, number: number) =>
  `/orgs/${orgId}/assessments/${assessmentId}/items/${number}`;

/**
 * Badges that say what needs doing with an item. An out-of-scope item carries only its 不適用 badge: it is
 * not asked, so nothing about it can be pending, overdue or awaiting re-confirmation.
 */
export function ItemBadges({ item, inReview }: { item: AssessmentItem; inReview: boolean }) {
  const { t } = useTranslation();
  if (!item.applicable)
    return (
      <Badge color="gray" variant="outline">
        {t('assessments.workspace.notApplicable')}
      </Badge>
    );
  const answered = item.result !== 'not_assessed';
  return (
    <Group gap={4}>
      <Badge color={RESULT_COLORS[item.result]}>
        {answered ? t(`assessments.result.${item.result}`) : t('assessments.review.unanswered')}
      </Badge>
      {item.reviewStatus === 'flagged' && (
        <Badge color="red" variant="filled" data-testid={`flagged-${item.number}`}>
          {t('assessments.workspace.reviewStatus.flagged')}
        </Badge>
      )}
      {inReview && answered && item.reviewStatus !== 'flagged' && (
        <Badge color={item.reviewStatus === 'validated' ? 'teal' : 'gray'} variant="light">
          {t(`assessments.workspace.reviewStatus.${item.reviewStatus}`)}
        </Badge>
      )}
      {item.needsReconfirmation && answered && (
        <Badge color="violet" variant="light">
          {t('assessments.workspace.reconfirm')}
        </Badge>
      )}
      {item.overdue && (
        <Badge color="red" variant="light">
          {t('assessments.workspace.overdue')}
        </Badge>
      )}
      {item.provenance === 'derived' && (
        <Badge variant="outline" title={t('assessments.workspace.derivedHint')}>
          {t('assessments.workspace.derived')}
        </Badge>
      )}
      {item.evidence.length > 0 && (
        <Badge variant="dot">
          {t('assessments.workspace.evidenceCount', { count: item.evidence.length })}
        </Badge>
      )}
    </Group>
  );
}

/**
 * The items by chapter. Each row's question is a link to the item's own URL (so rows work from the
 * keyboard and can be shared); a reviewer gets a checkbox per unreviewed answered item for bulk confirmation.
 */
export function ItemTable({
  orgId,
  assessmentId,
  items,
  members,
  inReview,
  selectable,
  picked,
  onPick,
}: {
  orgId: string;
  assessmentId: string;
  items: AssessmentItem[];
  members: AssignableMember[];
  inReview: boolean;
  selectable: boolean;
  picked: ReadonlySet<string>;
  onPick: (itemId: string, on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const chapters = [...new Set(items.map((i) => i.chapter))].sort((a, b) => a - b);
  return (
    <Accordion multiple defaultValue={chapters.map(String)} key={chapters.join(',')}>
      {chapters.map((chapter) => (
        <Accordion.Item key={chapter} value={String(chapter)}>
          <Accordion.Control>{t('assessments.workspace.chapter', { number: chapter })}</Accordion.Control>
          <Accordion.Panel>
            <Table highlightOnHover layout="fixed">
              <Table.Tbody>
                {items
                  .filter((item) => item.chapter === chapter)
                  .map((item) => (
                    <Table.Tr
                      key={item.id}
                      onClick={() => navigate(itemPath(orgId, assessmentId, item.number))}
                      style={{ cursor: 'pointer' }}
                      data-testid={`item-row-${item.number}`}
                      data-flagged={item.reviewStatus === 'flagged' || undefined}
                    >
                      <Table.Td w={selectable ? 64 : 40} px={4} style={{ verticalAlign: 'top' }}>
                        <Group gap={4} wrap="nowrap">
                          {selectable && (
                            <Checkbox
                              size="xs"
                              aria-label={t('assessments.review.selectItem', { number: item.number })}
                              disabled={
                                !item.applicable ||
                                item.result === 'not_assessed' ||
                                item.reviewStatus !== 'pending'
                              }
                              checked={picked.has(item.id)}
                              onClick={(e) => e.stopPropagation()}
                              onChange={(e) => onPick(item.id, e.currentTarget.checked)}
                              data-testid={`pick-${item.number}`}
                            />
                          )}
                          <Text size="sm">{item.number}</Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={itemPath(orgId, assessmentId, item.number)}
                          onClick={(e) => e.stopPropagation()}
                          size="sm"
                          c={item.applicable ? 'inherit' : 'dimmed'}
                          underline="never"
                          lineClamp={3}
                          aria-label={t('assessments.workspace.itemLink', { number: item.number })}
                        >
                          {item.question[lang]}
                        </Anchor>
                        {item.assigneeUserId && (
                          <Text size="xs" c="dimmed">
                            {t('assessments.item.assignee')}:{' '}
                            {members.find((m) => m.value === item.assigneeUserId)?.label}
                          </Text>
                        )}
                        <ItemBadges item={item} inReview={inReview} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
