import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { useAssignableMembers } from '../assessments/useAssignableMembers';
import { SocialAccountEdit } from './SocialAccountEdit';
import type { SocialAccount } from './SocialAccountsPage';
import { SocialNav } from './SocialNav';
import '../../i18n/social';

const today = () => new Date().toISOString().slice(0, 10);

/** One official account: its details and its administrators (added, removed, re-confirmed). */
export function SocialAccountDetailPage() {
  const { orgId = '', accountId = '' } = useParams();
  const { t } = useTranslation();
  const members = useAssignableMembers(orgId);
  const [account, setAccount] = useState<SocialAccount>();
  const [error, setError] = useState<string>();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [outsider, setOutsider] = useState('');
  const [agency, setAgency] = useState('');
  const [reason, setReason] = useState('');

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/social/accounts/{accountId}', {
      params: { path: { orgId, accountId } },
    });
    if (data) setAccount(data);
    else setError(errorMessage(failure));
  }, [orgId, accountId]);
  useEffect(() => {
    void load();
  }, [load]);

  const after = async (result: { error?: unknown }) => {
    setError(result.error ? errorMessage(result.error) : undefined);
    await load();
  };
  const addAdmin = async () => {
    await after(
      await api.POST('/api/v1/orgs/{orgId}/social/accounts/{accountId}/administrators', {
        params: { path: { orgId, accountId } },
        body: memberId
          ? { userId: memberId, lastReviewedOn: today() }
          : { outsiderName: outsider, outsiderOrganisation: agency, lastReviewedOn: today() },
      }),
    );
    setMemberId(null);
    setOutsider('');
    setAgency('');
  };
  const remove = async (adminId: string) =>
    after(
      await api.POST('/api/v1/orgs/{orgId}/social/accounts/{accountId}/administrators/{adminId}/removal', {
        params: { path: { orgId, accountId, adminId } },
        body: { reason: reason || t('social.admins.remove') },
      }),
    );
  const confirm = async (adminId: string) =>
    after(
      await api.POST(
        '/api/v1/orgs/{orgId}/social/accounts/{accountId}/administrators/{adminId}/confirmation',
        {
          params: { path: { orgId, accountId, adminId } },
          body: { reviewedOn: today() },
        },
      ),
    );

  if (!account) return error ? <Alert color="red">{error}</Alert> : null;
  const current = account.administrators.filter((a) => a.removedAt === null);
  const editable = account.abilities.edit.allowed;
  return (
    <Stack>
      <Title order={2}>
        {account.platform === 'other' ? account.platformName : t(`social.platform.${account.platform}`)}{' '}
        {account.handle}
      </Title>
      <SocialNav orgId={orgId} current="accounts" />
      {error && (
        <Alert color="red" data-testid="social-account-error">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <SocialAccountEdit
          orgId={orgId}
          account={account}
          onDone={(message) => {
            setError(message);
            void load();
          }}
        />
      </Group>
      <Card withBorder>
        <Table>
          <Table.Tbody>
            {(
              [
                ['url', account.url],
                ['purpose', account.purpose],
                [
                  'scope',
                  t(`social.scope.${account.scope}`) +
                    (account.exclusionReason ? `：${account.exclusionReason}` : ''),
                ],
                ['department', account.department],
                ['ownerName', account.ownerName],
                ['secondFactorMethod', t(`social.secondFactor.${account.secondFactorMethod}`)],
                ['secondFactorVerifiedOn', account.secondFactorVerifiedOn ?? '—'],
                [
                  'profileShowsIdentity',
                  `${account.profileShowsIdentity ? '✓' : '✗'}${
                    account.profileEvidenceValidUntil
                      ? `（${t('social.field.evidenceValidUntil')} ${account.profileEvidenceValidUntil}）`
                      : ''
                  }`,
                ],
                ['status', t(`social.status.${account.status}`)],
              ] as const
            ).map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Th w="30%">{t(`social.field.${key}`)}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {account.profileEvidenceId && (
          <Anchor
            size="sm"
            mt="xs"
            href={`/api/v1/orgs/${orgId}/evidence/${account.profileEvidenceId}/download`}
            data-testid="social-account-screenshot"
          >
            {t('social.evidence.screenshot')}
            {account.profileEvidenceValidUntil
              ? ` · ${t('social.field.evidenceValidUntil')} ${account.profileEvidenceValidUntil}`
              : ''}
            {account.profileEvidenceExpired ? `（${t('social.evidence.expired')}）` : ''}
          </Anchor>
        )}
      </Card>
      <Title order={4}>{t('social.admins.title')}</Title>
      <Table data-testid="social-admins">
        <Table.Tbody>
          {current.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                {a.name}
                {a.outsiderOrganisation ? `（${a.outsiderOrganisation}）` : ''}
                {a.flaggedReason && (
                  <Badge color="red" ml="xs">
                    {t(`social.admins.flagged.${a.flaggedReason}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {t('social.admins.lastReviewedOn')} {a.lastReviewedOn}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" hidden={!editable}>
                  <Button size="compact-sm" variant="light" onClick={() => void confirm(a.id)}>
                    {t('social.admins.confirm')}
                  </Button>
                  <Button size="compact-sm" color="red" variant="light" onClick={() => void remove(a.id)}>
                    {t('social.admins.remove')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable && (
        <>
          <TextInput
            label={t('social.admins.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Card withBorder>
            <Stack gap="xs">
              <Select
                label={t('social.admins.member')}
                data={members}
                value={memberId}
                onChange={setMemberId}
                clearable
                data-testid="social-admin-member"
              />
              <Group grow>
                <TextInput
                  label={t('social.admins.outsider')}
                  value={outsider}
                  onChange={(e) => setOutsider(e.currentTarget.value)}
                  disabled={memberId !== null}
                />
                <TextInput
                  label={t('social.admins.organisation')}
                  value={agency}
                  onChange={(e) => setAgency(e.currentTarget.value)}
                  disabled={memberId !== null}
                />
              </Group>
              <Group justify="flex-end">
                <Button
                  onClick={() => void addAdmin()}
                  disabled={!memberId && !outsider}
                  data-testid="social-admin-add"
                >
                  {t('social.admins.add')}
                </Button>
              </Group>
            </Stack>
          </Card>
        </>
      )}
      {account.administrators.some((a) => a.removedAt) && (
        <Text size="sm" c="dimmed">
          {t('social.admins.removed')}：
          {account.administrators
            .filter((a) => a.removedAt)
            .map((a) => `${a.name}（${a.removalReason ?? ''}）`)
            .join('、')}
        </Text>
      )}
    </Stack>
  );
}
