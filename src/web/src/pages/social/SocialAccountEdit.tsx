import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ActionButton } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import { SocialAccountFields } from './SocialAccountFields';
import type { SocialAccount } from './SocialAccountsPage';
import '../../i18n/social';

/**
 * Edits an account with the version it was read at: when someone else saved first the server answers
 * 409 VERSION_CONFLICT, the message is shown and the account is reloaded as it now stands.
 */
export function SocialAccountEdit(props: {
  orgId: string;
  account: SocialAccount;
  onDone: (error?: string) => void;
}) {
  const { account } = props;
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const initial = () => ({
    purpose: account.purpose,
    department: account.department,
    ownerName: account.ownerName,
    status: account.status,
    secondFactorMethod: account.secondFactorMethod,
    secondFactorVerifiedOn: account.secondFactorVerifiedOn ?? '',
    profileShowsIdentity: account.profileShowsIdentity,
    notes: account.notes,
    profileEvidenceId: account.profileEvidenceId,
  });
  const [v, setV] = useState(initial);
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const save = async () => {
    const { error } = await api.PATCH('/api/v1/orgs/{orgId}/social/accounts/{accountId}', {
      params: { path: { orgId: props.orgId, accountId: account.id } },
      body: { version: account.version, ...v, secondFactorVerifiedOn: v.secondFactorVerifiedOn || null },
    });
    setOpen(false);
    props.onDone(error ? errorMessage(error) : undefined);
  };
  return (
    <>
      <ActionButton
        ability={account.abilities.edit}
        hideForRole
        variant="light"
        testId="social-account-edit"
        onClick={() => {
          setV(initial());
          setOpen(true);
        }}
      >
        {t('social.edit')}
      </ActionButton>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('social.edit')}>
        <Stack>
          <SocialAccountFields
            orgId={props.orgId}
            value={v}
            set={set}
            canUpload={account.abilities.uploadEvidence}
            onError={(message) => props.onDone(message)}
          />
          <TextInput
            label={t('social.field.notes')}
            value={v.notes}
            onChange={(e) => set({ notes: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('social.cancel')}
            </Button>
            <Button onClick={() => void save()} data-testid="social-account-edit-save">
              {t('social.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
