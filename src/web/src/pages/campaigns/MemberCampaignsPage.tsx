import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
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
type Membership = Ok<'listMyAssociations'>[number];
type Participation = Ok<'listMyCampaigns'>[number];
type Benchmark = Ok<'getCampaignBenchmark'>;

/** The member firm's page: association invitations, its campaigns (start, submit) and its benchmark. */
export function MemberCampaignsPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [memberships, setMemberships] = useState<Membership[]>([]);
  const [participations, setParticipations] = useState<Participation[]>([]);
  const [benchmark, setBenchmark] = useState<{ id: string; view: Benchmark }>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    const path = { orgId };
    const [m, p] = await Promise.all([
      api.GET('/api/v1/orgs/{orgId}/associations', { params: { path } }),
      api.GET('/api/v1/orgs/{orgId}/participations', { params: { path } }),
    ]);
    if (m.data) setMemberships(m.data);
    if (p.data) setParticipations(p.data);
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (membershipId: string, decision: 'accept' | 'decline' | 'leave') => {
    const params = { path: { orgId, membershipId } };
    const { error: failure } =
      decision === 'accept'
        ? await api.POST('/api/v1/orgs/{orgId}/associations/{membershipId}/accept', { params })
        : decision === 'decline'
          ? await api.POST('/api/v1/orgs/{orgId}/associations/{membershipId}/decline', { params })
          : await api.POST('/api/v1/orgs/{orgId}/associations/{membershipId}/leave', { params });
    setError(failure ? errorMessage(failure) : undefined);
    await load();
  };
  const start = async (participationId: string) => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/participations/{participationId}/start', {
      params: { path: { orgId, participationId } },
      body: {},
    });
    setError(failure ? errorMessage(failure) : undefined);
    await load();
  };
  const submit = async (p: Participation) => {
    if (!p.assessmentId) return;
    const { error: failure } = await api.POST(
      '/api/v1/orgs/{orgId}/participations/{participationId}/responses',
      {
        params: { path: { orgId, participationId: p.id } },
        body: { assessmentId: p.assessmentId },
      },
    );
    setError(failure ? errorMessage(failure) : undefined);
    await load();
  };
  const showBenchmark = async (participationId: string) => {
    const { data, error: failure } = await api.GET(
      '/api/v1/orgs/{orgId}/participations/{participationId}/benchmark',
      {
        params: { path: { orgId, participationId } },
      },
    );
    if (data) setBenchmark({ id: participationId, view: data });
    else setError(errorMessage(failure));
  };
  const peersAll = benchmark?.view.peers.find((p) => p.kind === 'all');

  return (
    <Stack>
      <Title order={2}>{t('campaigns.memberTitle')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      <Title order={3}>{t('campaigns.invitations')}</Title>
      {memberships.length === 0 && <Text c="dimmed">{t('campaigns.empty')}</Text>}
      <Table data-testid="memberships">
        <Table.Tbody>
          {memberships.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.associationName}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`campaigns.statusLabels.${m.status}`)}</Badge>
              </Table.Td>
              <Table.Td>
                {m.status === 'invited' ? (
                  <Group gap="xs">
                    <Button size="xs" onClick={() => void decide(m.id, 'accept')}>
                      {t('campaigns.accept')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => void decide(m.id, 'decline')}>
                      {t('campaigns.decline')}
                    </Button>
                  </Group>
                ) : (
                  <Button size="xs" variant="default" onClick={() => void decide(m.id, 'leave')}>
                    {t('campaigns.leave')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3}>{t('campaigns.participations')}</Title>
      <Table data-testid="participations">
        <Table.Tbody>
          {participations.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                {p.associationName} {p.campaignName} {p.period}
              </Table.Td>
              <Table.Td>
                {p.version
                  ? t('campaigns.submittedVersion', { version: p.version })
                  : t('campaigns.notSubmitted')}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {!p.assessmentId && (
                    <Button size="xs" onClick={() => void start(p.id)}>
                      {t('campaigns.start')}
                    </Button>
                  )}
                  {p.assessmentId && (
                    <Button size="xs" onClick={() => void submit(p)}>
                      {t('campaigns.submit')}
                    </Button>
                  )}
                  <Button size="xs" variant="default" onClick={() => void showBenchmark(p.id)}>
                    {t('campaigns.benchmark')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {benchmark && (
        <Stack data-testid="benchmark">
          <Group justify="space-between">
            <Title order={3}>{t('campaigns.benchmark')}</Title>
            <Anchor href={`/api/v1/orgs/${orgId}/participations/${benchmark.id}/benchmark.pdf`}>
              {t('campaigns.benchmarkPdf')}
            </Anchor>
          </Group>
          <Text>
            {t('campaigns.own')}:{' '}
            {benchmark.view.own?.rate == null ? '—' : `${(benchmark.view.own.rate * 100).toFixed(1)}%`} ·{' '}
            {t('campaigns.peers')}:{' '}
            {peersAll?.shown
              ? `${t('campaigns.median')} ${((peersAll.overall?.distribution?.median ?? 0) * 100).toFixed(1)}%, n = ${peersAll.firms}`
              : t('campaigns.hidden')}
          </Text>
          {(benchmark.view.own?.chapters ?? []).map((c) => (
            <RateBar
              key={c.chapter}
              label={t('campaigns.chapter', { chapter: c.chapter })}
              rate={c.rate}
              marker={peersAll?.chapters.find((p) => p.chapter === c.chapter)?.distribution?.median}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
