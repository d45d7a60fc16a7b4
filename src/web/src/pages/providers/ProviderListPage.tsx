import { Alert, Anchor, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { allPages, api } from '../../api/client';
import { type Ability, ActionButton } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import { ProviderDashboardCard } from './ProviderDashboardCard';
import { EMPTY_PROVIDER, type Provider, ProviderForm, type ProviderInput } from './ProviderForm';
import { ProviderStatusBadges } from './ProviderStatusBadges';
import '../../i18n/providers';

export function ProviderListPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [providers, setProviders] = useState<Provider[]>();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [canCreate, setCanCreate] = useState<Ability>();

  const load = useCallback(async () => {
    const { items, error: failure } = await allPages(async (cursor) => {
      const response = await api.GET('/api/v1/orgs/{orgId}/providers', {
        params: { path: { orgId }, query: { limit: 200, cursor } },
      });
      if (response.data) setCanCreate(response.data.abilities.create);
      return response;
    });
    if (failure) setError(errorMessage(failure));
    else setProviders(items);
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (input: ProviderInput) => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/providers', {
      params: { path: { orgId } },
      body: input,
    });
    // A refusal keeps the form open with everything typed; only a saved provider closes it.
    if (failure) return setFormError(errorMessage(failure));
    setFormError(undefined);
    setAdding(false);
    await load();
  };

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
      {error && <Alert color="red">{error}</Alert>}
      {providers && providers.length > 0 && <ProviderDashboardCard orgId={orgId} />}
      {!providers && !error && <Loader aria-label={t('common.loading')} />}
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
        <ProviderForm
          initial={EMPTY_PROVIDER}
          onSubmit={(v) => void create(v)}
          onCancel={() => setAdding(false)}
        />
      </Modal>
    </Stack>
  );
}
