import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ActionButton } from '../../app/abilities';
import { QueryError } from '../../app/QueryError';
import { MutationError } from './MutationError';
import { ClosureCard, RiskAcceptanceCard } from './RemediationActions';
import { HistoryCard, MilestonesCard } from './RemediationHistory';
import { type RemediationDetail, STATUS_COLORS, sourceHref, useMembers } from './shared';
import '../../i18n/remediation';

/** One item: its plan (fields, milestones), closure by a second person, risk acceptances and history. */
export function RemediationDetailPage() {
  const { orgId = '', remediationId = '' } = useParams();
  const { t } = useTranslation();
  const key = ['remediation', orgId, 'detail', remediationId];
  const detail = useApiQuery(key, (signal) =>
    api.GET('/api/v1/orgs/{orgId}/remediation/{remediationId}', {
      params: { path: { orgId, remediationId } },
      signal,
    }),
  );
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Loader aria-label={t('common.loading')} />;
  const { item } = detail.data;
  const source = sourceHref(orgId, item.source.link);
  return (
    <Stack data-testid="remediation-detail">
      <Anchor component={Link} to={`/orgs/${orgId}/remediation`} size="sm">
        {t('remediation.back')}
      </Anchor>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={2}>{item.title}</Title>
          <Group gap="xs">
            <Badge color={STATUS_COLORS[item.status]} data-testid="remediation-status">
              {t(`remediation.status.${item.status}`)}
            </Badge>
            {item.overdue && <Badge color="red">{t('remediation.overdue')}</Badge>}
            <Text size="sm" c="dimmed">
              {t(`remediation.source.${item.source.kind}`)}
            </Text>
            {source && (
              <Anchor component={Link} to={source} size="sm">
                {t('remediation.openSource')}
              </Anchor>
            )}
          </Group>
        </Stack>
        <StatusButtons orgId={orgId} detail={detail.data} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <PlanCard orgId={orgId} detail={detail.data} />
            <MilestonesCard orgId={orgId} detail={detail.data} />
            <HistoryCard orgId={orgId} detail={detail.data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <ClosureCard orgId={orgId} detail={detail.data} />
            <RiskAcceptanceCard orgId={orgId} detail={detail.data} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The patch call every edit of the item uses (the version travels; a 409 reloads the item). */
export function useUpdateItem(orgId: string, id: string) {
  return useApiMutation(
    (body: { version: number } & Record<string, unknown>) =>
      api.PATCH('/api/v1/orgs/{orgId}/remediation/{remediationId}', {
        params: { path: { orgId, remediationId: id } },
        body: body as never,
      }),
    {
      invalidates: [
        ['remediation', orgId],
        ['home', orgId],
      ],
    },
  );
}

function StatusButtons({ orgId, detail }: { orgId: string; detail: RemediationDetail }) {
  const { t } = useTranslation();
  const { item, abilities } = detail;
  const update = useUpdateItem(orgId, item.id);
  const to = item.status === 'open' ? 'in_progress' : item.status === 'in_progress' ? 'open' : null;
  if (!to) return null;
  return (
    <Stack gap={4} align="flex-end">
      <ActionButton
        ability={abilities.update}
        hideForRole
        variant="light"
        loading={update.isPending}
        onClick={() => update.mutate({ version: item.version, status: to })}
        testId="remediation-status-change"
      >
        {to === 'in_progress' ? t('remediation.startWork') : t('remediation.backToOpen')}
      </ActionButton>
      <MutationError error={update.error} />
    </Stack>
  );
}

function PlanCard({ orgId, detail }: { orgId: string; detail: RemediationDetail }) {
  const { t } = useTranslation();
  const { item, abilities } = detail;
  const { members } = useMembers(orgId);
  const update = useUpdateItem(orgId, item.id);
  const [form, setForm] = useState(() => formOf(item));
  useEffect(() => setForm(formOf(item)), [item]);
  const readOnly = !abilities.update.allowed;
  const field = (name: keyof typeof form) => ({
    value: form[name] ?? '',
    readOnly,
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [name]: e.currentTarget.value }),
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({
            version: item.version,
            title: form.title,
            description: form.description,
            ownerId: form.ownerId,
            plannedCompletion: form.plannedCompletion || null,
            riskStatement: form.riskStatement,
            recommendation: form.recommendation,
          });
        }}
      >
        <Stack>
          <TextInput required label={t('remediation.fields.title')} {...field('title')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('remediation.fields.owner')}
              data={members.map((m) => ({ value: m.userId, label: m.displayName }))}
              value={form.ownerId}
              onChange={(ownerId) => setForm({ ...form, ownerId })}
              readOnly={readOnly}
              clearable
              data-testid="remediation-owner"
            />
            <TextInput
              type="date"
              label={t('remediation.fields.plannedCompletion')}
              {...field('plannedCompletion')}
            />
          </SimpleGrid>
          <Textarea
            autosize
            minRows={2}
            label={t('remediation.fields.description')}
            {...field('description')}
          />
          <Textarea
            autosize
            minRows={2}
            label={t('remediation.fields.riskStatement')}
            {...field('riskStatement')}
          />
          <Textarea
            autosize
            minRows={2}
            label={t('remediation.fields.recommendation')}
            {...field('recommendation')}
          />
          {item.actualCompletion && (
            <Text size="sm">
              {t('remediation.fields.actualCompletion')}: {item.actualCompletion}
            </Text>
          )}
          <MutationError error={update.error} />
          {update.isSuccess && !update.error && (
            <Text size="sm" c="teal">
              {t('remediation.saved')}
            </Text>
          )}
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} data-testid="remediation-save">
                {t('remediation.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function formOf(item: RemediationDetail['item']) {
  return {
    title: item.title,
    description: item.description,
    ownerId: item.ownerId,
    plannedCompletion: item.plannedCompletion ?? '',
    riskStatement: item.riskStatement,
    recommendation: item.recommendation,
  };
}
