import {
  Accordion,
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Drawer,
  Group,
  Loader,
  Modal,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { ReportActions } from '../reports/ReportActions';
import { ItemPanel } from './ItemPanel';
import { ScopingForm } from './ScopingForm';
import {
  type Assessment,
  type AssessmentItem,
  errorMessage,
  FULL_SCOPE,
  formatRate,
  RESULT_CODES,
  RESULT_COLORS,
  type ScopingAnswers,
  STATE_COLORS,
} from './shared';
import { useAssignableMembers } from './useAssignableMembers';
import { WorkflowActions } from './WorkflowActions';
import '../../i18n/assessments';

type Summary = ApiSchemas['getAssessmentSummary'];

export function AssessmentWorkspacePage() {
  const { orgId = '', assessmentId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const [assessment, setAssessment] = useState<Assessment>();
  const [items, setItems] = useState<AssessmentItem[]>([]);
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const [result, setResult] = useState<string | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [assignee, setAssignee] = useState<string | null>(null);
  const members = useAssignableMembers(orgId);
  const [hideNa, setHideNa] = useState(false);
  const [search, setSearch] = useState('');
  const [scoping, setScoping] = useState<ScopingAnswers>();
  const path = { orgId, assessmentId };

  const load = useCallback(async () => {
    const path = { orgId, assessmentId };
    const [detail, totals] = await Promise.all([
      api.GET('/api/v1/orgs/{orgId}/assessments/{assessmentId}', { params: { path, query: {} } }),
      api.GET('/api/v1/orgs/{orgId}/assessments/{assessmentId}/summary', { params: { path } }),
    ]);
    if (detail.data) {
      setAssessment(detail.data.assessment);
      setItems(detail.data.items);
    } else setError(errorMessage(detail.error));
    if (totals.data) setSummary(totals.data);
  }, [orgId, assessmentId]);

  useEffect(() => {
    void load();
  }, [load]);

  const visible = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return items.filter(
      (item) =>
        (!result || item.result === result) &&
        (!assignee || item.assigneeUserId === assignee) &&
        (!overdueOnly || item.overdue) &&
        (!hideNa || item.applicable) &&
        (!needle || item.question[lang].toLowerCase().includes(needle) || String(item.number) === needle),
    );
  }, [items, result, assignee, overdueOnly, hideNa, search, lang]);

  const chapters = useMemo(
    () => [...new Set(visible.map((i) => i.chapter))].sort((a, b) => a - b),
    [visible],
  );
  const current = items.find((i) => i.id === selected);

  const saveScoping = async () => {
    if (!assessment || !scoping) return;
    const { error: failure } = await api.PUT('/api/v1/orgs/{orgId}/assessments/{assessmentId}/scoping', {
      params: { path },
      body: { version: assessment.version, answers: scoping },
    });
    setScoping(undefined);
    if (failure) setError(errorMessage(failure));
    await load();
  };

  if (!assessment)
    return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  const overall = summary?.overall;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2}>{assessment.name}</Title>
            <Badge color={STATE_COLORS[assessment.state]} data-testid="assessment-state">
              {t(`assessments.state.${assessment.state}`)}
            </Badge>
          </Group>
          <Text c="dimmed" size="sm">
            {assessment.period} · r{assessment.revision}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            component={Link}
            variant="default"
            to={`/orgs/${orgId}/assessments/${assessmentId}/dashboard`}
          >
            {t('assessments.workspace.actions.dashboard')}
          </Button>
          <Button
            component={Link}
            variant="default"
            to={`/orgs/${orgId}/assessments/${assessmentId}/compare`}
          >
            {t('assessments.workspace.actions.compare')}
          </Button>
          <ReportActions
            orgId={orgId}
            assessmentId={assessmentId}
            editable={assessment.state === 'draft'}
            onImported={() => void load()}
          />
          {assessment.state === 'draft' && (
            <Button variant="default" onClick={() => setScoping(assessment.scoping ?? FULL_SCOPE)}>
              {t('assessments.scoping.edit')}
            </Button>
          )}
          <WorkflowActions
            orgId={orgId}
            assessment={assessment}
            onChanged={() => void load()}
            onError={setError}
          />
        </Group>
      </Group>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(undefined)}>
          {t('assessments.error.generic', { message: error })}
        </Alert>
      )}
      {assessment.state === 'approved' && (
        <Alert color="teal">
          {t('assessments.workspace.locked')} {t('assessments.workspace.fingerprint')}:{' '}
          <Code data-testid="fingerprint">{assessment.fingerprint}</Code>
        </Alert>
      )}
      {overall && (
        <Group grow>
          <Stack gap={4}>
            <Text size="sm">
              {t('assessments.workspace.progress', {
                assessed: overall.assessed,
                applicable: overall.applicable,
              })}
            </Text>
            <Progress value={overall.progress * 100} />
          </Stack>
          <Text size="sm">
            {t('assessments.workspace.compliance')}: <b>{formatRate(overall.complianceRate)}</b>
          </Text>
        </Group>
      )}
      <Group align="flex-end">
        <Select
          label={t('assessments.workspace.filters.result')}
          placeholder={t('assessments.workspace.filters.all')}
          clearable
          data={RESULT_CODES.map((code) => ({ value: code, label: t(`assessments.result.${code}`) }))}
          value={result}
          onChange={setResult}
        />
        <Select
          label={t('assessments.workspace.filters.assignee')}
          placeholder={t('assessments.workspace.filters.all')}
          clearable
          searchable
          data={members}
          value={assignee}
          onChange={setAssignee}
          data-testid="filter-assignee"
        />
        <TextInput
          label={t('assessments.workspace.filters.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Checkbox
          label={t('assessments.workspace.filters.overdue')}
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
        />
        <Checkbox
          label={t('assessments.workspace.filters.hideNotApplicable')}
          checked={hideNa}
          onChange={(e) => setHideNa(e.currentTarget.checked)}
        />
      </Group>
      <Accordion multiple defaultValue={chapters.map(String)}>
        {chapters.map((chapter) => (
          <Accordion.Item key={chapter} value={String(chapter)}>
            <Accordion.Control>{t('assessments.workspace.chapter', { number: chapter })}</Accordion.Control>
            <Accordion.Panel>
              <Table highlightOnHover>
                <Table.Tbody>
                  {visible
                    .filter((item) => item.chapter === chapter)
                    .map((item) => (
                      <Table.Tr
                        key={item.id}
                        onClick={() => setSelected(item.id)}
                        style={{ cursor: 'pointer' }}
                        data-testid={`item-row-${item.number}`}
                      >
                        <Table.Td w={48}>{item.number}</Table.Td>
                        <Table.Td>
                          <Text size="sm" lineClamp={2} c={item.applicable ? undefined : 'dimmed'}>
                            {item.question[lang]}
                          </Text>
                          {item.assigneeUserId && (
                            <Text size="xs" c="dimmed">
                              {t('assessments.item.assignee')}:{' '}
                              {members.find((m) => m.value === item.assigneeUserId)?.label}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td w={220}>
                          <Group gap={4}>
                            {item.applicable ? (
                              <Badge color={RESULT_COLORS[item.result]}>
                                {t(`assessments.result.${item.result}`)}
                              </Badge>
                            ) : (
                              <Badge color="gray" variant="outline">
                                {t('assessments.workspace.notApplicable')}
                              </Badge>
                            )}
                            {item.needsReconfirmation && (
                              <Badge color="violet" variant="light">
                                {t('assessments.workspace.reconfirm')}
                              </Badge>
                            )}
                            {item.overdue && (
                              <Badge color="red" variant="light">
                                {t('assessments.workspace.overdue')}
                              </Badge>
                            )}
                            {item.provenance === 'derived' && (
                              <Badge variant="outline" title={t('assessments.workspace.derivedHint')}>
                                {t('assessments.workspace.derived')}
                              </Badge>
                            )}
                            {item.evidence.length > 0 && (
                              <Badge variant="dot">
                                {t('assessments.workspace.evidenceCount', { count: item.evidence.length })}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <Drawer
        opened={current !== undefined}
        onClose={() => setSelected(undefined)}
        position="right"
        size="lg"
        title={assessment.name}
      >
        {current && (
          <ItemPanel
            orgId={orgId}
            assessment={assessment}
            item={current}
            members={members}
            onChanged={(updated) => {
              if (updated) setItems((list) => list.map((i) => (i.id === updated.id ? updated : i)));
              void load();
            }}
          />
        )}
      </Drawer>
      <Modal
        opened={scoping !== undefined}
        onClose={() => setScoping(undefined)}
        title={t('assessments.scoping.title')}
        size="lg"
      >
        {scoping && (
          <Stack>
            <ScopingForm value={scoping} onChange={setScoping} />
            <Button onClick={() => void saveScoping()}>{t('assessments.scoping.save')}</Button>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
