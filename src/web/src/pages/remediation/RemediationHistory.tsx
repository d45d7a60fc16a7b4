import { Badge, Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import { MutationError } from './MutationError';
import { formatTime, type RemediationDetail, useMembers } from './shared';
import '../../i18n/remediation';

const invalidates = (orgId: string) => ({
  invalidates: [
    ['remediation', orgId],
    ['home', orgId],
  ],
});

/** Milestones with their dates; completing one is a checkbox, adding one needs the write ability. */
export function MilestonesCard({ orgId, detail }: { orgId: string; detail: RemediationDetail }) {
  const { t } = useTranslation();
  const { item, milestones, abilities } = detail;
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const add = useApiMutation(
    () =>
      api.POST('/api/v1/orgs/{orgId}/remediation/{remediationId}/milestones', {
        params: { path: { orgId, remediationId: item.id } },
        body: { title, dueOn },
      }),
    invalidates(orgId),
  );
  const complete = useApiMutation(
    ({ milestoneId, completed }: { milestoneId: string; completed: boolean }) =>
      api.PATCH('/api/v1/orgs/{orgId}/remediation/{remediationId}/milestones/{milestoneId}', {
        params: { path: { orgId, remediationId: item.id, milestoneId } },
        body: { completed },
      }),
    invalidates(orgId),
  );
  const canEdit = abilities.update.allowed;
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('remediation.milestones.title')}</Title>
        {milestones.length === 0 && <Text c="dimmed">{t('remediation.milestones.empty')}</Text>}
        {milestones.map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap">
            <Checkbox
              label={m.title}
              checked={m.completedOn !== null}
              disabled={!canEdit || complete.isPending}
              onChange={(e) => complete.mutate({ milestoneId: m.id, completed: e.currentTarget.checked })}
            />
            <Text size="sm" c="dimmed">
              {m.dueOn}
              {m.completedOn && ` · ${t('remediation.milestones.done')} ${m.completedOn}`}
            </Text>
          </Group>
        ))}
        {canEdit && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate(undefined, {
                onSuccess: () => {
                  setTitle('');
                  setDueOn('');
                },
              });
            }}
          >
            <Group align="end" wrap="wrap">
              <TextInput
                required
                label={t('remediation.milestones.name')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
              <TextInput
                required
                type="date"
                label={t('remediation.milestones.dueOn')}
                value={dueOn}
                onChange={(e) => setDueOn(e.currentTarget.value)}
              />
              <Button type="submit" variant="light" loading={add.isPending}>
                {t('remediation.milestones.add')}
              </Button>
            </Group>
          </form>
        )}
        <MutationError error={add.error ?? complete.error} />
      </Stack>
    </Card>
  );
}

/** The risk log: every change with who, when and the status it moved between. */
export function HistoryCard({ orgId, detail }: { orgId: string; detail: RemediationDetail }) {
  const { t } = useTranslation();
  const { nameOf } = useMembers(orgId);
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('remediation.history.title')}</Title>
        {detail.events.length === 0 && <Text c="dimmed">{t('remediation.history.empty')}</Text>}
        <Table.ScrollContainer minWidth={420}>
          <Table data-testid="remediation-history">
            <Table.Tbody>
              {[...detail.events].reverse().map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatTime(e.at)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.actorId ? nameOf(e.actorId) : t('remediation.history.system')}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" size="sm">
                      {e.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                      <Text size="xs">
                        {t(`remediation.status.${e.fromStatus}`)} → {t(`remediation.status.${e.toStatus}`)}
                      </Text>
                    )}
                    {e.note && <Text size="xs">{e.note}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {detail.sources.length > 1 && (
          <Text size="xs" c="dimmed">
            {t('remediation.sources')}: {detail.sources.map((s) => formatTime(s.addedAt)).join('、')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
