import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import type { Ability } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import { PLATFORMS, type SocialAccount } from './SocialAccountsPage';
import { SocialAckList } from './SocialAckList';
import { SocialNav } from './SocialNav';
import { SocialRisksCard } from './SocialRisksCard';
import '../../i18n/social';

type Policy = ApiSchemas['listSocialPolicyVersions']['items'][number];
type Risk = ApiSchemas['listSocialPlatformRisks']['items'][number];
type Review = ApiSchemas['getSocialPrivacyCalendar']['items'][number];
type Check = ApiSchemas['listSocialLinkChecks']['items'][number];
type Page = ApiSchemas['listSocialSitePages']['items'][number];
type Diff = ApiSchemas['diffSocialPrivacyPolicy'];
const today = () => new Date().toISOString().slice(0, 10);
/** Diff parts with a stable key: their kind and where they start in the combined text. */
function withOffsets(parts: Diff['parts']) {
  let offset = 0;
  return parts.map((part) => {
    const key = `${part.kind}-${offset}`;
    offset += part.text.length;
    return { part, key };
  });
}
const STATE_COLOR = { ok: 'teal', due_soon: 'orange', overdue: 'red' } as const;
const CONCLUSIONS: Review['conclusion'][] = ['acceptable', 'acceptable_with_measures', 'not_acceptable'];

/** Art. 10–11.2: usage policy and acknowledgements, platform risks, privacy reviews, the exit-notice check. */
export function SocialGovernancePage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [policies, setPolicies] = useState<Policy[]>([]);
  const [risks, setRisks] = useState<Risk[]>([]);
  const [calendar, setCalendar] = useState<Review[]>([]);
  const [pages, setPages] = useState<Page[]>([]);
  const [checks, setChecks] = useState<Check[]>([]);
  const [error, setError] = useState<string>();
  const [policy, setPolicy] = useState({
    label: '',
    effectiveOn: today(),
    shareableInformation: '',
    privateBusinessRules: '',
  });
  const [review, setReview] = useState({
    platform: 'line' as SocialAccount['platform'],
    conclusion: 'acceptable' as Review['conclusion'],
    summary: '',
    policyUrl: '',
    policyText: '',
  });
  const [diff, setDiff] = useState<Diff>();
  const [pageUrl, setPageUrl] = useState('');
  const [running, setRunning] = useState(false);
  const [can, setCan] = useState<Partial<Record<'policy' | 'risk' | 'privacy', Ability>>>({});

  const path = { params: { path: { orgId } } };
  const load = useCallback(async () => {
    const p = { params: { path: { orgId } } };
    const [a, b, c, d, e] = await Promise.all([
      api.GET('/api/v1/orgs/{orgId}/social/policies', p),
      api.GET('/api/v1/orgs/{orgId}/social/platform-risks', p),
      api.GET('/api/v1/orgs/{orgId}/social/privacy-reviews', p),
      api.GET('/api/v1/orgs/{orgId}/social/site-pages', p),
      api.GET('/api/v1/orgs/{orgId}/social/link-checks', p),
    ]);
    setPolicies(a.data?.items ?? []);
    setRisks(b.data?.items ?? []);
    setCalendar(c.data?.items ?? []);
    setPages(d.data?.items ?? []);
    setChecks(e.data?.items ?? []);
    setCan({
      policy: a.data?.abilities.create,
      risk: b.data?.abilities.create,
      privacy: c.data?.abilities.create,
    });
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);
  const done = async (result: { error?: unknown }) => {
    setError(result.error ? errorMessage(result.error) : undefined);
    await load();
  };

  return (
    <Stack>
      <Title order={2}>{t('social.tabs.governance')}</Title>
      <SocialNav orgId={orgId} current="governance" />
      {error && <Alert color="red">{error}</Alert>}

      <Card withBorder>
        <Title order={4}>{t('social.policy.title')}</Title>
        {policies.map((v) => (
          <Stack key={v.id} gap={2} mt="xs">
            <Group justify="space-between">
              <Text fw={600}>
                {v.label}（{t('social.policy.effectiveOn')} {v.effectiveOn}）
              </Text>
              <Group gap="xs">
                <Text size="sm">
                  {t('social.policy.acknowledged', { n: v.acknowledged, members: v.members })}
                </Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={async () =>
                    done(
                      await api.POST(
                        '/api/v1/orgs/{orgId}/social/policies/{policyVersionId}/acknowledgements',
                        { params: { path: { orgId, policyVersionId: v.id } } },
                      ),
                    )
                  }
                >
                  {t('social.policy.acknowledge')}
                </Button>
              </Group>
            </Group>
            <Text size="sm">
              {t('social.policy.shareable')}：{v.shareableInformation}
            </Text>
            <Text size="sm">
              {t('social.policy.privateBusiness')}：{v.privateBusinessRules}
            </Text>
            <SocialAckList orgId={orgId} policyVersionId={v.id} />
          </Stack>
        ))}
        {can.policy?.allowed && (
          <>
            <Group grow mt="sm" align="flex-end">
              <TextInput
                label={t('social.policy.label')}
                value={policy.label}
                onChange={(e) => setPolicy({ ...policy, label: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t('social.policy.effectiveOn')}
                value={policy.effectiveOn}
                onChange={(e) => setPolicy({ ...policy, effectiveOn: e.currentTarget.value })}
              />
            </Group>
            <Textarea
              label={t('social.policy.shareable')}
              value={policy.shareableInformation}
              onChange={(e) => setPolicy({ ...policy, shareableInformation: e.currentTarget.value })}
            />
            <Textarea
              label={t('social.policy.privateBusiness')}
              value={policy.privateBusinessRules}
              onChange={(e) => setPolicy({ ...policy, privateBusinessRules: e.currentTarget.value })}
            />
            <Group justify="flex-end" mt="xs">
              <Button
                disabled={!policy.label || !policy.shareableInformation || !policy.privateBusinessRules}
                onClick={async () =>
                  done(await api.POST('/api/v1/orgs/{orgId}/social/policies', { ...path, body: policy }))
                }
              >
                {t('social.policy.add')}
              </Button>
            </Group>
          </>
        )}
      </Card>

      <SocialRisksCard
        orgId={orgId}
        risks={risks}
        canCreate={can.risk}
        onChanged={(message) => {
          setError(message);
          void load();
        }}
      />

      <Card withBorder data-testid="social-privacy">
        <Title order={4}>{t('social.privacy.title')}</Title>
        {calendar.length === 0 && <Text c="dimmed">{t('social.privacy.empty')}</Text>}
        <Table>
          <Table.Tbody>
            {calendar.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.platformName}</Table.Td>
                <Table.Td>
                  {t('social.privacy.reviewedOn')} {r.reviewedOn}
                </Table.Td>
                <Table.Td>
                  {t('social.privacy.nextDue')} {r.nextDueOn}{' '}
                  <Badge color={STATE_COLOR[r.state]}>{t(`social.state.${r.state}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  {t(`social.privacy.conclusionValue.${r.conclusion}`)}
                  {r.summary ? `：${r.summary}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {can.privacy?.allowed && (
          <>
            <Group grow mt="sm">
              <Select
                label={t('social.field.platform')}
                data={PLATFORMS.filter((p) => p !== 'other').map((p) => ({
                  value: p,
                  label: t(`social.platform.${p}`),
                }))}
                value={review.platform}
                onChange={(p) => p && setReview({ ...review, platform: p as SocialAccount['platform'] })}
                allowDeselect={false}
              />
              <TextInput
                label={t('social.privacy.policyUrl')}
                value={review.policyUrl}
                onChange={(e) => setReview({ ...review, policyUrl: e.currentTarget.value })}
              />
            </Group>
            <Textarea
              label={t('social.privacy.policyText')}
              autosize
              minRows={3}
              value={review.policyText}
              onChange={(e) => setReview({ ...review, policyText: e.currentTarget.value })}
            />
            <input
              type="file"
              accept="text/plain"
              aria-label={t('social.privacy.policyText')}
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (file) setReview({ ...review, policyText: await file.text() });
              }}
            />
            <Textarea
              label={t('social.privacy.summary')}
              value={review.summary}
              onChange={(e) => setReview({ ...review, summary: e.currentTarget.value })}
            />
            <Select
              label={t('social.privacy.conclusion')}
              data={CONCLUSIONS.map((c) => ({ value: c, label: t(`social.privacy.conclusionValue.${c}`) }))}
              value={review.conclusion}
              onChange={(c) => c && setReview({ ...review, conclusion: c as Review['conclusion'] })}
              allowDeselect={false}
              data-testid="social-privacy-conclusion"
            />
            <Group justify="flex-end" mt="xs">
              <Button
                variant="default"
                onClick={async () => {
                  const { data, error: failure } = await api.POST(
                    '/api/v1/orgs/{orgId}/social/privacy-reviews/diff',
                    { ...path, body: { platform: review.platform, policyText: review.policyText } },
                  );
                  setDiff(data);
                  setError(failure ? errorMessage(failure) : undefined);
                }}
              >
                {t('social.privacy.diff')}
              </Button>
              <Button
                onClick={async () =>
                  done(
                    await api.POST('/api/v1/orgs/{orgId}/social/privacy-reviews', {
                      ...path,
                      body: { ...review, reviewedOn: today() },
                    }),
                  )
                }
              >
                {t('social.privacy.record')}
              </Button>
            </Group>
          </>
        )}
        {diff && (
          <Card withBorder mt="xs" data-testid="social-diff">
            <Text size="xs">
              {t('social.privacy.added', { n: diff.added })} ·{' '}
              {t('social.privacy.removed', { n: diff.removed })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {withOffsets(diff.parts).map(({ part, key }) =>
                part.kind === 'same' ? (
                  <span key={key}>{part.text}</span>
                ) : part.kind === 'added' ? (
                  <ins key={key} style={{ background: '#d3f9d8' }}>
                    {part.text}
                  </ins>
                ) : (
                  <del key={key} style={{ background: '#ffe3e3' }}>
                    {part.text}
                  </del>
                ),
              )}
            </Text>
          </Card>
        )}
      </Card>

      <Card withBorder>
        <Title order={4}>{t('social.links.title')}</Title>
        <Text size="sm">
          {t('social.links.pages')}：{pages.map((p) => p.url).join('、') || '—'}
        </Text>
        <Group mt="xs" align="flex-end">
          <TextInput
            label={t('social.links.pages')}
            value={pageUrl}
            onChange={(e) => setPageUrl(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            disabled={!/^https?:\/\//.test(pageUrl)}
            onClick={async () => {
              await done(
                await api.POST('/api/v1/orgs/{orgId}/social/site-pages', { ...path, body: { url: pageUrl } }),
              );
              setPageUrl('');
            }}
          >
            {t('social.links.addPage')}
          </Button>
          <Button
            loading={running}
            disabled={pages.length === 0}
            onClick={async () => {
              setRunning(true);
              await done(await api.POST('/api/v1/orgs/{orgId}/social/link-checks', { ...path, body: {} }));
              setRunning(false);
            }}
          >
            {t('social.links.run')}
          </Button>
        </Group>
        {checks.map((c) => (
          <Text key={c.id} size="sm" mt="xs">
            {t('social.links.result', {
              at: c.startedAt.slice(0, 16).replace('T', ' '),
              found: c.linksFound,
              missing: c.linksWithoutNotice,
            })}{' '}
            <a href={`/api/v1/orgs/${orgId}/evidence/${c.reportEvidenceId}/download`}>
              {t('social.links.report')}
            </a>
          </Text>
        ))}
      </Card>
    </Stack>
  );
}
