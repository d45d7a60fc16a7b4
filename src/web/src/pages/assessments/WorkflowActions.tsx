import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { type Assessment, errorMessage } from './shared';
import '../../i18n/assessments';

/** Submit, return, approve (with the 2FA re-confirmation) and reopen, as the state allows. */
export function WorkflowActions({
  orgId,
  assessment,
  onChanged,
  onError,
}: {
  orgId: string;
  assessment: Assessment;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'return' | 'approve'>();
  const [comment, setComment] = useState('');
  const [code, setCode] = useState('');
  const path = { orgId, assessmentId: assessment.id };

  const act = async (action: 'submit' | 'return' | 'approve') => {
    const body = { comment: comment || undefined, totpCode: code || undefined };
    const route = `/api/v1/orgs/{orgId}/assessments/{assessmentId}/${action}` as const;
    const { error } = await api.POST(route, { params: { path }, body });
    setDialog(undefined);
    setComment('');
    setCode('');
    if (error) onError(errorMessage(error));
    else onChanged();
  };

  const reopen = async () => {
    const { data, error } = await api.POST('/api/v1/orgs/{orgId}/assessments/{assessmentId}/reopen', {
      params: { path },
    });
    if (data) navigate(`/orgs/${orgId}/assessments/${data.id}`);
    else onError(errorMessage(error));
  };

  return (
    <Group gap="xs">
      {assessment.state === 'draft' && (
        <Button onClick={() => void act('submit')}>{t('assessments.workspace.actions.submit')}</Button>
      )}
      {assessment.state === 'in_review' && (
        <>
          <Button variant="default" onClick={() => setDialog('return')}>
            {t('assessments.workspace.actions.return')}
          </Button>
          <Button color="teal" onClick={() => setDialog('approve')}>
            {t('assessments.workspace.actions.approve')}
          </Button>
        </>
      )}
      {assessment.state === 'approved' && (
        <Button variant="default" onClick={() => void reopen()}>
          {t('assessments.workspace.actions.reopen')}
        </Button>
      )}
      <Modal
        opened={dialog === 'return'}
        onClose={() => setDialog(undefined)}
        title={t('assessments.workspace.actions.return')}
      >
        <Stack>
          <Textarea
            label={t('assessments.workspace.returnComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            required
            autosize
            minRows={3}
          />
          <Button onClick={() => void act('return')} disabled={!comment.trim()}>
            {t('assessments.workspace.actions.return')}
          </Button>
        </Stack>
      </Modal>
      <Modal
        opened={dialog === 'approve'}
        onClose={() => setDialog(undefined)}
        title={t('assessments.workspace.approveTitle')}
      >
        <Stack>
          <Text size="sm">{t('assessments.workspace.approveBody')}</Text>
          <TextInput
            label={t('assessments.workspace.totpCode')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
          />
          <Button color="teal" onClick={() => void act('approve')} disabled={code.length < 6}>
            {t('assessments.workspace.actions.approve')}
          </Button>
        </Stack>
      </Modal>
    </Group>
  );
}
