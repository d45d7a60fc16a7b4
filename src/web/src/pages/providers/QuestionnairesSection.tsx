import { Alert, Badge, Button, Card, Code, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery, useApiQuery } from '../../api/query';
import { errorMessage } from '../assessments/shared';
import type { Provider } from './ProviderForm';
import { QuestionnaireReviewModal } from './QuestionnaireReviewModal';
import '../../i18n/providers';

type Questionnaire = ApiSchemas['listQuestionnaires'][number];

/** Send, track, revoke and review the provider's questionnaires. */
export function QuestionnairesSection({
  orgId,
  provider,
  onError,
}: {
  orgId: string;
  provider: Provider;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const query = useApiQuery(['providers', orgId, 'questionnaires', provider.id], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/questionnaires', {
      params: { path: { orgId }, query: { providerId: provider.id } },
      signal,
    }),
  );
  const list: Questionnaire[] = query.data ?? [];
  const load = () => query.refetch();
  const [contactId, setContactId] = useState<string | null>(provider.contacts[0]?.id ?? null);
  // Draft assessments a questionnaire can feed, from every page of the list (not just the first 100).
  // Same key and pages as the assessment list, so both share one cache entry.
  const drafts = useApiListQuery<
    ApiSchemas['listAssessments']['items'][number],
    ApiSchemas['listAssessments']
  >(['assessments', orgId], (cursor, signal) =>
    api.GET('/api/v1/orgs/{orgId}/assessments', {
      params: { path: { orgId }, query: { limit: 100, cursor } },
      signal,
    }),
  );
  const assessments = (drafts.data?.items ?? [])
    .filter((a) => a.state === 'draft')
    .map((a) => ({ value: a.id, label: `${a.name}（${a.period}）` }));
  const [assessmentId, setAssessmentId] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; delivered: boolean }>();
  const [reviewing, setReviewing] = useState<Questionnaire>();

  const send = async () => {
    if (!contactId) return;
    const { data, error } = await api.POST('/api/v1/orgs/{orgId}/providers/{providerId}/questionnaires', {
      params: { path: { orgId, providerId: provider.id } },
      body: { contactId, assessmentId },
    });
    if (data) setLink({ url: data.link, delivered: data.delivered });
    else onError(errorMessage(error));
    await load();
  };

  const revoke = async (questionnaireId: string) => {
    const { error } = await api.POST('/api/v1/orgs/{orgId}/questionnaires/{questionnaireId}/revoke', {
      params: { path: { orgId, questionnaireId } },
    });
    if (error) onError(errorMessage(error));
    await load();
  };

  return (
    <Card withBorder>
      <Text fw={600}>{t('providers.questionnaires')}</Text>
      <Group align="flex-end" gap="xs">
        <Select
          label={t('providers.sendTo')}
          data={provider.contacts.map((c) => ({ value: c.id, label: `${c.name} <${c.email}>` }))}
          value={contactId}
          onChange={setContactId}
        />
        <Select
          label={t('providers.sendForAssessment')}
          clearable
          data={assessments}
          value={assessmentId}
          onChange={setAssessmentId}
        />
        <Button onClick={() => void send()} disabled={!contactId}>
          {t('providers.send')}
        </Button>
      </Group>
      {link && (
        <Alert color={link.delivered ? 'teal' : 'blue'} mt="xs">
          {link.delivered ? t('providers.linkSent') : t('providers.linkCopy')}
          {!link.delivered && (
            <Code block data-testid="questionnaire-link">
              {link.url}
            </Code>
          )}
        </Alert>
      )}
      <Table mt="xs">
        <Table.Tbody>
          {list.map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td>
                <Badge variant="light">{t(`providers.questionnaireStatus.${q.status}`)}</Badge>
              </Table.Td>
              <Table.Td>{q.sentAt?.slice(0, 10)}</Table.Td>
              <Table.Td>{q.expiresAt.slice(0, 10)}</Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {['submitted', 'accepted', 'returned'].includes(q.status) && (
                    <Button
                      size="xs"
                      variant={q.status === 'submitted' ? 'filled' : 'default'}
                      onClick={() => setReviewing(q)}
                      data-testid="questionnaire-review"
                    >
                      {t(q.status === 'submitted' ? 'providers.review.open' : 'providers.review.view')}
                    </Button>
                  )}
                  {['sent', 'in_progress', 'returned'].includes(q.status) && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(q.id)}>
                      {t('providers.revoke')}
                    </Button>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <QuestionnaireReviewModal
        orgId={orgId}
        questionnaire={reviewing}
        assessments={assessments}
        onClose={() => setReviewing(undefined)}
        onDecided={() => {
          setReviewing(undefined);
          void load();
        }}
      />
    </Card>
  );
}
