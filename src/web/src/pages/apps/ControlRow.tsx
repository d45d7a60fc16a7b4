import { Button, Checkbox, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import type { MobileApp } from './shared';
import '../../i18n/apps';

type Control = MobileApp['controls'][number];

/** One Art. 16 control of an app: implemented or not, how, and the evidence that shows it. */
export function ControlRow(props: {
  orgId: string;
  appId: string;
  control: Control;
  evidence: Array<{ value: string; label: string }>;
  onSaved: (app: MobileApp) => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [implemented, setImplemented] = useState(props.control.implemented);
  const [description, setDescription] = useState(props.control.description);
  const [evidenceId, setEvidenceId] = useState<string | null>(props.control.evidenceId);
  const save = async () => {
    const { data, error } = await api.PUT('/api/v1/orgs/{orgId}/apps/{appId}/controls/{control}', {
      params: { path: { orgId: props.orgId, appId: props.appId, control: props.control.control } },
      body: { implemented, description, evidenceId },
    });
    if (data) props.onSaved(data);
    else props.onError(errorMessage(error));
  };
  return (
    <Table.Tr data-testid={`control-${props.control.control}`}>
      <Table.Td>{t(`apps.controls.c${props.control.control.replace('.', '_')}`)}</Table.Td>
      <Table.Td>
        <Checkbox
          label={t('apps.controls.implemented')}
          checked={implemented}
          onChange={(e) => setImplemented(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t('apps.controls.description')}
          placeholder={t('apps.controls.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('apps.controls.evidence')}
          placeholder={t('apps.controls.noEvidence')}
          data={props.evidence}
          value={evidenceId}
          onChange={setEvidenceId}
          clearable
          searchable
        />
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" onClick={() => void save()}>
          {t('apps.save')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
