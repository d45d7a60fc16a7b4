import { Alert, Button, Group, Select, Stack, Stepper, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery, useApiQuery } from '../../api/query';
import { ScopingForm } from './ScopingForm';
import { errorMessage, FULL_SCOPE, type ScopingAnswers } from './shared';
import { useAssignableMembers } from './useAssignableMembers';
import '../../i18n/assessments';

/** Wizard: basics → scoping → create. Scoping can be changed later in the workspace. */
export function AssessmentCreatePage() {
  const { orgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const catalogList = useApiQuery(['catalogs'], (signal) => api.GET('/api/v1/catalogs', { signal }));
  const catalogs = (catalogList.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.title[lang]} (${c.version})`,
  }));
  // Approved assessments to carry forward from, from every page (the list page's key and cache).
  const list = useApiListQuery<ApiSchemas['listAssessments']['items'][number], ApiSchemas['listAssessments']>(
    ['assessments', orgId],
    (cursor, signal) =>
      api.GET('/api/v1/orgs/{orgId}/assessments', {
        params: { path: { orgId }, query: { limit: 100, cursor } },
        signal,
      }),
  );
  const approved = (list.data?.items ?? []).filter((a) => a.state === 'approved');
  const [chosenCatalog, setCatalogId] = useState<string | null>(null);
  const catalogId = chosenCatalog ?? catalogs[0]?.value ?? null;
  const [name, setName] = useState('');
  const [period, setPeriod] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [ownerUserId, setOwnerUserId] = useState<string | null>(null);
  const members = useAssignableMembers(orgId);
  const [carryFrom, setCarryFrom] = useState<string | null>(null);
  const [scoping, setScoping] = useState<ScopingAnswers>(FULL_SCOPE);
  const [error, setError] = useState<string>();

  const chooseCarryForward = (id: string | null) => {
    setCarryFrom(id);
    const source = approved.find((a) => a.id === id);
    if (source?.scoping) setScoping(source.scoping);
  };

  const create = async () => {
    if (!catalogId) return;
    const { data, error: failure } = await api.POST('/api/v1/orgs/{orgId}/assessments', {
      params: { path: { orgId } },
      body: {
        catalogId,
        name,
        period,
        dueDate: dueDate || null,
        ...(ownerUserId ? { ownerUserId } : {}),
        scoping,
        ...(carryFrom ? { carryForwardFrom: carryFrom } : {}),
      },
    });
    if (data) navigate(`/orgs/${orgId}/assessments/${data.id}`);
    else setError(errorMessage(failure));
  };

  const basicsValid = Boolean(catalogId && name.trim() && period.trim());
  return (
    <Stack maw={760}>
      <Title order={2}>{t('assessments.wizard.title')}</Title>
      {error && <Alert color="red">{t('assessments.error.generic', { message: error })}</Alert>}
      <Stepper active={step} onStepClick={setStep} allowNextStepsSelect={false}>
        <Stepper.Step label={t('assessments.wizard.stepBasics')}>
          <Stack>
            <Select
              label={t('assessments.wizard.catalog')}
              data={catalogs}
              value={catalogId}
              onChange={setCatalogId}
              required
            />
            <TextInput
              label={t('assessments.wizard.name')}
              placeholder={t('assessments.wizard.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
            />
            <TextInput
              label={t('assessments.wizard.period')}
              placeholder={t('assessments.wizard.periodPlaceholder')}
              value={period}
              onChange={(e) => setPeriod(e.currentTarget.value)}
              required
            />
            <TextInput
              type="date"
              label={t('assessments.wizard.dueDate')}
              value={dueDate}
              onChange={(e) => setDueDate(e.currentTarget.value)}
            />
            <Select
              label={t('assessments.wizard.owner')}
              description={t('assessments.wizard.ownerHelp')}
              data={members}
              value={ownerUserId}
              onChange={setOwnerUserId}
              clearable
              searchable
            />
            <Select
              label={t('assessments.wizard.carryForward')}
              placeholder={t('assessments.wizard.carryForwardNone')}
              clearable
              data={approved.map((a) => ({ value: a.id, label: `${a.name}（${a.period}）` }))}
              value={carryFrom}
              onChange={chooseCarryForward}
            />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('assessments.wizard.stepScope')}>
          <ScopingForm value={scoping} onChange={setScoping} />
        </Stepper.Step>
        <Stepper.Step label={t('assessments.wizard.stepConfirm')}>
          <Stack gap={4}>
            <div>{name}</div>
            <div>{period}</div>
          </Stack>
        </Stepper.Step>
      </Stepper>
      <Group justify="flex-end">
        {step > 0 && (
          <Button variant="default" onClick={() => setStep(step - 1)}>
            {t('assessments.wizard.back')}
          </Button>
        )}
        {step < 2 ? (
          <Button onClick={() => setStep(step + 1)} disabled={!basicsValid}>
            {t('assessments.wizard.next')}
          </Button>
        ) : (
          <Button onClick={() => void create()} disabled={!basicsValid}>
            {t('assessments.wizard.create')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
