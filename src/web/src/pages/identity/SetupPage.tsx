import { Alert, Button, Card, Center, PasswordInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { setCsrfToken } from '../../api/csrf';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';

const INDUSTRIES = ['securities', 'futures', 'investment_trust_advisory', 'association', 'other'] as const;

/** The one-time link printed at first start: creates the first platform administrator and their organisation. */
export function SetupPage() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form, setForm] = useState({
    email: '',
    name: '',
    password: '',
    organizationName: '',
    industry: 'securities' as (typeof INDUSTRIES)[number],
  });
  const [error, setError] = useState<string>();

  const submit = async () => {
    const { error: failure } = await api.POST('/api/v1/setup', { body: { token, ...form } });
    if (failure) return setError(errorMessage(failure));
    const login = await api.POST('/api/v1/auth/login', {
      body: { email: form.email, password: form.password },
    });
    if (login.data) setCsrfToken(login.data.csrfToken);
    await refresh();
    navigate('/profile');
  };

  return (
    <Center mih="70vh">
      <Card withBorder w={460} padding="lg">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <Title order={3}>{t('auth.setupTitle')}</Title>
            {!token && <Alert color="orange">{t('auth.setupMissingToken')}</Alert>}
            {error && <Alert color="red">{error}</Alert>}
            <TextInput
              label={t('auth.name')}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              required
            />
            <TextInput
              label={t('auth.email')}
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
              required
            />
            <PasswordInput
              label={t('auth.password')}
              description={t('auth.passwordHint')}
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              required
            />
            <TextInput
              label={t('auth.organizationName')}
              value={form.organizationName}
              onChange={(e) => setForm({ ...form, organizationName: e.currentTarget.value })}
              required
            />
            <Select
              label={t('auth.industry')}
              allowDeselect={false}
              data={INDUSTRIES.map((value) => ({ value, label: t(`auth.industries.${value}`) }))}
              value={form.industry}
              onChange={(value) =>
                value && setForm({ ...form, industry: value as (typeof INDUSTRIES)[number] })
              }
            />
            <Button type="submit" disabled={!token}>
              {t('auth.setupSubmit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
