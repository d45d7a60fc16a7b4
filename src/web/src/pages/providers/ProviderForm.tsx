import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery } from '../../api/query';
import '../../i18n/providers';

export type Provider = ApiSchemas['listProviders']['items'][number];
export type ProviderInput = Omit<Provider, 'id' | 'version' | 'contacts' | 'status' | 'abilities'>;

export const STAR_STATUSES: Provider['starStatus'][] = [
  'none',
  'level1_self_assessment',
  'level2_certification_bronze',
  'level2_certification_silver',
  'level2_certification_gold',
  'level2_attestation',
];

export const EMPTY_PROVIDER: ProviderInput = {
  name: '',
  serviceModels: [],
  serviceDescription: '',
  critical: true,
  isSelf: false,
  contractStart: null,
  contractEnd: null,
  lastAuditDate: null,
  contractStatesRto: false,
  rtoHours: null,
  slaEvaluatedOn: null,
  slaResult: null,
  slaCompensatingMeasures: '',
  starStatus: 'none',
  starValidUntil: null,
  starReportEvidenceId: null,
  auditIntervalMonths: 12,
  incidentNoticeHours: 24,
  notes: '',
};

/** The register fields of one provider (Art. 3.1, 4.1–4.3). */
export function ProviderForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial: ProviderInput;
  onSubmit: (value: ProviderInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { orgId = '' } = useParams();
  const [value, setValue] = useState<ProviderInput>(initial);
  const evidenceList = useApiListQuery<
    ApiSchemas['listEvidence']['items'][number],
    ApiSchemas['listEvidence']
  >(['evidence', orgId, 'list'], (cursor, signal) =>
    api.GET('/api/v1/orgs/{orgId}/evidence', {
      params: { path: { orgId }, query: { limit: 200, cursor } },
      signal,
    }),
  );
  const evidence = (evidenceList.data?.items ?? []).map((e) => ({ value: e.id, label: e.title }));
  const set = <K extends keyof ProviderInput>(key: K, next: ProviderInput[K]) =>
    setValue({ ...value, [key]: next });
  const date = (
    key: 'contractStart' | 'contractEnd' | 'lastAuditDate' | 'slaEvaluatedOn' | 'starValidUntil',
    description?: string,
  ) => (
    <TextInput
      type="date"
      label={t(`providers.fields.${key}`)}
      description={description}
      data-testid={`provider-${key}`}
      value={value[key] ?? ''}
      onChange={(e) => set(key, e.currentTarget.value || null)}
    />
  );
  return (
    <Stack gap="sm">
      <TextInput
        label={t('providers.fields.name')}
        required
        value={value.name}
        onChange={(e) => set('name', e.currentTarget.value)}
      />
      <MultiSelect
        label={t('providers.fields.serviceModels')}
        data={['IaaS', 'PaaS', 'SaaS']}
        value={value.serviceModels}
        onChange={(v) => set('serviceModels', v as ProviderInput['serviceModels'])}
      />
      <Textarea
        label={t('providers.fields.serviceDescription')}
        value={value.serviceDescription}
        onChange={(e) => set('serviceDescription', e.currentTarget.value)}
      />
      <Checkbox
        label={t('providers.fields.critical')}
        checked={value.critical}
        onChange={(e) => set('critical', e.currentTarget.checked)}
      />
      <Checkbox
        label={t('providers.fields.isSelf')}
        description={t('providers.fields.isSelfHelp')}
        checked={value.isSelf ?? false}
        onChange={(e) => set('isSelf', e.currentTarget.checked)}
      />
      <Group grow>
        {date('contractStart')}
        {date('contractEnd')}
      </Group>
      {date('lastAuditDate', t('providers.fields.lastAuditDateHelp'))}
      <Group grow align="flex-end">
        <Checkbox
          label={t('providers.fields.contractStatesRto')}
          checked={value.contractStatesRto}
          onChange={(e) => set('contractStatesRto', e.currentTarget.checked)}
        />
        <NumberInput
          label={t('providers.fields.rtoHours')}
          min={0}
          value={value.rtoHours ?? ''}
          onChange={(v) => set('rtoHours', typeof v === 'number' ? v : null)}
        />
      </Group>
      <Group grow>
        {date('slaEvaluatedOn')}
        <Select
          label={t('providers.fields.slaResult')}
          clearable
          data={(['meets', 'partially', 'fails'] as const).map((r) => ({
            value: r,
            label: t(`providers.slaResult.${r}`),
          }))}
          value={value.slaResult}
          onChange={(v) => set('slaResult', v as ProviderInput['slaResult'])}
        />
      </Group>
      {value.slaResult && value.slaResult !== 'meets' && (
        <Textarea
          label={t('providers.fields.slaCompensatingMeasures')}
          required
          value={value.slaCompensatingMeasures}
          onChange={(e) => set('slaCompensatingMeasures', e.currentTarget.value)}
        />
      )}
      <Group grow>
        <Select
          label={t('providers.fields.starStatus')}
          allowDeselect={false}
          data={STAR_STATUSES.map((s) => ({ value: s, label: t(`providers.star.${s}`) }))}
          value={value.starStatus}
          onChange={(v) => v && set('starStatus', v as Provider['starStatus'])}
        />
        {date('starValidUntil')}
      </Group>
      <Select
        label={t('providers.fields.starReport')}
        description={t('providers.fields.starReportHelp')}
        clearable
        searchable
        data={evidence}
        value={value.starReportEvidenceId ?? null}
        onChange={(v) => set('starReportEvidenceId', v)}
        data-testid="star-report"
      />
      <Group grow>
        <NumberInput
          label={t('providers.fields.auditIntervalMonths')}
          min={1}
          max={60}
          value={value.auditIntervalMonths}
          onChange={(v) => set('auditIntervalMonths', Number(v) || 12)}
        />
        <NumberInput
          label={t('providers.fields.incidentNoticeHours')}
          min={1}
          max={720}
          value={value.incidentNoticeHours}
          onChange={(v) => set('incidentNoticeHours', Number(v) || 24)}
        />
      </Group>
      <Textarea
        label={t('providers.fields.notes')}
        value={value.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('providers.cancel')}
        </Button>
        <Button onClick={() => onSubmit(value)} disabled={!value.name.trim()}>
          {t('providers.save')}
        </Button>
      </Group>
    </Stack>
  );
}
