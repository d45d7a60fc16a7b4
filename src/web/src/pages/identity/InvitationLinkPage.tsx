import { Alert, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';
import '../../i18n/invitations';

/**
 * The invitation link: who invites whom, in which role. Signed in as the invited address, join with one
 * click; otherwise sign in first (and come back here), or create an account with a password.
 */
export function InvitationLinkPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { session, refresh, setCurrentOrgId } = useAuth();
  const navigate = useNavigate();
  const here = useLocation().pathname;
  const query = useApiQuery(['invitation-link', token], (signal) =>
    api.GET('/api/v1/invitations/{token}', { params: { path: { token } }, signal }),
  );
  const view = query.data;
  const [actionError, setError] = useState<string>();
  const error = actionError ?? query.error?.message;
  const [done, setDone] = useState<string>();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  const accept = async () => {
    const { data, error: failure } = await api.POST('/api/v1/invitations/{token}/accept', {
      params: { path: { token } },
    });
    if (!data) return setError(errorMessage(failure));
    await refresh();
    setCurrentOrgId(data.orgId);
    navigate(`/orgs/${data.orgId}/assessments`);
  };

  const register = async () => {
    const { data, error: failure } = await api.POST('/api/v1/invitations/{token}/register', {
      params: { path: { token } },
      body: { name, password },
    });
    if (!data) return setError(errorMessage(failure));
    setDone(t('invitations.registered'));
  };

  const signedInAs = session?.authenticated ? session.user?.email : undefined;
  return (
    <Center mih="60vh">
      <Card withBorder w={440} maw="100%" padding="lg">
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          {done && (
            <Alert color="teal" data-testid="invitation-done">
              {done}{' '}
              <Link to={`/login?next=${encodeURIComponent('/me/invitations')}`}>
                {t('invitations.signIn')}
              </Link>
            </Alert>
          )}
          {view && !done && (
            <>
              <Title order={3}>{t('invitations.linkTitle', { name: view.organizationName })}</Title>
              <Text size="sm">
                {t('invitations.linkBody', {
                  email: view.email,
                  role: t(`orgAdmin.roles.${view.role}`),
                  name: view.organizationName,
                })}
              </Text>
              {signedInAs && signedInAs.toLowerCase() === view.email.toLowerCase() && (
                <Button onClick={() => void accept()} data-testid="invitation-accept">
                  {t('invitations.accept')}
                </Button>
              )}
              {signedInAs && signedInAs.toLowerCase() !== view.email.toLowerCase() && (
                <Alert color="yellow">
                  {t('invitations.wrongAccount', { current: signedInAs, email: view.email })}
                </Alert>
              )}
              {!signedInAs && (
                <>
                  <Text size="sm">
                    {t('invitations.signInToAccept', { email: view.email })}{' '}
                    <Link to={`/login?next=${encodeURIComponent(here)}`}>{t('invitations.signIn')}</Link>
                  </Text>
                  <Title order={5}>{t('invitations.register')}</Title>
                  <TextInput
                    label={t('auth.name')}
                    value={name}
                    onChange={(e) => setName(e.currentTarget.value)}
                  />
                  <PasswordInput
                    label={t('invitations.password')}
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                    autoComplete="new-password"
                  />
                  <Button
                    onClick={() => void register()}
                    disabled={!name.trim() || password.length < 12}
                    data-testid="invitation-register"
                  >
                    {t('invitations.register')}
                  </Button>
                </>
              )}
            </>
          )}
        </Stack>
      </Card>
    </Center>
  );
}
