import { Alert, Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { errorMessage } from '../assessments/shared';
import '../../i18n/invitations';

type Claim = ApiSchemas['listSsoDomainClaims'][number];
const STATUS_COLORS: Record<Claim['status'], string> = {
  pending: 'orange',
  approved: 'teal',
  rejected: 'gray',
};

/** Platform administrators approve or reject an organisation's claim to provision accounts for a domain. */
export function DomainClaimsCard() {
  const { t, i18n } = useTranslation();
  const query = useApiQuery(['platform', 'domain-claims'], (signal) =>
    api.GET('/api/v1/sso-domain-claims', { params: { query: {} }, signal }),
  );
  const claims: Claim[] = query.data ?? [];
  const load = () => query.refetch();
  const [error, setError] = useState<string>();

  const decide = async (domain: string, decision: 'approve' | 'reject') => {
    const { error: failure } = await api.POST('/api/v1/sso-domain-claims/{domain}/decision', {
      params: { path: { domain } },
      body: { decision },
    });
    if (failure) setError(errorMessage(failure));
    await load();
  };

  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('domainClaims.title')}
      </Title>
      {error && <Alert color="red">{error}</Alert>}
      {query.error && <QueryError error={query.error} onRetry={() => void load()} />}
      {claims.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('domainClaims.none')}
        </Text>
      )}
      {claims.length > 0 && (
        <Table data-testid="domain-claims">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('domainClaims.domain')}</Table.Th>
              <Table.Th>{t('domainClaims.organization')}</Table.Th>
              <Table.Th>{t('domainClaims.status')}</Table.Th>
              <Table.Th>{t('domainClaims.requestedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claims.map((c) => (
              <Table.Tr key={`${c.domain}-${c.orgId}`}>
                <Table.Td>{c.domain}</Table.Td>
                <Table.Td>{c.organizationName}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[c.status]}>{t(`domainClaims.statuses.${c.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{new Date(c.requestedAt).toLocaleString(i18n.resolvedLanguage)}</Table.Td>
                <Table.Td>
                  {c.status === 'pending' && (
                    <Group gap={4}>
                      <Button size="xs" onClick={() => void decide(c.domain, 'approve')}>
                        {t('domainClaims.approve')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => void decide(c.domain, 'reject')}>
                        {t('domainClaims.reject')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
