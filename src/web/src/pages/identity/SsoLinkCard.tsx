import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';
import '../../i18n/invitations';

/**
 * Linking this account to an organisation's identity provider happens only from a signed-in session (a
 * CSRF-checked POST), never by matching e-mail addresses at SSO sign-in.
 */
export function SsoLinkCard() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const [error, setError] = useState<string>();
  const memberships = session?.memberships ?? [];
  if (memberships.length === 0) return null;

  const start = async (orgId: string) => {
    const { data, error: failure } = await api.POST('/api/v1/me/sso-links', { body: { orgId } });
    if (data) window.location.assign(data.url);
    else setError(errorMessage(failure));
  };

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('invitations.ssoLink')}</Title>
        <Text size="sm" c="dimmed">
          {t('invitations.ssoLinkHint')}
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        {memberships.map((m) => (
          <Group key={m.orgId} justify="space-between">
            <Text size="sm">{m.name}</Text>
            <Button size="xs" variant="light" onClick={() => void start(m.orgId)}>
              {t('invitations.ssoLinkStart')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
