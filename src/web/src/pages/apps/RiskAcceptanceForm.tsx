import { Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import type { ReleaseDetail } from './shared';
import '../../i18n/apps';

/** An approver accepts the findings that block a release, with a reason and an expiry (Art. 17). */
export function RiskAcceptanceForm(props: {
  orgId: string;
  release: ReleaseDetail;
  onDone: () => Promise<void>;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const record = async () => {
    const { error, response } = await api.POST(
      '/api/v1/orgs/{orgId}/app-releases/{releaseId}/risk-acceptance',
      {
        params: { path: { orgId: props.orgId, releaseId: props.release.id } },
        body: { version: props.release.version, reason, expiresOn },
      },
    );
    if (response.status === 403) props.onError(t('apps.risk.onlyApprover'));
    else if (error) props.onError(errorMessage(error));
    await props.onDone();
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={5}>{t('apps.risk.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('apps.risk.onlyApprover')}
        </Text>
        <Textarea
          label={t('apps.risk.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t('apps.risk.expiresOn')}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
          />
          <Button color="orange" onClick={() => void record()} disabled={!reason || !expiresOn}>
            {t('apps.risk.record')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
