import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { errorMessage } from '../assessments/shared';
import '../../i18n/providers';
import '../../i18n/questionnaire';

type Questionnaire = ApiSchemas['listQuestionnaires'][number];
const ANSWER_COLORS = { yes: 'teal', partly: 'orange', no: 'red' } as const;

/** What the provider answered, question by question, and the firm's decision: accept into an assessment, or return. */
export function QuestionnaireReviewModal(props: {
  orgId: string;
  questionnaire: Questionnaire | undefined;
  assessments: Array<{ value: string; label: string }>;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const { orgId, questionnaire } = props;
  const query = useApiQuery(
    ['providers', orgId, 'questionnaire-replies', questionnaire?.id],
    (signal) =>
      api.GET('/api/v1/orgs/{orgId}/questionnaires/{questionnaireId}/replies', {
        params: { path: { orgId, questionnaireId: questionnaire?.id ?? '' } },
        signal,
      }),
    { enabled: questionnaire !== undefined },
  );
  const replies = query.data;
  const [target, setTarget] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();

  // A newly opened questionnaire starts with an empty decision (the replies come from the query above).
  useEffect(() => {
    setComment('');
    setError(undefined);
    setTarget(questionnaire?.assessmentId ?? null);
  }, [questionnaire]);

  const decide = async (decision: 'accept' | 'return') => {
    if (!questionnaire) return;
    const { error: failure } = await api.POST(
      '/api/v1/orgs/{orgId}/questionnaires/{questionnaireId}/review',
      {
        params: { path: { orgId, questionnaireId: questionnaire.id } },
        body: { decision, comment, ...(decision === 'accept' ? { attachToAssessmentId: target } : {}) },
      },
    );
    if (failure) setError(errorMessage(failure));
    else props.onDecided();
  };

  const base = questionnaire ? `/api/v1/orgs/${orgId}/questionnaires/${questionnaire.id}` : '';
  return (
    <Modal
      opened={questionnaire !== undefined}
      onClose={props.onClose}
      size="xl"
      title={t('providers.review.title')}
    >
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        {query.error && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        <Table data-testid="questionnaire-replies">
          <Table.Tbody>
            {replies?.questions.map((q) => {
              const answer = replies.answers.find((a) => a.itemId === q.itemId);
              const files = replies.attachments.filter((a) => a.itemId === q.itemId);
              return (
                <Table.Tr key={q.itemId}>
                  <Table.Td w={56}>#{q.number}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{q.question[lang]}</Text>
                    {answer?.explanation && (
                      <Text size="sm" c="dimmed">
                        {answer.explanation}
                      </Text>
                    )}
                    {files.map((f) => (
                      <Anchor key={f.id} size="sm" href={`${base}/attachments/${f.id}`} download mr="xs">
                        {f.filename}
                      </Anchor>
                    ))}
                  </Table.Td>
                  <Table.Td w={90}>
                    {answer ? (
                      <Badge color={ANSWER_COLORS[answer.answer]}>
                        {t(`questionnaire.answer.${answer.answer}`)}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {questionnaire?.status === 'submitted' && (
          <Stack gap="xs">
            <Select
              label={t('providers.review.attachTo')}
              description={t('providers.review.attachToHelp')}
              data={props.assessments}
              value={target}
              onChange={setTarget}
              clearable
            />
            <Textarea
              label={t('providers.review.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group justify="flex-end">
              <Button variant="default" disabled={!comment.trim()} onClick={() => void decide('return')}>
                {t('providers.return')}
              </Button>
              <Button color="teal" onClick={() => void decide('accept')} data-testid="questionnaire-accept">
                {t('providers.accept')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
