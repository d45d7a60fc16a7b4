import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Image,
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
import { useAuth } from '../../auth/AuthProvider';
import { mustEnrolSecondFactor } from '../../auth/RequireAuth';
import { errorMessage } from '../assessments/shared';
import { SsoLinkCard } from './SsoLinkCard';
import { TokensCard } from './TokensCard';

type Enrolment = ApiSchemas['beginTotpEnrolment'];
type Sessions = ApiSchemas['listMySessions'];

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { session, refresh } = useAuth();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const sessionsQuery = useApiQuery(['me', 'sessions'], (signal) =>
    api.GET('/api/v1/me/sessions', { signal }),
  );
  const sessions: Sessions = sessionsQuery.data ?? [];
  const loadSessions = () => sessionsQuery.refetch();
  const [error, setError] = useState<string>();

  const begin = async () => {
    const { data, error: failure } = await api.POST('/api/v1/me/totp/enrolment');
    if (data) setEnrolment(data);
    else setError(errorMessage(failure));
  };
  const confirm = async () => {
    const { data, error: failure } = await api.POST('/api/v1/me/totp/confirm', { body: { code } });
    if (!data) return setError(errorMessage(failure));
    setRecoveryCodes(data.recoveryCodes);
    setEnrolment(undefined);
    await refresh();
  };
  const revoke = async (id: string) => {
    await api.DELETE('/api/v1/me/sessions/{sessionId}', { params: { path: { sessionId: id } } });
    await loadSessions();
  };
  const logoutEverywhere = async () => {
    await api.POST('/api/v1/me/sessions/revoke-all');
    await refresh();
  };

  const user = session?.user;
  const twoFactorRequired = mustEnrolSecondFactor(session);
  return (
    <Stack maw={820}>
      <Title order={2}>{t('profile.title')}</Title>
      <Text>
        {user?.displayName} · {user?.email}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      <Card withBorder>
        <Group justify="space-between">
          <Text fw={600}>{t('profile.twoFactor')}</Text>
          <Badge color={user?.totpEnabled ? 'teal' : 'gray'} data-testid="totp-status">
            {user?.totpEnabled ? t('profile.enabled') : t('profile.disabled')}
          </Badge>
        </Group>
        {twoFactorRequired && (
          <Alert color="orange" mt="xs" data-testid="enrolment-required">
            {t('profile.required')}
          </Alert>
        )}
        {!user?.totpEnabled && !enrolment && (
          <Button mt="sm" w="fit-content" onClick={() => void begin()}>
            {t('profile.enrol')}
          </Button>
        )}
        {enrolment && (
          <Stack mt="sm" gap="xs">
            <Text size="sm">{t('profile.scan')}</Text>
            <Image src={enrolment.qrDataUrl} w={180} alt="TOTP QR code" />
            <Text size="xs">
              {t('profile.secret')}: <Code data-testid="totp-secret">{enrolment.secret}</Code>
            </Text>
            <Group align="flex-end">
              <TextInput
                label={t('auth.code')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                inputMode="numeric"
              />
              <Button onClick={() => void confirm()}>{t('profile.confirm')}</Button>
            </Group>
          </Stack>
        )}
        {recoveryCodes && (
          <Alert color="blue" mt="sm" title={t('profile.recoveryCodes')}>
            <Code block>{recoveryCodes.join('\n')}</Code>
          </Alert>
        )}
      </Card>
      <Card withBorder>
        <Group justify="space-between">
          <Text fw={600}>{t('profile.sessions')}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void logoutEverywhere()}>
            {t('profile.logoutEverywhere')}
          </Button>
        </Group>
        <Table>
          <Table.Tbody>
            {sessions.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{new Date(s.lastSeenAt).toLocaleString(i18n.resolvedLanguage)}</Table.Td>
                <Table.Td>{s.ip}</Table.Td>
                <Table.Td>
                  <Text size="xs" lineClamp={1}>
                    {s.userAgent}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {s.current ? (
                    <Badge>{t('profile.current')}</Badge>
                  ) : (
                    <Button size="xs" variant="subtle" onClick={() => void revoke(s.id)}>
                      {t('profile.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <TokensCard />
      <SsoLinkCard />
    </Stack>
  );
}
