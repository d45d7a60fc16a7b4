import { Alert, Anchor, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiListQuery, useApiMutation } from '../../api/query';
import { type Ability, ActionButton } from '../../app/abilities';
import { QueryError } from '../../app/QueryError';
import { ProviderDashboardCard } from './ProviderDashboardCard';
import { EMPTY_PROVIDER, type Provider, ProviderForm, type ProviderInput } from './ProviderForm';
import { ProviderStatusBadges } from './ProviderStatusBadges';
import '../../i18n/providers';

export function ProviderListPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const list = useApiListQuery<
    Provider,
    { items: Provider[]; nextCursor: string | null; abilities: { create: Ability } }
  >(['providers', orgId, 'list'], (cursor, signal) =>
    api.GET('/api/v1/orgs/{orgId}/providers', {
      params: { path: { orgId }, query: { limit: 200, cursor } },
      signal,
    }),
  );
  const providers = list.data?.items;
  const canCreate = list.data?.first.abilities.create;
  const createProvider = useApiMutation(
    (input: ProviderInput) =>
      api.POST('/api/v1/orgs/{orgId}/providers', { params: { path: { orgId } }, body: input }),
    { invalidates: [['providers', orgId]] },
  );
  const formError = createProvider.error?.message;

  // A refusal keeps the form open with everything typed; only a saved provider closes it.
  const create = (input: ProviderInput) =>
    createProvider.mutate(input, {
      onSuccess: () => {
        createProvider.reset();
        setAdding(false);
      },
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('providers.title')}</Title>
        <Group gap="xs">
          <Button
            component="a"
            variant="default"
            href={`/api/v1/orgs/${orgId}/providers/export.csv`}
            download
          >
            {t('providers.exportCsv')}
          </Button>
          <ActionButton ability={canCreate} testId="add-provider" onClick={() => setAdding(true)}>
            {t('providers.add')}
          </ActionButton>
        </Group>
      </Group>
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {providers && providers.length > 0 && <ProviderDashboardCard orgId={orgId} />}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {providers?.length === 0 && <Text c="dimmed">{t('providers.empty')}</Text>}
      {providers && providers.length > 0 && (
        <Table striped>
          <Table.Tbody>
            {providers.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/orgs/${orgId}/providers/${p.id}`}>
                    {p.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.serviceModels.join(' / ')}</Table.Td>
                <Table.Td>{t(`providers.star.${p.starStatus}`)}</Table.Td>
                <Table.Td>
                  <ProviderStatusBadges provider={p} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('providers.add')} size="lg">
        {formError && (
          <Alert color="red" mb="sm" data-testid="provider-form-error">
            {formError}
          </Alert>
        )}
        <ProviderForm initial={EMPTY_PROVIDER} onSubmit={create} onCancel={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}
