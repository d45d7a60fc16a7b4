import { Badge, Button, Card, Group, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { errorMessage } from '../assessments/shared';
import '../../i18n/providers';

type Audit = ApiSchemas['listProviderAudits'][number];
type Incident = ApiSchemas['listProviderIncidents'][number];
const NOTICE_COLORS = { on_time: 'teal', late: 'orange', missing: 'red', pending: 'gray' } as const;

export function AuditsSection({
  orgId,
  providerId,
  onChanged,
  onError,
}: {
  orgId: string;
  providerId: string;
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const query = useApiQuery(['providers', orgId, 'audits', providerId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/providers/{providerId}/audits', {
      params: { path: { orgId, providerId } },
      signal,
    }),
  );
  const audits: Audit[] = query.data ?? [];
  const [draft, setDraft] = useState({
    auditDate: '',
    auditType: 'onsite' as Audit['auditType'],
    result: 'satisfactory' as Audit['result'],
    findings: '',
  });
  const path = { orgId, providerId };
  const add = async () => {
    const { error } = await api.POST('/api/v1/orgs/{orgId}/providers/{providerId}/audits', {
      params: { path },
      body: draft,
    });
    if (error) onError(errorMessage(error));
    // The provider's status (last audit, next due) changes too: `onChanged` refetches the register.
    onChanged();
  };
  return (
    <Card withBorder>
      <Text fw={600}>{t('providers.audits')}</Text>
      <Table>
        <Table.Tbody>
          {audits.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.auditDate}</Table.Td>
              <Table.Td>{t(`providers.audit.${a.auditType}`)}</Table.Td>
              <Table.Td>{t(`providers.audit.${a.result}`)}</Table.Td>
              <Table.Td>{a.findings}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" gap="xs">
        <TextInput
          type="date"
          label={t('providers.audit.auditDate')}
          value={draft.auditDate}
          onChange={(e) => setDraft({ ...draft, auditDate: e.currentTarget.value })}
        />
        <Select
          label={t('providers.audit.auditType')}
          allowDeselect={false}
          data={(['onsite', 'report_review'] as const).map((v) => ({
            value: v,
            label: t(`providers.audit.${v}`),
          }))}
          value={draft.auditType}
          onChange={(v) => v && setDraft({ ...draft, auditType: v as Audit['auditType'] })}
        />
        <Select
          label={t('providers.audit.result')}
          allowDeselect={false}
          data={(['satisfactory', 'findings', 'unsatisfactory'] as const).map((v) => ({
            value: v,
            label: t(`providers.audit.${v}`),
          }))}
          value={draft.result}
          onChange={(v) => v && setDraft({ ...draft, result: v as Audit['result'] })}
        />
        <TextInput
          label={t('providers.audit.findingsText')}
          value={draft.findings}
          onChange={(e) => setDraft({ ...draft, findings: e.currentTarget.value })}
        />
        <Button onClick={() => void add()} disabled={!draft.auditDate}>
          {t('providers.addAudit')}
        </Button>
      </Group>
    </Card>
  );
}

export function IncidentsSection({
  orgId,
  providerId,
  onError,
}: {
  orgId: string;
  providerId: string;
  onError: (m: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const query = useApiQuery(['providers', orgId, 'incidents', providerId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/providers/{providerId}/incidents', {
      params: { path: { orgId, providerId } },
      signal,
    }),
  );
  const incidents: Incident[] = query.data ?? [];
  const load = () => query.refetch();
  const [draft, setDraft] = useState({
    kind: 'security_incident' as Incident['kind'],
    occurredAt: '',
    notifiedAt: '',
    summary: '',
  });
  const [update, setUpdate] = useState<Record<string, string>>({});
  const iso = (local: string) => (local ? new Date(local).toISOString() : null);
  const add = async () => {
    const { error } = await api.POST('/api/v1/orgs/{orgId}/providers/{providerId}/incidents', {
      params: { path: { orgId, providerId } },
      body: {
        kind: draft.kind,
        occurredAt: iso(draft.occurredAt)!,
        notifiedAt: iso(draft.notifiedAt),
        summary: draft.summary,
      },
    });
    if (error) onError(errorMessage(error));
    await load();
  };
  const followUp = async (incidentId: string, close: boolean) => {
    const { error } = await api.POST('/api/v1/orgs/{orgId}/provider-incidents/{incidentId}/updates', {
      params: { path: { orgId, incidentId } },
      body: { note: update[incidentId] || (close ? t('providers.incident.closed') : ''), close },
    });
    if (error) onError(errorMessage(error));
    await load();
  };
  const when = (value: string | null) =>
    value ? new Date(value).toLocaleString(i18n.resolvedLanguage) : '—';
  return (
    <Card withBorder>
      <Text fw={600}>{t('providers.incidents')}</Text>
      <Stack gap="xs">
        {incidents.map((incident) => (
          <Card key={incident.id} withBorder padding="xs">
            <Group gap="xs">
              <Badge variant="light">{t(`providers.incident.${incident.kind}`)}</Badge>
              <Badge color={NOTICE_COLORS[incident.notification]}>
                {t(`providers.incident.notification.${incident.notification}`)}
              </Badge>
              <Badge variant="outline">{t(`providers.incident.${incident.status}`)}</Badge>
            </Group>
            <Text size="sm">{incident.summary}</Text>
            <Text size="xs" c="dimmed">
              {t('providers.incident.occurredAt')} {when(incident.occurredAt)} ·{' '}
              {t('providers.incident.notifiedAt')} {when(incident.notifiedAt)}
            </Text>
            {incident.updates.map((u) => (
              <Text key={u.at} size="xs">
                {when(u.at)} {u.note}
              </Text>
            ))}
            {incident.status === 'open' && (
              <Group gap="xs" align="flex-end">
                <TextInput
                  size="xs"
                  label={t('providers.incident.update')}
                  value={update[incident.id] ?? ''}
                  onChange={(e) => setUpdate({ ...update, [incident.id]: e.currentTarget.value })}
                />
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => void followUp(incident.id, false)}
                  disabled={!update[incident.id]}
                >
                  {t('providers.incident.update')}
                </Button>
                <Button size="xs" variant="light" onClick={() => void followUp(incident.id, true)}>
                  {t('providers.incident.close')}
                </Button>
              </Group>
            )}
          </Card>
        ))}
        <Group align="flex-end" gap="xs">
          <Select
            label={t('providers.incident.kind')}
            allowDeselect={false}
            data={(['security_incident', 'isolation_failure'] as const).map((v) => ({
              value: v,
              label: t(`providers.incident.${v}`),
            }))}
            value={draft.kind}
            onChange={(v) => v && setDraft({ ...draft, kind: v as Incident['kind'] })}
          />
          <TextInput
            type="datetime-local"
            label={t('providers.incident.occurredAt')}
            value={draft.occurredAt}
            onChange={(e) => setDraft({ ...draft, occurredAt: e.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label={t('providers.incident.notifiedAt')}
            value={draft.notifiedAt}
            onChange={(e) => setDraft({ ...draft, notifiedAt: e.currentTarget.value })}
          />
        </Group>
        <Textarea
          label={t('providers.incident.summary')}
          value={draft.summary}
          onChange={(e) => setDraft({ ...draft, summary: e.currentTarget.value })}
        />
        <Button w="fit-content" onClick={() => void add()} disabled={!draft.occurredAt || !draft.summary}>
          {t('providers.addIncident')}
        </Button>
      </Stack>
    </Card>
  );
}
