import { Alert, Button, Group, Select, Stack, Stepper, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { ScopingForm } from './ScopingForm';
import { type Assessment, errorMessage, FULL_SCOPE, type ScopingAnswers } from './shared';
import { useAssignableMembers } from './useAssignableMembers';
import '../../i18n/assessments';

/** Wizard: basics → scoping → create. Scoping can be changed later in the workspace. */
export function AssessmentCreatePage() {
  const { orgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [catalogs, setCatalogs] = useState<Array<{ value: string; label: string }>>([]);
  const [approved, setApproved] = useState<Assessment[]>([]);
  const [catalogId, setCatalogId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [period, setPeriod] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [ownerUserId, setOwnerUserId] = useState<string | null>(null);
  const members = useAssignableMembers(orgId);
  const [carryFrom, setCarryFrom] = useState<string | null>(null);
  const [scoping, setScoping] = useState<ScopingAnswers>(FULL_SCOPE);
  const [error, setError] = useState<string>();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';

  useEffect(() => {
    api.GET('/api/v1/catalogs').then(({ data }) => {
      const options = (data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.title[lang]} (${c.version})`,
      }));
      setCatalogs(options);
      if (options[0]) setCatalogId((current) => current ?? options[0]!.value);
    });
    api
      .GET('/api/v1/orgs/{orgId}/assessments', { params: { path: { orgId }, query: { limit: 100 } } })
      .then(({ data }) => setApproved((data?.items ?? []).filter((a) => a.state === 'approved')));
  }, [orgId, lang]);

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
