import {
  Alert,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Loader,
  Modal,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { ReportActions } from '../reports/ReportActions';
import { BulkConfirm } from './BulkConfirm';
import { ItemPanel } from './ItemPanel';
import { ItemTable } from './ItemTable';
import { ReturnedBanner, SignOffLine } from './ReviewBanner';
import { ScopingForm } from './ScopingForm';
import { errorMessage, FULL_SCOPE, formatRate, type ScopingAnswers, STATE_COLORS } from './shared';
import { useAssignableMembers } from './useAssignableMembers';
import { WorkflowActions } from './WorkflowActions';
import { applyFilters, NO_FILTERS, WorkspaceFilters } from './WorkspaceFilters';
import '../../i18n/assessments';

export function AssessmentWorkspacePage() {
  const { orgId = '', assessmentId = '', itemNumber } = useParams();
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const [error, setError] = useState<string>();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const members = useAssignableMembers(orgId);
  const [scoping, setScoping] = useState<ScopingAnswers>();
  const path = { orgId, assessmentId };
  const base = `/orgs/${orgId}/assessments/${assessmentId}`;

  const client = useQueryClient();
  const detailQuery = useApiQuery(['assessments', orgId, 'detail', assessmentId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/assessments/{assessmentId}', { params: { path, query: {} }, signal }),
  );
  const summaryQuery = useApiQuery(['assessments', orgId, 'summary', assessmentId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/assessments/{assessmentId}/summary', { params: { path }, signal }),
  );
  const detail = detailQuery.data;
  const summary = summaryQuery.data;
  // Every view of this organisation's assessments (list, detail, summary, dashboard) is read again.
  const load = () => client.invalidateQueries({ queryKey: ['assessments', orgId] });

  /** After an action succeeded, an earlier failure's banner no longer applies. */
  const changed = () => {
    setError(undefined);
    void load();
  };

  const items = detail?.items ?? [];
  const visible = useMemo(() => applyFilters(items, filters, lang), [items, filters, lang]);
  const current = itemNumber ? items.find((i) => String(i.number) === itemNumber) : undefined;

  const saveScoping = async () => {
    if (!detail || !scoping) return;
    const { error: failure } = await api.PUT('/api/v1/orgs/{orgId}/assessments/{assessmentId}/scoping', {
      params: { path },
      body: { version: detail.assessment.version, answers: scoping },
    });
    setScoping(undefined);
    if (failure) setError(errorMessage(failure));
    else changed();
  };

  if (detailQuery.error)
    return <QueryError error={detailQuery.error} onRetry={() => void detailQuery.refetch()} />;
  if (!detail) return <Loader aria-label={t('common.loading')} />;
  const { assessment, abilities } = detail;
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
          <SignOffLine detail={detail} members={members} />
        </Stack>
        <Group gap="xs" align="flex-start">
          <Button component={Link} variant="default" to={`${base}/dashboard`}>
            {t('assessments.workspace.actions.dashboard')}
          </Button>
          <Button component={Link} variant="default" to={`${base}/compare`}>
            {t('assessments.workspace.actions.compare')}
          </Button>
          <ReportActions
            orgId={orgId}
            assessmentId={assessmentId}
            editable={abilities.answer.allowed}
            onImported={changed}
          />
          {abilities.answer.allowed && (
            <Button variant="default" onClick={() => setScoping(assessment.scoping ?? FULL_SCOPE)}>
              {t('assessments.scoping.edit')}
            </Button>
          )}
          <WorkflowActions orgId={orgId} detail={detail} onChanged={changed} onError={setError} />
        </Group>
      </Group>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(undefined)} data-testid="workspace-error">
          {t('assessments.error.generic', { message: error })}
        </Alert>
      )}
      <ReturnedBanner orgId={orgId} detail={detail} members={members} />
      {assessment.state === 'approved' && (
        <Alert color="teal">
          {t('assessments.workspace.locked')} {t('assessments.workspace.fingerprint')}:{' '}
          <Code data-testid="fingerprint" style={{ wordBreak: 'break-all' }}>
            {assessment.fingerprint}
          </Code>
        </Alert>
      )}
      {overall && (
        <Group grow preventGrowOverflow={false} wrap="wrap">
          <Stack gap={4} miw={220}>
            <Text size="sm" data-testid="progress">
              {t('assessments.workspace.progress', {
                assessed: overall.assessed - overall.unconfirmed,
                applicable: overall.applicable,
              })}
            </Text>
            <Progress value={overall.progress * 100} />
            {overall.unconfirmed > 0 && (
              <Text size="xs" c="violet" data-testid="unconfirmed-note">
                {t('assessments.workspace.unconfirmedNote', { count: overall.unconfirmed })}
              </Text>
            )}
          </Stack>
          <Text size="sm">
            {t('assessments.workspace.compliance')}: <b>{formatRate(overall.complianceRate)}</b>
          </Text>
        </Group>
      )}
      <WorkspaceFilters
        value={filters}
        onChange={setFilters}
        members={members}
        inReview={assessment.state === 'in_review'}
      />
      {abilities.review.allowed && (
        <BulkConfirm
          orgId={orgId}
          assessmentId={assessmentId}
          visible={visible}
          picked={picked}
          onPick={setPicked}
          onDone={changed}
          onError={setError}
        />
      )}
      <ItemTable
        orgId={orgId}
        assessmentId={assessmentId}
        items={visible}
        members={members}
        inReview={assessment.state === 'in_review'}
        selectable={abilities.review.allowed}
        picked={picked}
        onPick={(id, on) =>
          setPicked((set) => {
            const next = new Set(set);
            if (on) next.add(id);
            else next.delete(id);
            return next;
          })
        }
      />
      <Drawer
        opened={current !== undefined}
        onClose={() => navigate(base)}
        position="right"
        size="lg"
        title={assessment.name}
      >
        {current && (
          <ItemPanel
            orgId={orgId}
            assessment={assessment}
            abilities={abilities}
            item={current}
            members={members}
            onChanged={(updated) => {
              // The saved item shows at once; the refetch brings totals and abilities along.
              if (updated)
                client.setQueryData<typeof detail>(
                  ['assessments', orgId, 'detail', assessmentId],
                  (d) => d && { ...d, items: d.items.map((i) => (i.id === updated.id ? updated : i)) },
                );
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
