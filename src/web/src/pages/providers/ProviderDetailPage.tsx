import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ActionButton } from '../../app/abilities';
import { QueryError } from '../../app/QueryError';
import { EndpointsSection } from '../checks/EndpointsSection';
import { ProviderForm, type ProviderInput } from './ProviderForm';
import { AuditsSection, IncidentsSection } from './ProviderRecords';
import { ProviderStatusBadges } from './ProviderStatusBadges';
import { QuestionnairesSection } from './QuestionnairesSection';
import '../../i18n/providers';

export function ProviderDetailPage() {
  const { orgId = '', providerId = '' } = useParams();
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [contact, setContact] = useState<{ name: string; email: string; phone: string; title: string }>();
  const [error, setError] = useState<string>();
  const path = { orgId, providerId };
  const key = ['providers', orgId, 'detail', providerId];
  const client = useQueryClient();
  const reload = () => void client.invalidateQueries({ queryKey: ['providers', orgId] });
  const query = useApiQuery(key, (signal) =>
    api.GET('/api/v1/orgs/{orgId}/providers/{providerId}', { params: { path }, signal }),
  );
  const provider = query.data;
  const update = useApiMutation(
    (input: ProviderInput & { version: number }) =>
      api.PATCH('/api/v1/orgs/{orgId}/providers/{providerId}', { params: { path }, body: input }),
    { invalidates: [['providers', orgId]] },
  );
  const createContact = useApiMutation(
    (body: { name: string; email: string; phone: string; title: string }) =>
      api.POST('/api/v1/orgs/{orgId}/providers/{providerId}/contacts', { params: { path }, body }),
    { invalidates: [key] },
  );

  // A refusal keeps the form open with everything typed; only a saved change closes it.
  const save = (input: ProviderInput) => {
    if (!provider) return;
    update.mutate(
      { ...input, version: provider.version },
      {
        onSuccess: () => {
          update.reset();
          setEditing(false);
        },
      },
    );
  };
  const addContact = () => {
    if (!contact) return;
    createContact.mutate(contact, {
      onSuccess: () => setContact(undefined),
      onError: (failure) => setError(failure.message),
    });
  };

  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!provider) return <Loader aria-label={t('common.loading')} />;
  const { id: _id, version: _version, contacts, status, abilities: _abilities, ...input } = provider;
  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={4}>
          <Title order={2}>{provider.name}</Title>
          <ProviderStatusBadges provider={provider} />
        </Stack>
        <ActionButton ability={provider.abilities.update} variant="default" onClick={() => setEditing(true)}>
          {t('providers.save')}
        </ActionButton>
      </Group>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      <Card withBorder>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('providers.fields.serviceModels')}</Table.Th>
              <Table.Td>{provider.serviceModels.join(' / ')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('providers.status.lastAuditRow')}</Table.Th>
              <Table.Td data-testid="provider-last-audit">{status.lastAuditDate ?? '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('providers.status.nextAuditRow')}</Table.Th>
              <Table.Td data-testid="provider-next-audit">
                <Text
                  span
                  c={status.auditOverdue ? 'red' : undefined}
                  fw={status.auditOverdue ? 600 : undefined}
                >
                  {status.nextAuditDue}
                  {status.auditOverdue && ` · ${t('providers.status.overdue')}`}
                </Text>{' '}
                <Text span size="sm" c="dimmed">
                  (
                  {t(`providers.status.dueBasis.${status.auditDueBasis}`, {
                    date:
                      status.auditDueBasis === 'contract_start'
                        ? provider.contractStart
                        : status.lastAuditDate,
                  })}
                  )
                </Text>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('providers.fields.contractStatesRto')}</Table.Th>
              <Table.Td>{provider.contractStatesRto ? `✓ ${provider.rtoHours ?? ''}h` : '✗'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('providers.fields.slaResult')}</Table.Th>
              <Table.Td>{provider.slaResult ? t(`providers.slaResult.${provider.slaResult}`) : '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('providers.fields.starStatus')}</Table.Th>
              <Table.Td>
                {t(`providers.star.${provider.starStatus}`)} {provider.starValidUntil ?? ''}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Group justify="space-between">
          <Text fw={600}>{t('providers.contacts')}</Text>
          <ActionButton
            ability={provider.abilities.update}
            hideForRole
            size="xs"
            variant="light"
            onClick={() => setContact({ name: '', email: '', phone: '', title: '' })}
          >
            {t('providers.addContact')}
          </ActionButton>
        </Group>
        {contacts.map((c) => (
          <Text key={c.id} size="sm">
            {c.name} · {c.email} {c.phone && `· ${c.phone}`}
          </Text>
        ))}
      </Card>
      <QuestionnairesSection orgId={orgId} provider={provider} onError={setError} />
      <AuditsSection orgId={orgId} providerId={providerId} onChanged={reload} onError={setError} />
      <IncidentsSection orgId={orgId} providerId={providerId} onError={setError} />
      <EndpointsSection orgId={orgId} providerId={providerId} onError={setError} />
      <Modal opened={editing} onClose={() => setEditing(false)} size="lg" title={provider.name}>
        {update.error && (
          <Alert color="red" mb="sm" data-testid="provider-form-error">
            {update.error.message}
          </Alert>
        )}
        <ProviderForm initial={input} onSubmit={save} onCancel={() => setEditing(false)} />
      </Modal>
      <Modal
        opened={contact !== undefined}
        onClose={() => setContact(undefined)}
        title={t('providers.addContact')}
      >
        {contact && (
          <Stack>
            {(['name', 'email', 'phone', 'title'] as const).map((field) => (
              <TextInput
                key={field}
                label={t(`providers.contact.${field}`)}
                value={contact[field]}
                onChange={(e) => setContact({ ...contact, [field]: e.currentTarget.value })}
                required={field === 'name' || field === 'email'}
              />
            ))}
            <Button
              onClick={addContact}
              disabled={!contact.name || !contact.email}
              loading={createContact.isPending}
            >
              {t('providers.save')}
            </Button>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
