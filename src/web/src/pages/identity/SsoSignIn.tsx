import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import '../../i18n/sso';

type Provider = ApiSchemas['findSsoProviders']['providers'][number];

/** Finds the organisation's identity provider by e-mail domain and hands the browser over to it. */
export function SsoSignIn() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [choices, setChoices] = useState<Provider[]>();
  const [error, setError] = useState<string>();

  const go = (orgId: string) => window.location.assign(`/api/v1/auth/sso/${encodeURIComponent(orgId)}/start`);

  const find = async () => {
    setError(undefined);
    setChoices(undefined);
    const { data, error: failure } = await api.GET('/api/v1/auth/sso/providers', {
      params: { query: { email } },
    });
    if (!data) return setError(errorMessage(failure));
    if (data.providers.length === 0) return setError(t('sso.noProvider'));
    if (data.providers.length === 1) return go(data.providers[0]!.orgId);
    setChoices(data.providers);
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void find();
      }}
    >
      <Stack>
        <Text size="sm">{t('sso.ssoEmailHint')}</Text>
        {error && <Alert color="red">{error}</Alert>}
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          required
        />
        <Button type="submit">{t('sso.continue')}</Button>
        {choices && (
          <Stack gap="xs">
            <Text size="sm">{t('sso.chooseProvider')}</Text>
            {choices.map((choice) => (
              <Button key={choice.orgId} variant="light" onClick={() => go(choice.orgId)}>
                {choice.name}
              </Button>
            ))}
          </Stack>
        )}
      </Stack>
    </form>
  );
}
