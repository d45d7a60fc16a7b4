import { Alert, Anchor, Button, Card, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';
import { DomainClaimsCard } from './DomainClaimsCard';

type Organization = ApiSchemas['listOrganizations'][number];
const INDUSTRIES = ['securities', 'futures', 'investment_trust_advisory', 'association', 'other'] as const;

/** Platform administrators: every organisation (tenant) on this installation, and creating new ones. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const { session, refresh } = useAuth();
  const query = useApiQuery(['platform', 'organizations'], (signal) => api.GET('/api/v1/orgs', { signal }));
  const organizations: Organization[] = query.data ?? [];
  const load = () => query.refetch();
  const [name, setName] = useState('');
  const [businessId, setBusinessId] = useState('');
  const [industry, setIndustry] = useState<(typeof INDUSTRIES)[number]>('securities');
  const [error, setError] = useState<string>();

  const create = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs', {
      body: { name, industry, ...(businessId ? { businessId } : {}) },
    });
    if (failure) {
      setError(errorMessage(failure));
      return;
    }
    setName('');
    setBusinessId('');
    setError(undefined);
    await Promise.all([load(), refresh()]);
  };

  const member = (orgId: string) => session?.memberships.some((m) => m.orgId === orgId);
  return (
    <Stack>
      <Title order={2}>{t('platform.title')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {query.error && <QueryError error={query.error} onRetry={() => void load()} />}
      <Card withBorder>
        <Group align="flex-end">
          <TextInput
            label={t('platform.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t('orgAdmin.businessId')}
            value={businessId}
            maxLength={8}
            onChange={(e) => setBusinessId(e.currentTarget.value)}
          />
          <Select
            label={t('platform.industry')}
            data={INDUSTRIES.map((value) => ({ value, label: t(`platform.industries.${value}`) }))}
            value={industry}
            onChange={(value) => value && setIndustry(value as (typeof INDUSTRIES)[number])}
            allowDeselect={false}
          />
          <Button onClick={() => void create()} disabled={!name.trim()} data-testid="org-create">
            {t('platform.create')}
          </Button>
        </Group>
      </Card>
      <Table striped data-testid="org-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('platform.name')}</Table.Th>
            <Table.Th>{t('orgAdmin.businessId')}</Table.Th>
            <Table.Th>{t('platform.industry')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {organizations.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Td>
                {member(org.id) ? (
                  <Anchor component={Link} to={`/orgs/${org.id}/assessments`}>
                    {org.name}
                  </Anchor>
                ) : (
                  org.name
                )}
              </Table.Td>
              <Table.Td>{org.businessId ?? '—'}</Table.Td>
              <Table.Td>{t(`platform.industries.${org.industry}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <DomainClaimsCard />
    </Stack>
  );
}
