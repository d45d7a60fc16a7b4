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
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { ActionButton } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import { EndpointsSection } from '../checks/EndpointsSection';
import { ProviderForm, type ProviderInput } from './ProviderForm';
import { AuditsSection, IncidentsSection } from './ProviderRecords';
import { ProviderStatusBadges } from './ProviderStatusBadges';
import { QuestionnairesSection } from './QuestionnairesSection';
import '../../i18n/providers';

export function ProviderDetailPage() {
  const { orgId = '', providerId = '' } = useParams();
  const { t } = useTranslation();
  const [provider, setProvider] = useState<ApiSchemas['getProvider']>();
  const [editing, setEditing] = useState(false);
  const [contact, setContact] = useState<{ name: string; email: string; phone: string; title: string }>();
  const [error, setError] = useState<string>();
  const path = { orgId, providerId };

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/providers/{providerId}', {
      params: { path: { orgId, providerId } },
    });
    if (data) setProvider(data);
    else setError(errorMessage(failure));
  }, [orgId, providerId]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (input: ProviderInput) => {
    if (!provider) return;
    const { error: failure } = await api.PATCH('/api/v1/orgs/{orgId}/providers/{providerId}', {
      params: { path },
      body: { version: provider.version, ...input },
    });
    if (failure) setError(errorMessage(failure));
    setEditing(false);
    await load();
  };

  const addContact = async () => {
    if (!contact) return;
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/providers/{providerId}/contacts', {
      params: { path },
      body: contact,
    });
    if (failure) setError(errorMessage(failure));
    setContact(undefined);
    await load();
  };

  if (!provider)
    return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  const { id: _id, version: _version, contacts, status: _status, ...input } = provider;
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
      <AuditsSection orgId={orgId} providerId={providerId} onChanged={() => void load()} onError={setError} />
      <IncidentsSection orgId={orgId} providerId={providerId} onError={setError} />
      <EndpointsSection orgId={orgId} providerId={providerId} onError={setError} />
      <Modal opened={editing} onClose={() => setEditing(false)} size="lg" title={provider.name}>
        <ProviderForm initial={input} onSubmit={(v) => void save(v)} onCancel={() => setEditing(false)} />
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
            <Button onClick={() => void addContact()} disabled={!contact.name || !contact.email}>
              {t('providers.save')}
            </Button>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
