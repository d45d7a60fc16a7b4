import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { errorMessage } from '../assessments/shared';
import '../../i18n/invitations';

type Invitation = ApiSchemas['listInvitations'][number];
type Role = Invitation['role'];
export const ROLES: Role[] = ['admin', 'assessor', 'reviewer', 'approver', 'auditor', 'viewer'];

/**
 * Adding a colleague is an invitation they accept: the admin types an address and a role, and sees the
 * open invitations (withdrawable). Without a mail server the link is shown once, to be passed on.
 */
export function InvitationsCard({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const query = useApiQuery(['invitations', orgId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/invitations', { params: { path: { orgId } }, signal }),
  );
  const open: Invitation[] = query.data ?? [];
  const load = () => query.refetch();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('assessor');
  const [sent, setSent] = useState<{ text: string; link: string | null }>();
  const [error, setError] = useState<string>();

  const invite = async () => {
    setError(undefined);
    const { data, error: failure } = await api.POST('/api/v1/orgs/{orgId}/members', {
      params: { path: { orgId } },
      body: { email, role },
    });
    if (!data) return setError(errorMessage(failure));
    const text = data.mailFailed
      ? t('invitations.mailFailed')
      : data.delivery === 'email'
        ? t('invitations.sentByEmail')
        : t('invitations.sentLink');
    setSent({ text, link: data.link });
    setEmail('');
    await load();
  };

  const revoke = async (invitationId: string) => {
    const { error: failure } = await api.DELETE('/api/v1/orgs/{orgId}/invitations/{invitationId}', {
      params: { path: { orgId, invitationId } },
    });
    if (failure) setError(errorMessage(failure));
    await load();
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>{t('invitations.pending')}</Title>
        {open.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('invitations.none')}
          </Text>
        )}
        {open.length > 0 && (
          <Table data-testid="open-invitations">
            <Table.Tbody>
              {open.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{i.email}</Table.Td>
                  <Table.Td>{t(`orgAdmin.roles.${i.role}`)}</Table.Td>
                  <Table.Td>
                    {t('invitations.expires')}{' '}
                    {new Date(i.expiresAt).toLocaleDateString(i18n.resolvedLanguage)}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(i.id)}>
                        {t('invitations.revoke')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && (
          <>
            <Text size="sm" c="dimmed">
              {t('invitations.inviteHint')}
            </Text>
            {error && <Alert color="red">{error}</Alert>}
            {sent && (
              <Alert color="teal" data-testid="invitation-sent">
                {sent.text}
                {sent.link && (
                  <Code block mt={4} data-testid="invitation-link" style={{ wordBreak: 'break-all' }}>
                    {sent.link}
                  </Code>
                )}
              </Alert>
            )}
            <Group align="flex-end" gap="xs">
              <TextInput
                label={t('auth.email')}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <Select
                label={t('orgAdmin.role')}
                allowDeselect={false}
                data={ROLES.map((r) => ({ value: r, label: t(`orgAdmin.roles.${r}`) }))}
                value={role}
                onChange={(v) => v && setRole(v as Role)}
                data-testid="invite-role"
              />
              <Button onClick={() => void invite()} disabled={!email.includes('@')} data-testid="invite">
                {t('invitations.invite')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** What each role may do, where roles are handed out, so an admin picks the right one. */
export function RoleGuide() {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('roleGuide.title')}
      </Title>
      <Table data-testid="role-guide">
        <Table.Tbody>
          {ROLES.map((role) => (
            <Table.Tr key={role}>
              <Table.Th w={120}>{t(`orgAdmin.roles.${role}`)}</Table.Th>
              <Table.Td>
                <Text size="sm">{t(`roleGuide.${role}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
