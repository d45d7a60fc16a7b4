import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type AssessmentItem, errorMessage } from './shared';
import '../../i18n/assessments';

/** Items to confirm in bulk: answered, in scope, not yet reviewed (a flagged item waits for its fix). */
const confirmable = (item: AssessmentItem) =>
  item.applicable && item.result !== 'not_assessed' && item.reviewStatus === 'pending';

/**
 * The reviewer confirms many items in one request: pick them in the list, or take every unreviewed item
 * the current filter shows. The server confirms all or none (a stale item refuses the batch).
 */
export function BulkConfirm({
  orgId,
  assessmentId,
  visible,
  picked,
  onPick,
  onDone,
  onError,
}: {
  orgId: string;
  assessmentId: string;
  visible: AssessmentItem[];
  picked: ReadonlySet<string>;
  onPick: (next: ReadonlySet<string>) => void;
  onDone: () => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState<number>();
  const candidates = visible.filter(confirmable);
  const chosen = visible.filter((item) => picked.has(item.id) && confirmable(item));

  const confirm = async () => {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/orgs/{orgId}/assessments/{assessmentId}/reviews', {
      params: { path: { orgId, assessmentId } },
      body: { items: chosen.map((item) => ({ itemId: item.id, version: item.version })) },
    });
    setBusy(false);
    if (!data) return onError(errorMessage(error));
    setConfirmed(data.validated);
    onPick(new Set());
    onDone();
  };

  return (
    <Group gap="sm">
      <Button
        variant="light"
        size="xs"
        disabled={candidates.length === 0}
        onClick={() => onPick(new Set(candidates.map((item) => item.id)))}
        data-testid="select-unreviewed"
      >
        {t('assessments.review.selectUnreviewed', { count: candidates.length })}
      </Button>
      <Button
        color="teal"
        size="xs"
        disabled={chosen.length === 0}
        loading={busy}
        onClick={() => void confirm()}
        data-testid="confirm-selected"
      >
        {t('assessments.review.confirmSelected', { count: chosen.length })}
      </Button>
      {confirmed !== undefined && (
        <Text size="sm" c="teal" data-testid="confirmed-count">
          {t('assessments.review.confirmedCount', { count: confirmed })}
        </Text>
      )}
    </Group>
  );
}
