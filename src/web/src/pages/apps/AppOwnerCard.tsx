import { Button, Card, Group, Select, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { useAssignableMembers } from '../assessments/useAssignableMembers';
import type { MobileApp } from './shared';
import '../../i18n/apps';

/**
 * Who answers for the app (its owner). Setting an owner here is what closes the register's owner tasks:
 * another member reassigns it; the same member again confirms it after a role or department change.
 */
export function AppOwnerCard({
  orgId,
  app,
  onSaved,
  onError,
}: {
  orgId: string;
  app: MobileApp;
  onSaved: (app: MobileApp) => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const members = useAssignableMembers(orgId);
  const queries = useQueryClient();
  const [owner, setOwner] = useState<string | null>(app.ownerUserId);
  const [saving, setSaving] = useState(false);
  const current = members.find((m) => m.value === app.ownerUserId)?.label;

  const save = async () => {
    if (!owner) return;
    setSaving(true);
    const { data, error } = await api.PATCH('/api/v1/orgs/{orgId}/apps/{appId}', {
      params: { path: { orgId, appId: app.id } },
      body: { version: app.version, ownerUserId: owner },
    });
    setSaving(false);
    if (error) return onError(errorMessage(error));
    onSaved(data);
    // The register page's task list may have lost a task with this change.
    await queries.invalidateQueries({ queryKey: ['apps', orgId, 'tasks'] });
  };

  return (
    <Card withBorder data-testid="app-owner">
      <Title order={4} mb="xs">
        {t('apps.owner.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('apps.owner.current')}: {current ?? (app.ownerUserId ? '…' : t('apps.owner.none'))}
      </Text>
      <Group align="flex-end">
        <Select
          label={t('apps.owner.choose')}
          data={members}
          value={owner}
          onChange={setOwner}
          searchable
          w={280}
        />
        <Button onClick={() => void save()} loading={saving} disabled={!owner}>
          {owner === app.ownerUserId ? t('apps.owner.confirm') : t('apps.owner.save')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('apps.owner.hint')}
      </Text>
    </Card>
  );
}
