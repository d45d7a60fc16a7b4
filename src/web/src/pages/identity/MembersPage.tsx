import { Alert, Badge, Button, Select, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';
import { InvitationsCard, ROLES, RoleGuide } from './InvitationsCard';

type Member = ApiSchemas['listMembers'][number];

/** Organisation admins manage who belongs and in which role. */
export function MembersPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const { session } = useAuth();
  const canManage = session?.memberships.find((m) => m.orgId === orgId)?.role === 'admin';
  const query = useApiQuery(['members', orgId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/members', { params: { path: { orgId } }, signal }),
  );
  const members: Member[] = query.data ?? [];
  const load = () => query.refetch();
  const [error, setError] = useState<string>();

  const changeRole = async (userId: string, role: Member['role']) => {
    const { error: failure } = await api.PATCH('/api/v1/orgs/{orgId}/members/{userId}', {
      params: { path: { orgId, userId } },
      body: { role },
    });
    if (failure) setError(errorMessage(failure));
    await load();
  };

  const remove = async (userId: string) => {
    const { error: failure } = await api.DELETE('/api/v1/orgs/{orgId}/members/{userId}', {
      params: { path: { orgId, userId } },
    });
    if (failure) setError(errorMessage(failure));
    await load();
  };

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`orgAdmin.roles.${r}`) }));
  return (
    <Stack>
      <Title order={2}>{t('orgAdmin.members')}</Title>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      {query.error && <QueryError error={query.error} onRetry={() => void load()} />}
      <Table>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td>{m.displayName}</Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  disabled={!canManage}
                  aria-label={t('orgAdmin.role')}
                  allowDeselect={false}
                  data={roleOptions}
                  value={m.role}
                  onChange={(v) => v && void changeRole(m.userId, v as Member['role'])}
                />
              </Table.Td>
              <Table.Td>
                <Badge color={m.totpEnabled ? 'teal' : 'gray'} variant="light">
                  {m.totpEnabled ? t('orgAdmin.twoFactorOn') : t('orgAdmin.twoFactorOff')}
                </Badge>
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => void remove(m.userId)}>
                    {t('orgAdmin.remove')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <InvitationsCard orgId={orgId} canManage={canManage} />
      <RoleGuide />
    </Stack>
  );
}
