import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { operations } from '../../api/schema';
import { errorMessage } from '../assessments/shared';
import { RateBar } from './RateBar';
import '../../i18n/campaigns';

type Ok<K extends keyof operations> = operations[K]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : never;
type Member = Ok<'listAssociationMembers'>[number];
type Campaign = Ok<'listCampaigns'>[number];
type Board = Ok<'getCampaignBoard'>['members'][number];
type Segment = Ok<'getCampaignAggregates'>['segments'][number];
type Remindable = Ok<'remindCampaignMembers'>['participants'][number]['status'];
const REMINDABLE: Remindable[] = ['not_started', 'in_progress', 'late'];

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

/** The association's page: members by invitation, campaigns, the progress board and anonymised aggregates. */
export function AssociationCampaignsPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [members, setMembers] = useState<Member[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [board, setBoard] = useState<Board[]>([]);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [businessId, setBusinessId] = useState('');
  const [sizeBand, setSizeBand] = useState<string | null>('large');
  const [form, setForm] = useState({ name: '', period: '115年度', deadline: '', kThreshold: 5 });
  const [error, setError] = useState<string>();
  const [remindStatuses, setRemindStatuses] = useState<string[]>(['not_started', 'in_progress', 'late']);
  const [reminded, setReminded] = useState<string>();

  const load = useCallback(async () => {
    const path = { orgId };
    const [m, c] = await Promise.all([
      api.GET('/api/v1/orgs/{orgId}/association/members', { params: { path } }),
      api.GET('/api/v1/orgs/{orgId}/campaigns', { params: { path } }),
    ]);
    if (m.data) setMembers(m.data);
    if (c.data) setCampaigns(c.data);
    if (m.error ?? c.error) setError(errorMessage(m.error ?? c.error));
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!selected) return;
    const path = { orgId, campaignId: selected };
    void Promise.all([
      api.GET('/api/v1/orgs/{orgId}/campaigns/{campaignId}', { params: { path } }),
      api.GET('/api/v1/orgs/{orgId}/campaigns/{campaignId}/aggregates', { params: { path } }),
    ]).then(([b, a]) => {
      if (b.data) setBoard(b.data.members);
      if (a.data) setSegments(a.data.segments);
    });
  }, [orgId, selected]);

  const invite = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/association/members', {
      params: { path: { orgId } },
      body: { businessId, sizeBand: (sizeBand as Member['sizeBand']) ?? null },
    });
    setError(failure ? errorMessage(failure) : undefined);
    if (!failure) setBusinessId('');
    await load();
  };
  const create = async () => {
    const { data, error: failure } = await api.POST('/api/v1/orgs/{orgId}/campaigns', {
      params: { path: { orgId } },
      body: {
        ...form,
        catalogId: CATALOG,
        memberIds: members.filter((m) => m.status === 'active').map((m) => m.id),
      },
    });
    setError(failure ? errorMessage(failure) : undefined);
    await load();
    if (data) setSelected(data.id);
  };
  const remind = async () => {
    if (!selected) return;
    const { data, error: failure } = await api.POST('/api/v1/orgs/{orgId}/campaigns/{campaignId}/reminders', {
      params: { path: { orgId, campaignId: selected } },
      body: { statuses: remindStatuses as Remindable[] },
    });
    setError(failure ? errorMessage(failure) : undefined);
    setReminded(
      data ? t('campaigns.remindResult', { sent: data.sent, already: data.alreadyToday }) : undefined,
    );
  };
  const label = (s: Segment) =>
    s.kind === 'all' ? t('campaigns.segment') : [s.industry, s.sizeBand].filter(Boolean).join(' × ');
  const status = (code: string) => t(`campaigns.statusLabels.${code}`);
  const exportHref = (suffix: string) => `/api/v1/orgs/${orgId}/campaigns/${selected}/${suffix}`;

  return (
    <Stack>
      <Title order={2}>{t('campaigns.associationTitle')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      <Title order={3}>{t('campaigns.members')}</Title>
      <Group align="end">
        <TextInput
          label={t('campaigns.businessId')}
          value={businessId}
          onChange={(e) => setBusinessId(e.currentTarget.value)}
        />
        <Select
          label={t('campaigns.sizeBand')}
          data={['small', 'medium', 'large']}
          value={sizeBand}
          onChange={setSizeBand}
        />
        <Button onClick={() => void invite()}>{t('campaigns.invite')}</Button>
      </Group>
      <Table data-testid="association-members">
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.organizationName ?? m.businessId}</Table.Td>
              <Table.Td>{m.sizeBand ?? ''}</Table.Td>
              <Table.Td>
                <Badge variant="light">{status(m.status)}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3}>{t('campaigns.campaigns')}</Title>
      <Group align="end">
        <TextInput
          label={t('campaigns.name')}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <TextInput
          label={t('campaigns.period')}
          value={form.period}
          onChange={(e) => setForm({ ...form, period: e.currentTarget.value })}
        />
        <TextInput
          label={t('campaigns.deadline')}
          placeholder="YYYY-MM-DD"
          value={form.deadline}
          onChange={(e) => setForm({ ...form, deadline: e.currentTarget.value })}
        />
        <NumberInput
          label={t('campaigns.kThreshold')}
          min={3}
          max={100}
          w={120}
          value={form.kThreshold}
          onChange={(value) => setForm({ ...form, kThreshold: typeof value === 'number' ? value : 5 })}
        />
        <Button onClick={() => void create()}>{t('campaigns.create')}</Button>
      </Group>
      <Select
        label={t('campaigns.campaigns')}
        data={campaigns.map((c) => ({ value: c.id, label: `${c.name} ${c.period}` }))}
        value={selected}
        onChange={setSelected}
      />
      {selected && (
        <>
          <Group>
            <Anchor href={exportHref('status.xlsx')}>{t('campaigns.exportStatus')}</Anchor>
            <Anchor href={exportHref('aggregates.xlsx')}>{t('campaigns.exportXlsx')}</Anchor>
            <Anchor href={exportHref('aggregates.pdf')}>{t('campaigns.exportPdf')}</Anchor>
          </Group>
          <Title order={3}>{t('campaigns.board')}</Title>
          <Group align="end">
            <MultiSelect
              label={t('campaigns.remindStatuses')}
              data={REMINDABLE.map((code) => ({ value: code, label: status(code) }))}
              value={remindStatuses}
              onChange={setRemindStatuses}
            />
            <Button
              variant="light"
              disabled={remindStatuses.length === 0}
              onClick={() => void remind()}
              data-testid="campaign-remind"
            >
              {t('campaigns.remind')}
            </Button>
          </Group>
          {reminded && (
            <Alert color="blue" data-testid="campaign-reminded">
              {reminded}
            </Alert>
          )}
          <Table data-testid="campaign-board">
            <Table.Tbody>
              {board.map((b) => (
                <Table.Tr key={b.participantId}>
                  <Table.Td>{b.organizationName}</Table.Td>
                  <Table.Td>{status(b.status)}</Table.Td>
                  <Table.Td>{b.submittedAt ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3}>{t('campaigns.aggregates')}</Title>
          <Table data-testid="campaign-aggregates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.segment')}</Table.Th>
                <Table.Th>{t('campaigns.firms')}</Table.Th>
                <Table.Th>{t('campaigns.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {segments.map((s) => (
                <Table.Tr key={s.key} data-segment={s.key} data-shown={s.shown}>
                  <Table.Td>{label(s)}</Table.Td>
                  <Table.Td>{s.firms ?? '—'}</Table.Td>
                  <Table.Td>
                    {s.shown ? (
                      <RateBar
                        rate={s.overall?.rate ?? null}
                        marker={s.overall?.distribution?.median}
                        label={label(s)}
                      />
                    ) : (
                      <Text c="dimmed" size="sm">
                        {t('campaigns.hidden')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
