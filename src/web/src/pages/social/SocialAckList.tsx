import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import '../../i18n/social';

type Acks = ApiSchemas['listSocialPolicyAcknowledgements'];

/** Art. 10.1: who acknowledged one policy version and when, and who has not yet (loaded on demand). */
export function SocialAckList(props: { orgId: string; policyVersionId: string }) {
  const { t } = useTranslation();
  const [acks, setAcks] = useState<Acks>();
  if (!acks)
    return (
      <Group>
        <Button
          size="compact-xs"
          variant="subtle"
          data-testid="social-acks-show"
          onClick={async () => {
            const { data } = await api.GET(
              '/api/v1/orgs/{orgId}/social/policies/{policyVersionId}/acknowledgements',
              { params: { path: { orgId: props.orgId, policyVersionId: props.policyVersionId } } },
            );
            setAcks(data);
          }}
        >
          {t('social.policy.showAcks')}
        </Button>
      </Group>
    );
  return (
    <Stack gap={0} data-testid="social-acks">
      <Text size="sm">
        {t('social.policy.acknowledgedBy')}：
        {acks.acknowledged.map((p) => `${p.name}（${(p.acknowledgedAt ?? '').slice(0, 10)}）`).join('、') ||
          '—'}
      </Text>
      <Text size="sm" c={acks.outstanding.length ? 'red' : undefined}>
        {t('social.policy.outstanding')}：{acks.outstanding.map((p) => p.name).join('、') || '—'}
      </Text>
    </Stack>
  );
}
