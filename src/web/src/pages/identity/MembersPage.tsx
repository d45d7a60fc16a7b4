import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';

type Member = ApiSchemas['listMembers'][number];
const ROLES: Member['role'][] = ['admin', 'assessor', 'reviewer', 'approver', 'auditor', 'viewer'];

/** Organisation admins manage who belongs and in which role. */
export function MembersPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [members, setMembers] = useState<Member[]>([]);
  const [draft, setDraft] = useState({
    email: '',
    name: '',
    role: 'assessor' as Member['role'],
    password: '',
  });
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/members', {
      params: { path: { orgId } },
    });
    if (data) setMembers(data);
    else setError(errorMessage(failure));
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/members', {
      params: { path: { orgId } },
      body: {
        email: draft.email,
        name: draft.name || undefined,
        role: draft.role,
        password: draft.password || undefined,
      },
    });
    if (failure) setError(errorMessage(failure));
    else setDraft({ email: '', name: '', role: 'assessor', password: '' });
    await load();
  };

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
      <Table>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td>{m.displayName}</Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
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
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => void remove(m.userId)}>
                  {t('orgAdmin.remove')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Card withBorder>
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('auth.email')}
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
          />
          <TextInput
            label={t('auth.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
          <Select
            label={t('orgAdmin.role')}
            allowDeselect={false}
            data={roleOptions}
            value={draft.role}
            onChange={(v) => v && setDraft({ ...draft, role: v as Member['role'] })}
          />
          <PasswordInput
            label={t('orgAdmin.initialPassword')}
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.currentTarget.value })}
          />
          <Button onClick={() => void add()} disabled={!draft.email}>
            {t('orgAdmin.addMember')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
