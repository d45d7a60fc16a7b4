import {
  Alert,
  Badge,
  Button,
  Card,
  Container,
  FileButton,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import '../../i18n/questionnaire';

type LinkView = ApiSchemas['openQuestionnaireLink'];
type Answer = LinkView['answers'][number];
/** An answer being edited: the choice stays empty until the provider picks one. */
type Draft = Omit<Answer, 'answer'> & { answer: Answer['answer'] | '' };

/** The provider's page behind the e-mailed link: no login, phone-first, one questionnaire only. */
export function QuestionnaireLinkPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<LinkView>();
  const [errorCode, setErrorCode] = useState<string>();
  const [answers, setAnswers] = useState<Record<string, Draft>>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'submitted'>('idle');
  const [uploading, setUploading] = useState<string>();
  const [uploadError, setUploadError] = useState<string>();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/questionnaire-links/{token}', {
      params: { path: { token } },
    });
    if (!data) {
      setErrorCode((error as { code?: string } | undefined)?.code ?? 'generic');
      return;
    }
    setView(data);
    // What the provider typed and has not saved yet wins over the stored answers: reloading after an
    // attachment (or any refresh of the view) never discards unsaved answers.
    setAnswers((typed) => ({ ...Object.fromEntries(data.answers.map((a) => [a.itemId, a])), ...typed }));
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  const answeredCount = useMemo(() => Object.values(answers).filter((a) => a.answer).length, [answers]);

  const setAnswer = (itemId: string, change: Partial<Draft>) => {
    setStatus('idle');
    setAnswers((current) => ({
      ...current,
      [itemId]: { itemId, answer: '', explanation: '', ...current[itemId], ...change },
    }));
  };

  const save = async () => {
    setStatus('saving');
    const { error } = await api.PUT('/api/v1/questionnaire-links/{token}/answers', {
      params: { path: { token } },
      body: { answers: Object.values(answers).filter((a): a is Answer => a.answer !== '') },
    });
    if (error) setErrorCode((error as { code?: string }).code ?? 'generic');
    else setStatus('saved');
    return !error;
  };

  const submit = async () => {
    if (!window.confirm(t('questionnaire.submitConfirm'))) return;
    if (!(await save())) return;
    const { error } = await api.POST('/api/v1/questionnaire-links/{token}/submit', {
      params: { path: { token } },
    });
    if (error) setErrorCode((error as { code?: string }).code ?? 'generic');
    else setStatus('submitted');
  };

  const upload = async (itemId: string, file: File | null) => {
    if (!file) return;
    setUploading(itemId);
    const form = new FormData();
    form.append('itemId', itemId);
    form.append('file', file);
    const response = await fetch(`/api/v1/questionnaire-links/${encodeURIComponent(token)}/attachments`, {
      method: 'POST',
      body: form,
      headers: { 'accept-language': lang },
    });
    setUploading(undefined);
    setUploadError(response.ok ? undefined : ((await response.json()) as { message?: string }).message);
    await load();
  };

  if (errorCode) {
    const key = `questionnaire.error.${errorCode}`;
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title={t('questionnaire.title')}>
          {i18n.exists(key) ? t(key) : t('questionnaire.error.generic')}
        </Alert>
      </Container>
    );
  }
  if (!view) return <Loader m="xl" aria-label={t('common.loading')} />;
  if (status === 'submitted') {
    return (
      <Container size="sm" py="xl">
        <Alert color="teal" data-testid="questionnaire-submitted">
          {t('questionnaire.submitted')}
        </Alert>
      </Container>
    );
  }

  return (
    <Container size="sm" px="sm" py="md">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h3">
            {t('questionnaire.title')}
          </Title>
          <LanguageSwitch />
        </Group>
        <Text size="sm">
          {t('questionnaire.intro', { firm: view.organizationName, provider: view.providerName })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('questionnaire.expires', { date: view.expiresAt.slice(0, 10) })}
        </Text>
        {view.status === 'returned' && view.reviewComment && (
          <Alert color="orange" title={t('questionnaire.returned')}>
            {view.reviewComment}
          </Alert>
        )}
        <Progress
          value={(answeredCount / Math.max(view.questions.length, 1)) * 100}
          aria-label={t('questionnaire.progress', { answered: answeredCount, total: view.questions.length })}
        />
        <Text size="sm">
          {t('questionnaire.progress', { answered: answeredCount, total: view.questions.length })}
        </Text>
        {uploadError && (
          <Alert color="red" withCloseButton onClose={() => setUploadError(undefined)}>
            {uploadError}
          </Alert>
        )}
        {view.questions.map((question) => {
          const current = answers[question.itemId];
          const files = view.attachments.filter((a) => a.itemId === question.itemId);
          return (
            <Card key={question.itemId} withBorder padding="sm" data-testid={`question-${question.number}`}>
              <Stack gap="xs">
                <Badge variant="light" w="fit-content">
                  {t('questionnaire.question', { number: question.number })}
                </Badge>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {question.question[lang]}
                </Text>
                <SegmentedControl
                  fullWidth
                  aria-label={t('questionnaire.answer.label')}
                  value={current?.answer ?? ''}
                  onChange={(value) => setAnswer(question.itemId, { answer: value as Answer['answer'] })}
                  data={(['yes', 'partly', 'no'] as const).map((value) => ({
                    value,
                    label: t(`questionnaire.answer.${value}`),
                  }))}
                />
                <Textarea
                  label={t('questionnaire.explanation')}
                  placeholder={t('questionnaire.explanationPlaceholder')}
                  autosize
                  minRows={2}
                  value={current?.explanation ?? ''}
                  onChange={(event) => setAnswer(question.itemId, { explanation: event.currentTarget.value })}
                />
                <Group gap="xs">
                  <FileButton onChange={(file) => void upload(question.itemId, file)}>
                    {(props) => (
                      <Button variant="subtle" size="xs" loading={uploading === question.itemId} {...props}>
                        {t('questionnaire.attach')}
                      </Button>
                    )}
                  </FileButton>
                  {files.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('questionnaire.attached', { names: files.map((f) => f.filename).join('、') })}
                    </Text>
                  )}
                </Group>
              </Stack>
            </Card>
          );
        })}
        {answeredCount < view.questions.length && (
          <Text size="sm" c="orange">
            {t('questionnaire.incomplete', { count: view.questions.length - answeredCount })}
          </Text>
        )}
        <Group grow>
          <Button variant="default" onClick={() => void save()} loading={status === 'saving'}>
            {status === 'saved' ? t('questionnaire.saved') : t('questionnaire.save')}
          </Button>
          <Button onClick={() => void submit()} disabled={answeredCount < view.questions.length}>
            {t('questionnaire.submit')}
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
