import { Checkbox, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Ability } from '../../app/abilities';
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

/** What both the create and the edit form ask about an account (Art. 11): owner, second factor, profile. */
export interface AccountFieldValues {
  purpose: string;
  department: string;
  ownerName: string;
  secondFactorMethod: SocialAccount['secondFactorMethod'];
  secondFactorVerifiedOn: string;
  profileShowsIdentity: boolean;
  profileEvidenceId: string | null;
  /** Only an existing account has a status to change. */
  status?: SocialAccount['status'];
}

export function SocialAccountFields<V extends AccountFieldValues>(props: {
  orgId: string;
  value: V;
  set: (patch: Partial<V>) => void;
  canUpload: Ability;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { value: v, set } = props;
  return (
    <>
      <TextInput
        label={t('social.field.purpose')}
        value={v.purpose}
        onChange={(e) => set({ purpose: e.currentTarget.value } as Partial<V>)}
      />
      <TextInput
        label={t('social.field.department')}
        value={v.department}
        onChange={(e) => set({ department: e.currentTarget.value } as Partial<V>)}
      />
      <TextInput
        label={t('social.field.ownerName')}
        value={v.ownerName}
        onChange={(e) => set({ ownerName: e.currentTarget.value } as Partial<V>)}
      />
      {v.status !== undefined && (
        <Select
          label={t('social.field.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`social.status.${s}`) }))}
          value={v.status}
          onChange={(s) => s && set({ status: s as SocialAccount['status'] } as Partial<V>)}
          allowDeselect={false}
        />
      )}
      <Select
        label={t('social.field.secondFactorMethod')}
        data={FACTORS.map((f) => ({ value: f, label: t(`social.secondFactor.${f}`) }))}
        value={v.secondFactorMethod}
        onChange={(f) =>
          f && set({ secondFactorMethod: f as SocialAccount['secondFactorMethod'] } as Partial<V>)
        }
        allowDeselect={false}
      />
      <TextInput
        type="date"
        label={t('social.field.secondFactorVerifiedOn')}
        value={v.secondFactorVerifiedOn}
        onChange={(e) => set({ secondFactorVerifiedOn: e.currentTarget.value } as Partial<V>)}
      />
      <Checkbox
        label={t('social.field.profileShowsIdentity')}
        checked={v.profileShowsIdentity}
        onChange={(e) => set({ profileShowsIdentity: e.currentTarget.checked } as Partial<V>)}
      />
      <SocialProfileEvidence
        orgId={props.orgId}
        value={v.profileEvidenceId}
        canUpload={props.canUpload}
        onChange={(profileEvidenceId) => set({ profileEvidenceId } as Partial<V>)}
        onError={props.onError}
      />
    </>
  );
}
