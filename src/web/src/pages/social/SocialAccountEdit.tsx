import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ActionButton } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import type { SocialAccount } from './SocialAccountsPage';
import { SocialProfileEvidence } from './SocialProfileEvidence';
import '../../i18n/social';

const FACTORS: SocialAccount['secondFactorMethod'][] = [
  'none',
  'sms',
  'authenticator_app',
  'security_key',
  'platform_prompt',
  'email',
  'other',
];
const STATUSES: SocialAccount['status'][] = ['active', 'dormant', 'closed'];

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
          <TextInput
            label={t('social.field.purpose')}
            value={v.purpose}
            onChange={(e) => set({ purpose: e.currentTarget.value })}
          />
          <TextInput
            label={t('social.field.department')}
            value={v.department}
            onChange={(e) => set({ department: e.currentTarget.value })}
          />
          <TextInput
            label={t('social.field.ownerName')}
            value={v.ownerName}
            onChange={(e) => set({ ownerName: e.currentTarget.value })}
          />
          <Select
            label={t('social.field.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`social.status.${s}`) }))}
            value={v.status}
            onChange={(s) => s && set({ status: s as SocialAccount['status'] })}
            allowDeselect={false}
          />
          <Select
            label={t('social.field.secondFactorMethod')}
            data={FACTORS.map((f) => ({ value: f, label: t(`social.secondFactor.${f}`) }))}
            value={v.secondFactorMethod}
            onChange={(f) => f && set({ secondFactorMethod: f as SocialAccount['secondFactorMethod'] })}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label={t('social.field.secondFactorVerifiedOn')}
            value={v.secondFactorVerifiedOn}
            onChange={(e) => set({ secondFactorVerifiedOn: e.currentTarget.value })}
          />
          <Checkbox
            label={t('social.field.profileShowsIdentity')}
            checked={v.profileShowsIdentity}
            onChange={(e) => set({ profileShowsIdentity: e.currentTarget.checked })}
          />
          <SocialProfileEvidence
            orgId={props.orgId}
            value={v.profileEvidenceId}
            canUpload={account.abilities.uploadEvidence}
            onChange={(profileEvidenceId) => set({ profileEvidenceId })}
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
