import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { ActionButton, useAbilityReason } from '../../app/abilities';
import { ItemLinks } from './ReviewBanner';
import { errorMessage } from './shared';
import '../../i18n/assessments';

type Detail = ApiSchemas['getAssessment'];

/**
 * Submit, return, approve (with the 2FA re-confirmation) and reopen, as the server's abilities allow.
 * Steps that are not this person's job are hidden; steps blocked by the assessment's content say what is
 * missing, with links to the items, before anyone types a code. A refused code keeps the dialog open.
 */
export function WorkflowActions({
  orgId,
  detail,
  onChanged,
  onError,
}: {
  orgId: string;
  detail: Detail;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const reasonOf = useAbilityReason();
  const { assessment, abilities } = detail;
  const [dialog, setDialog] = useState<'return' | 'approve'>();
  const [comment, setComment] = useState('');
  const [code, setCode] = useState('');
  const [dialogError, setDialogError] = useState<string>();
  const path = { orgId, assessmentId: assessment.id };

  const close = () => {
    setDialog(undefined);
    setComment('');
    setCode('');
    setDialogError(undefined);
  };

  const act = async (action: 'submit' | 'return' | 'approve') => {
    const body = { comment: comment || undefined, totpCode: code || undefined };
    const route = `/api/v1/orgs/{orgId}/assessments/{assessmentId}/${action}` as const;
    const { error } = await api.POST(route, { params: { path }, body });
    if (!error) {
      close();
      return onChanged();
    }
    if (dialog) {
      setDialogError(errorMessage(error));
      setCode('');
    } else onError(errorMessage(error));
  };

  const reopen = async () => {
    const { data, error } = await api.POST('/api/v1/orgs/{orgId}/assessments/{assessmentId}/reopen', {
      params: { path },
    });
    if (data) navigate(`/orgs/${orgId}/assessments/${data.id}`);
    else onError(errorMessage(error));
  };

  const blocked = (ability: typeof abilities.submit, testId: string) =>
    !ability.allowed && ability.items && ability.items.length > 0 ? (
      <Stack gap={2} maw={360}>
        <Text size="xs" c="dimmed" data-testid={`${testId}-reason`}>
          {reasonOf(ability)} {t('assessments.review.blockingItems')}
        </Text>
        <ItemLinks
          orgId={orgId}
          assessmentId={assessment.id}
          numbers={ability.items}
          testId={`${testId}-items`}
        />
      </Stack>
    ) : null;

  return (
    <Group gap="xs" align="flex-start">
      {assessment.state === 'draft' && abilities.submit.reason !== 'ROLE_REQUIRED' && (
        <Stack gap={4} align="flex-start">
          <Button
            onClick={() => void act('submit')}
            disabled={!abilities.submit.allowed}
            data-testid="submit"
          >
            {t('assessments.workspace.actions.submit')}
          </Button>
          {blocked(abilities.submit, 'submit')}
        </Stack>
      )}
      {assessment.state === 'in_review' && (
        <>
          <ActionButton
            ability={abilities.return}
            hideForRole
            variant="default"
            onClick={() => setDialog('return')}
          >
            {t('assessments.workspace.actions.return')}
          </ActionButton>
          {abilities.approve.reason !== 'ROLE_REQUIRED' && (
            <Stack gap={4}>
              <Button
                color="teal"
                onClick={() => setDialog('approve')}
                disabled={!abilities.approve.allowed}
                data-testid="approve"
              >
                {t('assessments.workspace.actions.approve')}
              </Button>
              {blocked(abilities.approve, 'approve')}
              {!abilities.approve.allowed && !abilities.approve.items && (
                <Text size="xs" c="dimmed" maw={280} data-testid="approve-reason">
                  {reasonOf(abilities.approve)}
                </Text>
              )}
            </Stack>
          )}
        </>
      )}
      {assessment.state === 'approved' && (
        <ActionButton ability={abilities.reopen} hideForRole variant="default" onClick={() => void reopen()}>
          {t('assessments.workspace.actions.reopen')}
        </ActionButton>
      )}
      <Modal opened={dialog === 'return'} onClose={close} title={t('assessments.workspace.actions.return')}>
        <Stack>
          {dialogError && <Alert color="red">{dialogError}</Alert>}
          <Textarea
            label={t('assessments.workspace.returnComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            required
            autosize
            minRows={3}
          />
          <Button onClick={() => void act('return')} disabled={!comment.trim()} data-testid="return-confirm">
            {t('assessments.workspace.actions.return')}
          </Button>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'approve'} onClose={close} title={t('assessments.workspace.approveTitle')}>
        <Stack>
          <Text size="sm">{t('assessments.workspace.approveBody')}</Text>
          {dialogError && (
            <Alert color="red" data-testid="approve-error">
              {dialogError}
            </Alert>
          )}
          <TextInput
            label={t('assessments.workspace.totpCode')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            data-autofocus
          />
          <Button color="teal" onClick={() => void act('approve')} disabled={code.length < 6}>
            {t('assessments.workspace.actions.approve')}
          </Button>
        </Stack>
      </Modal>
    </Group>
  );
}
