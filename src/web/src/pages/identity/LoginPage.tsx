import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Divider,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { setCsrfToken } from '../../api/csrf';
import { useAuth } from '../../auth/AuthProvider';
import { ENROLMENT_PATH, mustEnrolSecondFactor } from '../../auth/RequireAuth';
import { errorMessage } from '../assessments/shared';
import { SsoSignIn } from './SsoSignIn';
import '../../i18n/sso';

/** Password or single sign-on, then — when enrolled — the TOTP or recovery-code step. */
export function LoginPage() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // An SSO sign-in of a user with TOTP enrolled comes back here for the second factor.
  const [step, setStep] = useState<'password' | 'second'>(
    params.get('secondFactor') === '1' ? 'second' : 'password',
  );
  const [sso, setSso] = useState(false);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const ssoError = /^SSO_[A-Z_]{1,40}$/.test(params.get('ssoError') ?? '') ? params.get('ssoError') : null;
  const [error, setError] = useState<string | undefined>(
    ssoError ? t(`sso.errors.${ssoError}`, { defaultValue: t('sso.errors.generic') }) : undefined,
  );
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/';

  const finish = async () => {
    const session = await refresh();
    // At first sign-in, an admin or approver (or a member of an organisation requiring it) enrols 2FA first.
    navigate(mustEnrolSecondFactor(session) ? `${ENROLMENT_PATH}?enrol=1` : next, { replace: true });
  };

  const submitPassword = async () => {
    setError(undefined);
    const { data, error: failure } = await api.POST('/api/v1/auth/login', { body: { email, password } });
    if (!data) return setError(errorMessage(failure));
    setCsrfToken(data.csrfToken);
    if (data.secondFactorRequired) setStep('second');
    else await finish();
  };

  const submitCode = async () => {
    setError(undefined);
    const body = recovery ? { recoveryCode: code } : { code };
    const { data: rotated, error: failure } = await api.POST('/api/v1/auth/second-factor', { body });
    if (failure) return setError(errorMessage(failure));
    // The session was rotated: its new CSRF token replaces the one from the password step.
    setCsrfToken(rotated.csrfToken);
    await finish();
  };

  return (
    <Center mih="70vh">
      <Card withBorder w={380} padding="lg">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void (step === 'password' ? submitPassword() : submitCode());
          }}
        >
          <Stack>
            <Title order={3}>{step === 'password' ? t('auth.loginTitle') : t('auth.totpTitle')}</Title>
            {error && <Alert color="red">{error}</Alert>}
            {params.get('expired') === '1' && !error && (
              <Alert color="yellow" data-testid="session-expired">
                {t('session.expired')}
              </Alert>
            )}
            {step === 'password' && sso ? null : step === 'password' ? (
              <>
                <Button variant="default" onClick={() => setSso(true)}>
                  {t('sso.useSso')}
                </Button>
                <Divider label={t('sso.or')} labelPosition="center" />
                <TextInput
                  label={t('auth.email')}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  required
                />
                <PasswordInput
                  label={t('auth.password')}
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  required
                />
                <Button type="submit">{t('auth.login')}</Button>
              </>
            ) : (
              <>
                <div>{t('auth.totpHint')}</div>
                <TextInput
                  label={recovery ? t('auth.recoveryCode') : t('auth.code')}
                  autoComplete="one-time-code"
                  inputMode={recovery ? 'text' : 'numeric'}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  required
                />
                <Button type="submit">{t('auth.verify')}</Button>
                <Anchor component="button" type="button" size="sm" onClick={() => setRecovery(!recovery)}>
                  {t('auth.useRecovery')}
                </Anchor>
              </>
            )}
          </Stack>
        </form>
        {step === 'password' && sso && (
          <Stack mt="md">
            <SsoSignIn />
            <Anchor component="button" type="button" size="sm" onClick={() => setSso(false)}>
              {t('sso.usePassword')}
            </Anchor>
          </Stack>
        )}
      </Card>
    </Center>
  );
}
