import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { clauseLabel } from '../../app/clauses';
import { APP_ITEM_NUMBERS, AppGatePanel } from '../apps/AppGatePanel';
import { ProviderCoverageHint } from '../providers/ProviderDashboardCard';
import { SocialRegisterHint } from '../social/SocialRegisterHint';
import { EvidenceSection } from './EvidenceSection';
import { ItemDiscussion, type ItemHistory } from './ItemDiscussion';
import { type Assessment, type AssessmentItem, errorMessage, RESULT_CODES, type ResultCode } from './shared';
import type { AssignableMember } from './useAssignableMembers';
import '../../i18n/assessments';

interface Draft {
  result: ResultCode;
  explanation: string;
  compensatingControl: string;
  dueDate: string;
  assigneeUserId: string | null;
  overrideApplicable: boolean;
  overrideReason: string;
}

const draftOf = (item: AssessmentItem): Draft => ({
  result: item.result,
  explanation: item.explanation,
  compensatingControl: item.compensatingControl,
  dueDate: item.dueDate ?? '',
  assigneeUserId: item.assigneeUserId,
  overrideApplicable: item.overrideApplicable,
  overrideReason: item.overrideReason,
});

/** One item: answer form, evidence, discussion and history, and the reviewer's decision. */
export function ItemPanel({
  orgId,
  assessment,
  abilities,
  item,
  members,
  onChanged,
}: {
  orgId: string;
  assessment: Assessment;
  abilities: ApiSchemas['getAssessment']['abilities'];
  item: AssessmentItem;
  members: AssignableMember[];
  onChanged: (item?: AssessmentItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const [draft, setDraft] = useState<Draft>(draftOf(item));
  const [message, setMessage] = useState<{ color: string; text: string }>();
  // The item's history, read again whenever the item's version changes (a save, a review).
  const historyQuery = useApiQuery(['assessments', orgId, 'item-history', item.id, item.version], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/assessment-items/{itemId}/history', {
      params: { path: { orgId, itemId: item.id } },
      signal,
    }),
  );
  const history: ItemHistory | undefined = historyQuery.data;
  const loadHistory = () => historyQuery.refetch();
  const [comment, setComment] = useState('');
  const editable = abilities.answer.allowed;
  const reviewing = abilities.review.allowed;
  const answered = item.applicable && item.result !== 'not_assessed';
  const path = { orgId, itemId: item.id };

  useEffect(() => setDraft(draftOf(item)), [item]);

  const save = async (confirm = false) => {
    const { data, error, response } = await api.PATCH('/api/v1/orgs/{orgId}/assessment-items/{itemId}', {
      params: { path },
      body: {
        version: item.version,
        ...draft,
        dueDate: draft.dueDate || null,
        ...(confirm ? { confirm: true } : {}),
      },
    });
    if (data) {
      setMessage({ color: 'teal', text: t('assessments.item.saved') });
      onChanged(data);
    } else if (response.status === 409) {
      setMessage({ color: 'orange', text: t('assessments.workspace.conflict') });
      onChanged();
    } else setMessage({ color: 'red', text: errorMessage(error) });
  };

  const review = async (status: 'validated' | 'flagged') => {
    // A flag is a request to correct something: it says what, so the assessor sees the reason on the item.
    if (status === 'flagged' && !comment.trim())
      return setMessage({ color: 'orange', text: t('assessments.review.flagNeedsReason') });
    const { data, error } = await api.POST('/api/v1/orgs/{orgId}/assessment-items/{itemId}/review', {
      params: { path },
      body: { version: item.version, status, comment: comment || undefined },
    });
    if (data) {
      setComment('');
      onChanged(data);
    } else setMessage({ color: 'red', text: errorMessage(error) });
  };

  const addComment = async () => {
    const { error } = await api.POST('/api/v1/orgs/{orgId}/assessment-items/{itemId}/comments', {
      params: { path },
      body: { body: comment },
    });
    if (error) setMessage({ color: 'red', text: errorMessage(error) });
    setComment('');
    void loadHistory();
  };

  const needsCompensating = draft.result === 'partially_compliant' || draft.result === 'non_compliant';
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Title order={4}>#{item.number}</Title>
        {item.provenance === 'derived' && (
          <Badge variant="outline" title={t('assessments.workspace.derivedHint')}>
            {t('assessments.workspace.derived')}
          </Badge>
        )}
        {answered && assessment.state !== 'draft' && (
          <Badge color={item.reviewStatus === 'validated' ? 'teal' : 'gray'} variant="light">
            {t(`assessments.workspace.reviewStatus.${item.reviewStatus}`)}
          </Badge>
        )}
        {item.reviewStatus === 'flagged' && (
          <Badge color="red">{t('assessments.workspace.reviewStatus.flagged')}</Badge>
        )}
        {!answered && item.applicable && (
          <Badge color="blue" variant="light">
            {t('assessments.review.unanswered')}
          </Badge>
        )}
      </Group>
      {item.reviewStatus === 'flagged' && item.reviewNote && (
        <Alert color="red" title={t('assessments.review.reviewNote')} data-testid="item-review-note">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {item.reviewNote}
          </Text>
        </Alert>
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {item.question[lang]}
      </Text>
      <Text size="xs" c="dimmed">
        {t('assessments.item.references')}: {item.references.map((r) => clauseLabel(r, lang)).join('、')}
      </Text>
      {item.role === 'cloud-user' && <ProviderCoverageHint orgId={orgId} itemId={item.itemId} />}
      {item.number >= APP_ITEM_NUMBERS.first && item.number <= APP_ITEM_NUMBERS.last && (
        <AppGatePanel
          orgId={orgId}
          itemRowId={item.id}
          itemNumber={item.number}
          attachedEvidenceIds={item.evidence.map((e) => e.id)}
          editable={editable}
          onAttached={() => onChanged()}
        />
      )}
      {item.number >= 34 && item.number <= 40 && (
        <SocialRegisterHint orgId={orgId} itemId={item.itemId} itemRowId={item.id} />
      )}
      {message && <Alert color={message.color}>{message.text}</Alert>}
      {!item.scopedApplicable && item.notApplicableReason && (
        <Alert color="gray" title={t('assessments.item.naReason')}>
          {item.notApplicableReason[lang]}
        </Alert>
      )}
      <Tabs defaultValue="answer">
        <Tabs.List>
          <Tabs.Tab value="answer">{t('assessments.item.result')}</Tabs.Tab>
          <Tabs.Tab value="evidence">
            {t('assessments.item.evidence')} ({item.evidence.length})
          </Tabs.Tab>
          <Tabs.Tab value="discussion">{t('assessments.item.comments')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="answer" pt="sm">
          <Stack gap="sm">
            {!item.scopedApplicable && (
              <Checkbox
                label={t('assessments.item.override')}
                checked={draft.overrideApplicable}
                disabled={!editable}
                onChange={(e) => setDraft({ ...draft, overrideApplicable: e.currentTarget.checked })}
              />
            )}
            {draft.overrideApplicable && !item.scopedApplicable && (
              <Textarea
                label={t('assessments.item.overrideReason')}
                value={draft.overrideReason}
                disabled={!editable}
                required
                onChange={(e) => setDraft({ ...draft, overrideReason: e.currentTarget.value })}
              />
            )}
            <Select
              label={t('assessments.item.result')}
              data={RESULT_CODES.map((code) => ({ value: code, label: t(`assessments.result.${code}`) }))}
              value={draft.result}
              disabled={!editable}
              allowDeselect={false}
              onChange={(value) => value && setDraft({ ...draft, result: value as ResultCode })}
              data-testid="item-result"
            />
            <Textarea
              label={t('assessments.item.explanation')}
              autosize
              minRows={3}
              value={draft.explanation}
              disabled={!editable}
              onChange={(e) => setDraft({ ...draft, explanation: e.currentTarget.value })}
            />
            <Textarea
              label={t('assessments.item.compensatingControl')}
              description={t('assessments.item.compensatingRequired')}
              required={needsCompensating}
              autosize
              minRows={2}
              value={draft.compensatingControl}
              disabled={!editable}
              onChange={(e) => setDraft({ ...draft, compensatingControl: e.currentTarget.value })}
            />
            <Select
              label={t('assessments.item.assignee')}
              data={members}
              clearable
              searchable
              value={draft.assigneeUserId}
              disabled={!editable}
              onChange={(value) => setDraft({ ...draft, assigneeUserId: value })}
              data-testid="item-assignee"
            />
            <TextInput
              type="date"
              label={t('assessments.item.dueDate')}
              value={draft.dueDate}
              disabled={!editable}
              onChange={(e) => setDraft({ ...draft, dueDate: e.currentTarget.value })}
            />
            {editable && (
              <Group>
                <Button onClick={() => void save()} data-testid="item-save">
                  {t('assessments.item.save')}
                </Button>
                {item.needsReconfirmation && (
                  <Button variant="light" onClick={() => void save(true)}>
                    {t('assessments.item.confirm')}
                  </Button>
                )}
              </Group>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="evidence" pt="sm">
          <EvidenceSection
            orgId={orgId}
            item={item}
            editable={editable}
            onChanged={() => onChanged()}
            onError={(text) => setMessage({ color: 'red', text })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="discussion" pt="sm">
          <ItemDiscussion history={history} />
        </Tabs.Panel>
      </Tabs>
      {abilities.comment.allowed && (
        <Stack gap="xs">
          <Textarea
            label={reviewing ? t('assessments.item.reviewComment') : t('assessments.item.addComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group>
            {reviewing ? (
              <>
                <Button color="teal" onClick={() => void review('validated')} data-testid="item-validate">
                  {t('assessments.item.validate')}
                </Button>
                <Button
                  color="orange"
                  variant="light"
                  onClick={() => void review('flagged')}
                  data-testid="item-flag"
                >
                  {t('assessments.item.flag')}
                </Button>
              </>
            ) : (
              <Button variant="default" onClick={() => void addComment()} disabled={!comment.trim()}>
                {t('assessments.item.addComment')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
