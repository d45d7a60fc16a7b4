import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';
import '../../i18n/invitations';

type MyInvitation = ApiSchemas['listMyInvitations'][number];

/** Invitations addressed to the signed-in person: accept one to join that organisation in that role. */
export function MyInvitationsPage() {
  const { t, i18n } = useTranslation();
  const { refresh, setCurrentOrgId } = useAuth();
  const navigate = useNavigate();
  const query = useApiQuery(['me', 'invitations'], (signal) => api.GET('/api/v1/me/invitations', { signal }));
  const invitations = query.data;
  const [error, setError] = useState<string>();

  const accept = async (invitation: MyInvitation) => {
    const { data, error: failure } = await api.POST('/api/v1/me/invitations/{invitationId}/accept', {
      params: { path: { invitationId: invitation.id } },
    });
    if (!data) return setError(errorMessage(failure));
    await refresh();
    setCurrentOrgId(data.orgId);
    navigate(`/orgs/${data.orgId}/assessments`);
  };

  return (
    <Stack maw={720}>
      <Title order={2}>{t('invitations.mine')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {query.error && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {invitations?.length === 0 && <Text c="dimmed">{t('invitations.mineEmpty')}</Text>}
      {invitations?.map((invitation) => (
        <Card withBorder key={invitation.id} data-testid="my-invitation">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={2}>
              <Text fw={600}>{invitation.organizationName}</Text>
              <Text size="sm">
                {t('orgAdmin.role')}: {t(`orgAdmin.roles.${invitation.role}`)} · {t('invitations.expires')}{' '}
                {new Date(invitation.expiresAt).toLocaleDateString(i18n.resolvedLanguage)}
              </Text>
            </Stack>
            <Button onClick={() => void accept(invitation)}>{t('invitations.accept')}</Button>
          </Group>
        </Card>
      ))}
      {invitations && invitations.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('invitations.declineHint')}
        </Text>
      )}
    </Stack>
  );
}
