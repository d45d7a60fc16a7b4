import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { unwrap } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { useAssignableMembers } from '../assessments/useAssignableMembers';
import '../../i18n/audit';

type Verification = ApiSchemas['verifyAuditChain'];

/** The organisation's audit trail, newest first, with a filter, CSV export and chain verification. */
export function AuditPage() {
  const { orgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const members = useAssignableMembers(orgId);
  const nameOf = (userId: string | null) => members.find((m) => m.value === userId)?.label ?? userId;
  // Dates are chosen in Taiwan time (UTC+8): a day runs from 00:00 to 24:00 there.
  const filters = useMemo(
    () => ({
      ...(action ? { action } : {}),
      ...(actor ? { actor } : {}),
      ...(from ? { from: new Date(`${from}T00:00:00+08:00`).toISOString() } : {}),
      ...(to ? { to: new Date(`${to}T23:59:59.999+08:00`).toISOString() } : {}),
    }),
    [action, actor, from, to],
  );
  const [verification, setVerification] = useState<Verification>();

  // Pages of 100, newest first; "more" follows the server's nextCursor (null on the last page).
  const pages = useInfiniteQuery({
    queryKey: ['audit', orgId, filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/audit', {
          params: {
            path: { orgId },
            query: { limit: 100, ...filters, ...(pageParam ? { before: pageParam } : {}) },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];

  const verify = async () => {
    const { data } = await api.GET('/api/v1/orgs/{orgId}/audit/verify', { params: { path: { orgId } } });
    setVerification(data);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Group>
          <Button variant="default" onClick={() => void verify()}>
            {t('audit.verify')}
          </Button>
          <Anchor href={`/api/v1/orgs/${orgId}/audit/export.csv?${new URLSearchParams(filters).toString()}`}>
            {t('audit.export')}
          </Anchor>
        </Group>
      </Group>
      {verification && (
        <Alert color={verification.intact ? 'teal' : 'red'}>
          {verification.intact
            ? t('audit.intact', { count: verification.entries })
            : t('audit.broken', { seq: (verification.firstBreak as { seq?: number } | null)?.seq ?? '?' })}
        </Alert>
      )}
      <Group align="flex-end">
        <TextInput
          label={t('audit.filterAction')}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          maw={240}
        />
        <Select
          label={t('audit.filterActor')}
          placeholder={t('audit.anyone')}
          data={members}
          value={actor}
          onChange={setActor}
          clearable
          searchable
          maw={240}
        />
        <TextInput
          type="date"
          label={t('audit.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      {pages.error && <QueryError error={pages.error} onRetry={() => void pages.refetch()} />}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
            <Table.Th>{t('audit.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq}>
              <Table.Td>{entry.seq}</Table.Td>
              <Table.Td>{new Date(entry.at).toLocaleString(i18n.resolvedLanguage)}</Table.Td>
              <Table.Td title={entry.action}>
                {t(`auditLabels.actions.${entry.action.replaceAll('.', '_')}`, {
                  defaultValue: entry.action,
                })}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{nameOf(entry.actorUserId)}</Text>
              </Table.Td>
              <Table.Td>{entry.ip}</Table.Td>
              <Table.Td>
                <Text size="xs" title={entry.targetId ?? undefined}>
                  {entry.targetType &&
                    t(`auditLabels.targets.${entry.targetType}`, { defaultValue: entry.targetType })}{' '}
                  {entry.targetId?.slice(0, 8)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages.hasNextPage && (
        <Button
          variant="subtle"
          loading={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
          data-testid="audit-more"
        >
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
}
