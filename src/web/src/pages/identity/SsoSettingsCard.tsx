import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { errorMessage } from '../assessments/shared';
import '../../i18n/sso';

type SsoSettings = ApiSchemas['getSsoSettings'];
type Role = SsoSettings['domains'][number]['role'];
const ROLES: Role[] = ['admin', 'assessor', 'reviewer', 'approver', 'auditor', 'viewer'];

/** The organisation's OpenID Connect settings; the client secret is write-only. */
export function SsoSettingsCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useApiQuery(['sso', orgId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/sso', { params: { path: { orgId } }, signal }),
  );
  // Edits go to a draft of the settings as read; a save makes the answer the new reading.
  const [draft, setSettings] = useState<SsoSettings>();
  const settings = draft ?? query.data;
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<{ color: string; text: string }>();

  const save = async () => {
    if (!settings) return;
    const { data, error } = await api.PUT('/api/v1/orgs/{orgId}/sso', {
      params: { path: { orgId } },
      body: {
        enabled: settings.enabled,
        issuer: settings.issuer,
        clientId: settings.clientId,
        ...(secret ? { clientSecret: secret } : {}),
        domains: settings.domains.map(({ domain, role }) => ({ domain, role })),
        version: settings.version,
      },
    });
    if (data) {
      client.setQueryData(['sso', orgId], data);
      setSettings(undefined);
      setSecret('');
      setMessage({ color: 'teal', text: t('sso.saved') });
    } else setMessage({ color: 'red', text: errorMessage(error) });
  };

  if (!settings) return null;
  const setDomain = (index: number, patch: Partial<SsoSettings['domains'][number]>) =>
    setSettings({
      ...settings,
      domains: settings.domains.map((d, i) => (i === index ? { ...d, ...patch } : d)),
    });

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('sso.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('sso.intro')}
        </Text>
        {message && <Alert color={message.color}>{message.text}</Alert>}
        <Switch
          label={t('sso.enabled')}
          checked={settings.enabled}
          onChange={(e) => setSettings({ ...settings, enabled: e.currentTarget.checked })}
        />
        <TextInput
          label={t('sso.issuer')}
          description={t('sso.issuerHint')}
          type="url"
          value={settings.issuer}
          onChange={(e) => setSettings({ ...settings, issuer: e.currentTarget.value })}
        />
        <TextInput
          label={t('sso.clientId')}
          value={settings.clientId}
          onChange={(e) => setSettings({ ...settings, clientId: e.currentTarget.value })}
        />
        <PasswordInput
          label={t('sso.clientSecret')}
          description={settings.hasClientSecret ? t('sso.clientSecretSet') : t('sso.clientSecretMissing')}
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.currentTarget.value)}
        />
        <div>
          <Text size="sm">{t('sso.redirectUri')}</Text>
          <Code>{`${window.location.origin}/api/v1/auth/sso/callback`}</Code>
        </div>
        <Text size="sm" fw={500}>
          {t('sso.domains')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('sso.claim.help')}
        </Text>
        {settings.domains.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id of their own
          <Group key={index} align="flex-end">
            <TextInput
              label={t('sso.domain')}
              placeholder="example.com"
              value={entry.domain}
              onChange={(e) => setDomain(index, { domain: e.currentTarget.value })}
            />
            <Select
              label={t('sso.defaultRole')}
              allowDeselect={false}
              data={ROLES.map((value) => ({ value, label: t(`orgAdmin.roles.${value}`) }))}
              value={entry.role}
              onChange={(value) => value && setDomain(index, { role: value as Role })}
            />
            <Badge
              color={{ approved: 'green', pending: 'yellow', rejected: 'red' }[entry.claim]}
              variant="light"
              mb={6}
            >
              {t(`sso.claim.${entry.claim}`)}
            </Badge>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('sso.removeDomain')}
              title={t('sso.removeDomain')}
              onClick={() =>
                setSettings({ ...settings, domains: settings.domains.filter((_, i) => i !== index) })
              }
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() =>
              setSettings({
                ...settings,
                domains: [...settings.domains, { domain: '', role: 'viewer', claim: 'pending' }],
              })
            }
          >
            {t('sso.addDomain')}
          </Button>
          <Button onClick={() => void save()}>{t('sso.save')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
