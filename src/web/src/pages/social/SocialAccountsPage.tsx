import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ApiSchemas, allPages, api } from '../../api/client';
import { type Ability, ActionButton } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import { SocialAccountFields } from './SocialAccountFields';
import { SocialNav } from './SocialNav';
import { RegisterFiguresCard } from './SocialRegisterHint';
import '../../i18n/social';

export type SocialAccount = ApiSchemas['getSocialAccount'];
export const PLATFORMS: SocialAccount['platform'][] = [
  'line',
  'facebook',
  'instagram',
  'youtube',
  'x',
  'threads',
  'linkedin',
  'tiktok',
  'other',
];

function AccountForm(props: {
  orgId: string;
  canUpload: Ability;
  onSubmit: (input: Record<string, unknown>) => void;
  onCancel: () => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    platform: 'line' as SocialAccount['platform'],
    platformLabel: '',
    handle: '',
    url: '',
    purpose: '',
    department: '',
    ownerName: '',
    secondFactorMethod: 'none' as SocialAccount['secondFactorMethod'],
    secondFactorVerifiedOn: '',
    profileShowsIdentity: false,
    profileEvidenceId: null as string | null,
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  return (
    <Stack>
      <Select
        label={t('social.field.platform')}
        data={PLATFORMS.map((p) => ({ value: p, label: t(`social.platform.${p}`) }))}
        value={v.platform}
        onChange={(p) => p && set({ platform: p as SocialAccount['platform'] })}
        allowDeselect={false}
      />
      {v.platform === 'other' && (
        <TextInput
          label={t('social.field.platformLabel')}
          value={v.platformLabel}
          onChange={(e) => set({ platformLabel: e.currentTarget.value })}
        />
      )}
      <TextInput
        required
        label={t('social.field.handle')}
        value={v.handle}
        onChange={(e) => set({ handle: e.currentTarget.value })}
      />
      <TextInput
        label={t('social.field.url')}
        value={v.url}
        onChange={(e) => set({ url: e.currentTarget.value })}
      />
      <SocialAccountFields
        orgId={props.orgId}
        value={v}
        set={set}
        canUpload={props.canUpload}
        onError={props.onError}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {t('social.cancel')}
        </Button>
        <Button
          data-testid="social-account-save"
          onClick={() =>
            props.onSubmit({
              ...v,
              platformLabel: v.platform === 'other' ? v.platformLabel : '',
              secondFactorVerifiedOn: v.secondFactorVerifiedOn || null,
            })
          }
        >
          {t('social.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Art. 11: the official accounts register, its exports and what it says for items 34–40. */
export function SocialAccountsPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<SocialAccount[]>();
  const [can, setCan] = useState<ApiSchemas['listSocialAccounts']['abilities']>();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  const load = useCallback(async () => {
    // Every page: the register never silently stops at its first 200 accounts.
    const {
      items,
      first,
      error: failure,
    } = await allPages((cursor) =>
      api.GET('/api/v1/orgs/{orgId}/social/accounts', {
        params: { path: { orgId }, query: { limit: 200, cursor } },
      }),
    );
    if (first && !failure) {
      setAccounts(items);
      setCan(first.abilities);
    } else setError(errorMessage(failure));
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (input: Record<string, unknown>) => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/social/accounts', {
      params: { path: { orgId } },
      body: input as never,
    });
    if (failure) setError(errorMessage(failure));
    else setAdding(false);
    setGeneration((g) => g + 1);
    await load();
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('social.title')}</Title>
        <Group gap="xs">
          <Button
            component="a"
            variant="default"
            href={`/api/v1/orgs/${orgId}/social/accounts/export.csv`}
            download
          >
            {t('social.exportCsv')}
          </Button>
          <Button
            component="a"
            variant="default"
            href={`/api/v1/orgs/${orgId}/social/accounts/export.xlsx`}
            download
          >
            {t('social.exportXlsx')}
          </Button>
          <ActionButton
            ability={can?.create}
            hideForRole
            onClick={() => setAdding(true)}
            testId="social-account-add"
          >
            {t('social.add')}
          </ActionButton>
        </Group>
      </Group>
      <SocialNav orgId={orgId} current="accounts" />
      {error && <Alert color="red">{error}</Alert>}
      <RegisterFiguresCard key={generation} orgId={orgId} />
      {accounts?.length === 0 && <Text c="dimmed">{t('social.empty')}</Text>}
      {accounts && accounts.length > 0 && (
        <Table striped data-testid="social-accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('social.field.platform')}</Table.Th>
              <Table.Th>{t('social.field.handle')}</Table.Th>
              <Table.Th>{t('social.field.department')}</Table.Th>
              <Table.Th>{t('social.field.secondFactorMethod')}</Table.Th>
              <Table.Th>{t('social.field.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.platform === 'other' ? a.platformName : t(`social.platform.${a.platform}`)}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/orgs/${orgId}/social/accounts/${a.id}`}>
                    {a.handle}
                  </Anchor>
                  {a.administrators.some((x) => x.removedAt === null && x.flaggedReason) && (
                    <Badge color="red" ml="xs" size="xs">
                      {t('social.admins.title')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{a.department}</Table.Td>
                <Table.Td>
                  {t(`social.secondFactor.${a.secondFactorMethod}`)}
                  {a.secondFactorVerifiedOn ? ` ✓ ${a.secondFactorVerifiedOn}` : ''}
                </Table.Td>
                <Table.Td>{t(`social.status.${a.status}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('social.add')} size="lg">
        {can && (
          <AccountForm
            orgId={orgId}
            canUpload={can.uploadEvidence}
            onSubmit={(v) => void create(v)}
            onCancel={() => setAdding(false)}
            onError={setError}
          />
        )}
      </Modal>
    </Stack>
  );
}
