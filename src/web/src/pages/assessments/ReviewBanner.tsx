import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiSchemas } from '../../api/client';
import { itemPath } from './ItemTable';
import type { AssessmentItem } from './shared';
import type { AssignableMember } from './useAssignableMembers';
import '../../i18n/assessments';

type Detail = ApiSchemas['getAssessment'];

const nameOf = (members: AssignableMember[], userId: string | null | undefined) =>
  members.find((m) => m.value === userId)?.label ?? '—';

/** Links to items by number, e.g. the items still 未評 or flagged by the reviewer. */
const ITEM_LINKS_SHOWN = 12;

export function ItemLinks({
  orgId,
  assessmentId,
  numbers,
  testId,
}: {
  orgId: string;
  assessmentId: string;
  numbers: readonly number[];
  testId?: string;
}) {
  const { t } = useTranslation();
  // A long list (a carried-forward assessment blocks on every item) shows its first links and a toggle,
  // so the header keeps its height and the items stay in view.
  const [all, setAll] = useState(false);
  const shown = all ? numbers : numbers.slice(0, ITEM_LINKS_SHOWN);
  return (
    <Group gap={6} data-testid={testId}>
      {shown.map((number) => (
        <Anchor
          key={number}
          component={Link}
          to={itemPath(orgId, assessmentId, number)}
          size="sm"
          aria-label={t('assessments.workspace.itemLink', { number })}
        >
          #{number}
        </Anchor>
      ))}
      {numbers.length > shown.length && (
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => setAll(true)}>
          {t('assessments.workspace.moreItems', { count: numbers.length - shown.length })}
        </Anchor>
      )}
    </Group>
  );
}

/**
 * After a return, the assessor sees why: the overall reason and each flagged item with its note, as long
 * as the assessment is back in draft from that return (a later submission supersedes it).
 */
export function ReturnedBanner({
  orgId,
  detail,
  members,
}: {
  orgId: string;
  detail: Detail;
  members: AssignableMember[];
}) {
  const { t, i18n } = useTranslation();
  const { returned, submitted } = detail.workflow;
  if (detail.assessment.state !== 'draft' || !returned) return null;
  if (submitted && submitted.at > returned.at) return null;
  const flagged = detail.items.filter((i: AssessmentItem) => i.reviewStatus === 'flagged');
  return (
    <Alert color="orange" title={t('assessments.review.returnedTitle')} data-testid="returned-banner">
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          {t('assessments.review.returnedBy', {
            name: nameOf(members, returned.userId),
            at: new Date(returned.at).toLocaleString(i18n.resolvedLanguage),
          })}
        </Text>
        {returned.comment && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="return-reason">
            <b>{t('assessments.review.overallReason')}：</b>
            {returned.comment}
          </Text>
        )}
        {flagged.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('assessments.review.flaggedItems', { count: flagged.length })}
            </Text>
            {flagged.map((item) => (
              <Text size="sm" key={item.id}>
                <Anchor component={Link} to={itemPath(orgId, detail.assessment.id, item.number)}>
                  #{item.number}
                </Anchor>{' '}
                {item.reviewNote}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}

/** Who submitted, reviewed and approved, and when: shown on the assessment once it has moved along. */
export function SignOffLine({ detail, members }: { detail: Detail; members: AssignableMember[] }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage);
  const { submitted, approved } = detail.workflow;
  const reviewers = [
    ...new Set(detail.items.filter((i) => i.reviewStatus === 'validated').map((i) => i.reviewedBy)),
  ].map((id) => nameOf(members, id));
  const parts = [
    submitted && detail.assessment.state !== 'draft'
      ? t('assessments.review.submittedBy', { name: nameOf(members, submitted.userId), at: at(submitted.at) })
      : null,
    reviewers.length > 0 && detail.assessment.state !== 'draft'
      ? t('assessments.review.reviewedBy', { names: reviewers.join('、') })
      : null,
    approved && detail.assessment.state === 'approved'
      ? t('assessments.review.approvedBy', { name: nameOf(members, approved.userId), at: at(approved.at) })
      : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="sign-off-line">
      {parts.join(' · ')}
    </Text>
  );
}
