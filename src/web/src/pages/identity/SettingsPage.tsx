import { Alert, Button, Card, Select, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { errorMessage } from '../assessments/shared';
import { SsoSettingsCard } from './SsoSettingsCard';

type Organization = ApiSchemas['getOrganization'];
const INDUSTRIES: Organization['industry'][] = [
  'securities',
  'futures',
  'investment_trust_advisory',
  'association',
  'other',
];

export function SettingsPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useApiQuery(['organization', orgId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}', { params: { path: { orgId } }, signal }),
  );
  // The form edits a draft of the organisation as read; saving stores the answer as the new reading.
  const [draft, setOrg] = useState<Organization>();
  const org = draft ?? query.data;
  const [message, setMessage] = useState<{ color: string; text: string }>();

  const save = async () => {
    if (!org) return;
    const { data, error } = await api.PATCH('/api/v1/orgs/{orgId}', {
      params: { path: { orgId } },
      body: {
        name: org.name,
        businessId: org.businessId || null,
        industry: org.industry,
        require2fa: org.require2fa,
      },
    });
    if (data) {
      client.setQueryData(['organization', orgId], data);
      setOrg(undefined);
      setMessage({ color: 'teal', text: t('orgAdmin.saved') });
    } else setMessage({ color: 'red', text: errorMessage(error) });
  };

  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!org) return null;
  return (
    <Stack maw={560}>
      <Title order={2}>{t('orgAdmin.settings')}</Title>
      {message && <Alert color={message.color}>{message.text}</Alert>}
      <Card withBorder>
        <Stack>
          <TextInput
            label={t('auth.organizationName')}
            value={org.name}
            onChange={(e) => setOrg({ ...org, name: e.currentTarget.value })}
          />
          <TextInput
            label={t('orgAdmin.businessId')}
            maxLength={8}
            value={org.businessId ?? ''}
            onChange={(e) => setOrg({ ...org, businessId: e.currentTarget.value || null })}
          />
          <Select
            label={t('auth.industry')}
            allowDeselect={false}
            data={INDUSTRIES.map((value) => ({ value, label: t(`auth.industries.${value}`) }))}
            value={org.industry}
            onChange={(value) => value && setOrg({ ...org, industry: value as Organization['industry'] })}
          />
          <Switch
            label={t('orgAdmin.require2fa')}
            checked={org.require2fa}
            onChange={(e) => setOrg({ ...org, require2fa: e.currentTarget.checked })}
          />
          <Button w="fit-content" onClick={() => void save()}>
            {t('orgAdmin.save')}
          </Button>
        </Stack>
      </Card>
      <SsoSettingsCard orgId={orgId} />
    </Stack>
  );
}
