import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';
import '../../i18n/invitations';

type MyInvitation = ApiSchemas['listMyInvitations'][number];

/** Invitations addressed to the signed-in person: accept one to join that organisation in that role. */
export function MyInvitationsPage() {
  const { t, i18n } = useTranslation();
  const { refresh, setCurrentOrgId } = useAuth();
  const navigate = useNavigate();
  const [invitations, setInvitations] = useState<MyInvitation[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/me/invitations');
    if (data) setInvitations(data);
    else setError(errorMessage(failure));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

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
