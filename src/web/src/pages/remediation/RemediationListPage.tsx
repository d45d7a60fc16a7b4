import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery, useApiMutation } from '../../api/query';
import { ActionButton } from '../../app/abilities';
import { QueryError } from '../../app/QueryError';
import { useAuth } from '../../auth/AuthProvider';
import { type Remediation, SOURCES, STATUS_COLORS, STATUSES, useMembers } from './shared';
import '../../i18n/remediation';

type Status = (typeof STATUSES)[number];
type Source = (typeof SOURCES)[number];

/** The plan of action: every item with owner, status and deadline; filters by owner, status, due, source. */
export function RemediationListPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const { session } = useAuth();
  const { members, nameOf } = useMembers(orgId);
  const [owner, setOwner] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [dueBefore, setDueBefore] = useState('');
  const [creating, setCreating] = useState(false);
  const ownerId = mine ? (session?.user?.id ?? undefined) : (owner ?? undefined);
  const filters = { ownerId, status: status ?? undefined, sourceKind: source ?? undefined, dueBefore };
  const list = useApiListQuery<Remediation, ApiSchemas['listRemediation']>(
    ['remediation', orgId, 'list', filters],
    (cursor, signal) => fetchPage(cursor, signal),
  );
  function fetchPage(cursor: string | undefined, signal: AbortSignal) {
    return api.GET('/api/v1/orgs/{orgId}/remediation', {
      params: {
        path: { orgId },
        query: {
          limit: 100,
          ...(cursor ? { cursor } : {}),
          ...(ownerId ? { ownerId } : {}),
          ...(status ? { status } : {}),
          ...(source ? { sourceKind: source } : {}),
          ...(/^\d{4}-\d{2}-\d{2}$/.test(dueBefore) ? { dueBefore } : {}),
        },
      },
      signal,
    });
  }
  const base = `/orgs/${orgId}/remediation`;
  const items = list.data?.items;
  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2}>{t('remediation.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('remediation.intro')}
          </Text>
        </Stack>
        <ActionButton
          ability={list.data?.first.abilities.create}
          hideForRole
          onClick={() => setCreating(true)}
          testId="remediation-create"
        >
          {t('remediation.create')}
        </ActionButton>
      </Group>
      <Group align="end" wrap="wrap">
        <Select
          label={t('remediation.filters.owner')}
          placeholder={t('remediation.filters.any')}
          data={members.map((m) => ({ value: m.userId, label: m.displayName }))}
          value={owner}
          onChange={setOwner}
          disabled={mine}
          clearable
          searchable
        />
        <Select
          label={t('remediation.filters.status')}
          placeholder={t('remediation.filters.any')}
          data={STATUSES.map((s) => ({ value: s, label: t(`remediation.status.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as Status | null)}
          clearable
          data-testid="filter-status"
        />
        <Select
          label={t('remediation.filters.source')}
          placeholder={t('remediation.filters.any')}
          data={SOURCES.map((s) => ({ value: s, label: t(`remediation.source.${s}`) }))}
          value={source}
          onChange={(v) => setSource(v as Source | null)}
          clearable
        />
        <TextInput
          type="date"
          label={t('remediation.filters.dueBefore')}
          value={dueBefore}
          onChange={(e) => setDueBefore(e.currentTarget.value)}
        />
        <Checkbox
          label={t('remediation.filters.mine')}
          checked={mine}
          onChange={(e) => setMine(e.currentTarget.checked)}
          data-testid="filter-mine"
        />
      </Group>
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {items?.length === 0 && <Text c="dimmed">{t('remediation.empty')}</Text>}
      {items && items.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('remediation.count', { count: items.length })}
          </Text>
          {/* On a phone each item is a card; the table needs the width of a desk. */}
          <Stack gap="xs" hiddenFrom="sm" data-testid="remediation-cards">
            {items.map((item) => (
              <Card key={item.id} withBorder padding="sm">
                <Anchor component={Link} to={`${base}/${item.id}`} fw={600} size="sm">
                  {item.title}
                </Anchor>
                <Group gap="xs" mt={4}>
                  <Badge color={STATUS_COLORS[item.status]} variant="light" size="sm">
                    {t(`remediation.status.${item.status}`)}
                  </Badge>
                  {item.overdue && (
                    <Badge color="red" size="sm">
                      {t('remediation.overdue')}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {item.plannedCompletion ?? '—'} ·{' '}
                    {item.ownerId ? nameOf(item.ownerId) : t('remediation.unassigned')}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>
          <Table.ScrollContainer minWidth={640} visibleFrom="sm">
            <Table striped data-testid="remediation-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('remediation.columns.title')}</Table.Th>
                  <Table.Th>{t('remediation.columns.owner')}</Table.Th>
                  <Table.Th>{t('remediation.columns.status')}</Table.Th>
                  <Table.Th>{t('remediation.columns.due')}</Table.Th>
                  <Table.Th>{t('remediation.columns.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`${base}/${item.id}`}>
                        {item.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{item.ownerId ? nameOf(item.ownerId) : t('remediation.unassigned')}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[item.status]} variant="light">
                        {t(`remediation.status.${item.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {item.plannedCompletion ?? '—'}{' '}
                      {item.overdue && (
                        <Badge color="red" size="sm">
                          {t('remediation.overdue')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`remediation.source.${item.source.kind}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <CreateModal orgId={orgId} opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function CreateModal({ orgId, opened, onClose }: { orgId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { members } = useMembers(orgId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [planned, setPlanned] = useState('');
  const create = useApiMutation(
    () =>
      api.POST('/api/v1/orgs/{orgId}/remediation', {
        params: { path: { orgId } },
        body: {
          title,
          description,
          ownerId,
          plannedCompletion: planned || null,
        },
      }),
    { invalidates: [['remediation', orgId]] },
  );
  return (
    <Modal opened={opened} onClose={onClose} title={t('remediation.create')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined, {
            onSuccess: (item) => navigate(`/orgs/${orgId}/remediation/${item.id}`),
          });
        }}
      >
        <Stack>
          <TextInput
            required
            label={t('remediation.fields.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t('remediation.fields.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Select
            label={t('remediation.fields.owner')}
            data={members.map((m) => ({ value: m.userId, label: m.displayName }))}
            value={ownerId}
            onChange={setOwnerId}
            clearable
          />
          <TextInput
            type="date"
            label={t('remediation.fields.plannedCompletion')}
            value={planned}
            onChange={(e) => setPlanned(e.currentTarget.value)}
          />
          {create.error && <Text c="red">{create.error.message}</Text>}
          <Button type="submit" loading={create.isPending}>
            {t('remediation.create')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
