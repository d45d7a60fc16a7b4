import { Alert, Anchor, Badge, Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import '../../i18n/checks';
import { hostPort } from './shared';

type Entry = ApiSchemas['listCheckCertificates']['items'][number];

const monthOf = (iso: string) =>
  new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Taipei' }).slice(0, 7);

/** Every TLS endpoint's latest certificate by month of expiry, soonest first; the expired and the near in colour. */
export function CertificateCalendarPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [entries, setEntries] = useState<Entry[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    void api
      .GET('/api/v1/orgs/{orgId}/check-certificates', { params: { path: { orgId } } })
      .then(({ data, error: failure }) => (data ? setEntries(data.items) : setError(errorMessage(failure))));
  }, [orgId]);

  if (!entries)
    return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  const months = new Map<string, Entry[]>();
  for (const e of entries) months.set(monthOf(e.notAfter), [...(months.get(monthOf(e.notAfter)) ?? []), e]);
  return (
    <Stack>
      <Title order={2}>{t('checks.calendar.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('checks.calendar.intro')}
      </Text>
      {entries.length === 0 && <Text>{t('checks.calendar.none')}</Text>}
      {[...months].map(([month, list]) => (
        <Card withBorder key={month} data-testid={`calendar-${month}`}>
          <Text fw={600}>{month}</Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('checks.calendar.notAfter')}</Table.Th>
                <Table.Th>{t('checks.calendar.endpoint')}</Table.Th>
                <Table.Th>{t('checks.calendar.daysLeft')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((e) => (
                <Table.Tr key={e.endpointId} data-testid={`certificate-${e.purpose}`}>
                  <Table.Td>
                    {new Date(e.notAfter).toLocaleDateString('sv-SE', { timeZone: 'Asia/Taipei' })}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/orgs/${orgId}/checks/endpoints/${e.endpointId}`}>
                      {e.purpose} · {hostPort(e)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={e.daysToExpiry < 0 ? 'red' : e.daysToExpiry < 30 ? 'orange' : 'teal'}>
                      {e.daysToExpiry < 0
                        ? t('checks.calendar.expired')
                        : t('checks.calendar.days', { count: e.daysToExpiry })}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </Stack>
  );
}
