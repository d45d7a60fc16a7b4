import { Alert, Button, Card, Code, Group, MultiSelect, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { paths } from '../../api/schema';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';

type Token = ApiSchemas['listMyTokens'][number];
type Permission =
  paths['/api/v1/me/tokens']['post']['requestBody']['content']['application/json']['permissions'][number];
const PERMISSIONS: Permission[] = [
  'assessment:read',
  'assessment:write',
  'evidence:write',
  'report:export',
  'provider:read',
  'provider:write',
];

/** Personal API tokens: one organisation, a subset of permissions, an expiry; the secret shows once. */
export function TokensCard() {
  const { t } = useTranslation();
  const { currentOrgId } = useAuth();
  const query = useApiQuery(['me', 'tokens'], (signal) => api.GET('/api/v1/me/tokens', { signal }));
  const tokens: Token[] = query.data ?? [];
  const load = () => query.refetch();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>(['assessment:read']);
  const [expires, setExpires] = useState(() =>
    new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
  );
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();

  const create = async () => {
    if (!currentOrgId) return;
    const { data, error: failure } = await api.POST('/api/v1/me/tokens', {
      body: {
        orgId: currentOrgId,
        name,
        permissions: permissions as Permission[],
        expiresAt: new Date(`${expires}T23:59:59+08:00`).toISOString(),
      },
    });
    if (data) setSecret(data.secret);
    else setError(errorMessage(failure));
    await load();
  };

  const revoke = async (tokenId: string) => {
    await api.DELETE('/api/v1/me/tokens/{tokenId}', { params: { path: { tokenId } } });
    await load();
  };

  return (
    <Card withBorder>
      <Text fw={600}>{t('profile.tokens')}</Text>
      {error && <Alert color="red">{error}</Alert>}
      {secret && (
        <Alert color="blue" title={t('profile.tokenSecret')}>
          <Code>{secret}</Code>
        </Alert>
      )}
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('profile.tokenName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <MultiSelect
          label={t('profile.tokenPermissions')}
          data={PERMISSIONS}
          value={permissions}
          onChange={setPermissions}
        />
        <TextInput
          type="date"
          label={t('profile.tokenExpires')}
          value={expires}
          onChange={(e) => setExpires(e.currentTarget.value)}
        />
        <Button onClick={() => void create()} disabled={!name || permissions.length === 0 || !currentOrgId}>
          {t('profile.createToken')}
        </Button>
      </Group>
      <Table mt="xs">
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>{token.name}</Table.Td>
              <Table.Td>{token.permissions.join(', ')}</Table.Td>
              <Table.Td>{token.expiresAt.slice(0, 10)}</Table.Td>
              <Table.Td>
                {token.revokedAt ? (
                  '—'
                ) : (
                  <Button size="xs" variant="subtle" onClick={() => void revoke(token.id)}>
                    {t('profile.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
