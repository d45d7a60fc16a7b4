import { Badge, Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { unwrap, useApiListQuery, useApiMutation } from '../../api/query';
import { ActionButton } from '../../app/abilities';
import { MutationError } from './MutationError';
import { formatTime, type RemediationDetail, useMembers } from './shared';
import '../../i18n/remediation';

const invalidates = (orgId: string) => ({
  invalidates: [
    ['remediation', orgId],
    ['home', orgId],
  ],
});

/** Closing: evidence and a note from one person, confirmation or return by a second one. */
export function ClosureCard({ orgId, detail }: { orgId: string; detail: RemediationDetail }) {
  const { t } = useTranslation();
  const { item, abilities } = detail;
  const { nameOf } = useMembers(orgId);
  const [evidenceId, setEvidenceId] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [decisionNote, setDecisionNote] = useState('');
  const [missing, setMissing] = useState(false);
  const canRequest = abilities.requestClosure.allowed;
  // Every page of the organisation's evidence, so the picker never stops at the first hundred.
  const evidence = useApiListQuery<ApiSchemas['listEvidence']['items'][number], ApiSchemas['listEvidence']>(
    ['evidence', orgId, 'list'],
    (cursor, signal) =>
      api.GET('/api/v1/orgs/{orgId}/evidence', {
        params: { path: { orgId }, query: { limit: 100, cursor } },
        signal,
      }),
    { enabled: canRequest },
  );
  const request = useApiMutation(async () => {
    let id = evidenceId;
    if (!id && url) {
      const link = await unwrap(
        api.POST('/api/v1/orgs/{orgId}/evidence/links', {
          params: { path: { orgId } },
          body: { url, title: item.title.slice(0, 200) },
        }),
      );
      id = link.id;
    }
    return api.POST('/api/v1/orgs/{orgId}/remediation/{remediationId}/closure-request', {
      params: { path: { orgId, remediationId: item.id } },
      body: { version: item.version, evidenceId: id ?? '', note },
    });
  }, invalidates(orgId));
  const decide = useApiMutation(
    (decision: 'confirm' | 'reject') =>
      api.POST('/api/v1/orgs/{orgId}/remediation/{remediationId}/closure-decision', {
        params: { path: { orgId, remediationId: item.id } },
        body: { version: item.version, decision, note: decisionNote },
      }),
    invalidates(orgId),
  );
  return (
    <Card withBorder data-testid="closure-card">
      <Stack>
        <Title order={4}>{t('remediation.closure.title')}</Title>
        {item.closure.requestedBy && (
          <Text size="sm">
            {t('remediation.closure.requestedBy', {
              name: nameOf(item.closure.requestedBy),
              at: formatTime(item.closure.requestedAt),
            })}
            {item.closure.note ? `：${item.closure.note}` : ''}
          </Text>
        )}
        {item.closure.confirmedBy && (
          <Text size="sm" c="teal">
            {t('remediation.closure.confirmedBy', { name: nameOf(item.closure.confirmedBy) })}
          </Text>
        )}
        {canRequest && (
          <>
            <Select
              label={t('remediation.closure.evidence')}
              data={(evidence.data?.items ?? []).map((e) => ({ value: e.id, label: e.title }))}
              value={evidenceId}
              onChange={setEvidenceId}
              clearable
              searchable
            />
            <TextInput
              label={t('remediation.closure.evidenceUrl')}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              data-testid="closure-evidence-url"
            />
            <Textarea
              label={t('remediation.closure.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid="closure-note"
            />
            {missing && <Text c="red">{t('remediation.closure.needsEvidence')}</Text>}
          </>
        )}
        <ActionButton
          ability={abilities.requestClosure}
          hideForRole
          loading={request.isPending}
          onClick={() => {
            setMissing(!evidenceId && !url);
            if (evidenceId || url) request.mutate(undefined);
          }}
          testId="closure-request"
        >
          {t('remediation.closure.request')}
        </ActionButton>
        {item.status === 'awaiting_closure' && (
          <>
            {abilities.decideClosure.allowed && (
              <Textarea
                label={t('remediation.closure.decisionNote')}
                value={decisionNote}
                onChange={(e) => setDecisionNote(e.currentTarget.value)}
              />
            )}
            <Group justify="flex-end" align="start">
              <ActionButton
                ability={abilities.decideClosure}
                variant="default"
                loading={decide.isPending && decide.variables === 'reject'}
                onClick={() => decide.mutate('reject')}
                testId="closure-reject"
              >
                {t('remediation.closure.reject')}
              </ActionButton>
              <ActionButton
                ability={abilities.decideClosure}
                color="teal"
                loading={decide.isPending && decide.variables === 'confirm'}
                onClick={() => decide.mutate('confirm')}
                testId="closure-confirm"
              >
                {t('remediation.closure.confirm')}
              </ActionButton>
            </Group>
          </>
        )}
        <MutationError error={request.error ?? decide.error} />
      </Stack>
    </Card>
  );
}

/** Accepting a risk (reason, compensating control, expiry) and revoking it; stale ones are marked. */
export function RiskAcceptanceCard({ orgId, detail }: { orgId: string; detail: RemediationDetail }) {
  const { t } = useTranslation();
  const { item, acceptances, abilities } = detail;
  const { nameOf } = useMembers(orgId);
  const [reason, setReason] = useState('');
  const [control, setControl] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [revokeReason, setRevokeReason] = useState('');
  const accept = useApiMutation(
    () =>
      api.POST('/api/v1/orgs/{orgId}/remediation/{remediationId}/risk-acceptance', {
        params: { path: { orgId, remediationId: item.id } },
        body: { version: item.version, reason, compensatingControl: control, expiresOn },
      }),
    invalidates(orgId),
  );
  const revoke = useApiMutation(
    () =>
      api.POST('/api/v1/orgs/{orgId}/remediation/{remediationId}/risk-acceptance/revoke', {
        params: { path: { orgId, remediationId: item.id } },
        body: { version: item.version, reason: revokeReason },
      }),
    invalidates(orgId),
  );
  return (
    <Card withBorder data-testid="acceptance-card">
      <Stack>
        <Title order={4}>{t('remediation.acceptance.title')}</Title>
        {acceptances.length === 0 && <Text c="dimmed">{t('remediation.acceptance.empty')}</Text>}
        {acceptances.map((a) => (
          <Stack key={a.id} gap={2} data-testid="acceptance">
            <Group gap="xs">
              <Badge color={a.status === 'active' ? 'teal' : a.status === 'stale' ? 'orange' : 'gray'}>
                {t(`remediation.acceptance.status.${a.status}`)}
              </Badge>
              <Text size="sm">
                {t('remediation.acceptance.expiresOn')} {a.expiresOn}
              </Text>
            </Group>
            {a.status === 'stale' && (
              <Text size="xs" c="orange">
                {t('remediation.acceptance.stale')}
              </Text>
            )}
            <Text size="sm">{a.reason}</Text>
            <Text size="xs" c="dimmed">
              {t('remediation.acceptance.compensatingControl')}: {a.compensatingControl}
            </Text>
            <Text size="xs" c="dimmed">
              {t('remediation.acceptance.approvedBy', {
                name: nameOf(a.approvedBy),
                at: formatTime(a.approvedAt),
              })}
            </Text>
            {a.endedReason && (
              <Text size="xs" c="dimmed">
                {t('remediation.acceptance.ended', { reason: a.endedReason })}
              </Text>
            )}
          </Stack>
        ))}
        {abilities.acceptRisk.allowed && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              accept.mutate(undefined);
            }}
          >
            <Stack>
              <Textarea
                required
                label={t('remediation.acceptance.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Textarea
                required
                label={t('remediation.acceptance.compensatingControl')}
                value={control}
                onChange={(e) => setControl(e.currentTarget.value)}
              />
              <TextInput
                required
                type="date"
                label={t('remediation.acceptance.expiresOn')}
                value={expiresOn}
                onChange={(e) => setExpiresOn(e.currentTarget.value)}
              />
              <Button type="submit" variant="light" loading={accept.isPending} data-testid="acceptance-grant">
                {t('remediation.acceptance.grant')}
              </Button>
            </Stack>
          </form>
        )}
        {abilities.revokeAcceptance.allowed && (
          <TextInput
            label={t('remediation.acceptance.revokeReason')}
            value={revokeReason}
            onChange={(e) => setRevokeReason(e.currentTarget.value)}
          />
        )}
        {item.status === 'risk_accepted' && (
          <ActionButton
            ability={abilities.revokeAcceptance}
            hideForRole
            color="red"
            variant="light"
            disabled={!revokeReason}
            loading={revoke.isPending}
            onClick={() => revoke.mutate(undefined)}
            testId="acceptance-revoke"
          >
            {t('remediation.acceptance.revoke')}
          </ActionButton>
        )}
        <MutationError error={accept.error ?? revoke.error} />
      </Stack>
    </Card>
  );
}
