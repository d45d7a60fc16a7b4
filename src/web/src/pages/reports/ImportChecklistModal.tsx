import { Alert, Badge, Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiSchemas } from '../../api/client';
import { saveBlob, uploadFile as upload } from '../../api/upload';
import '../../i18n/assessments';
import '../../i18n/reports';

type Outcome = Extract<ApiSchemas['importAssessmentXlsx'], { applied: boolean }>;

/** Upload an offline-filled checklist, preview every change and row error, then apply all or none. */
export function ImportChecklistModal(props: {
  opened: boolean;
  importUrl: string;
  lang: 'zh-TW' | 'en';
  onClose: () => void;
  onApplied: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Outcome>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setPreview(undefined);
    setFailure(undefined);
  };
  const run = async (query: string) => {
    if (!file) return undefined;
    setBusy(true);
    setFailure(undefined);
    try {
      const response = await upload(props.importUrl, file, `${query}&lang=${props.lang}`);
      const body = await response.json();
      if (!response.ok) {
        setFailure(body.message ?? String(response.status));
        if (body.details?.errors) setPreview({ applied: false, changes: [], errors: body.details.errors });
        return undefined;
      }
      return body as Outcome;
    } finally {
      setBusy(false);
    }
  };
  const check = async () => setPreview(await run('dryRun=true'));
  const apply = async () => {
    const outcome = await run('dryRun=false');
    if (outcome?.applied) {
      reset();
      props.onApplied();
    }
  };
  const downloadReport = async () => {
    if (!file) return;
    const response = await upload(props.importUrl, file, `report=csv&lang=${props.lang}`);
    if (response.ok) saveBlob(await response.blob(), 'import-errors.csv');
  };
  const close = () => {
    reset();
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title={t('reports.import.title')} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('reports.import.help')}
        </Text>
        <FileInput
          label={t('reports.import.file')}
          accept=".xlsx"
          value={file}
          onChange={(value) => {
            setFile(value);
            setPreview(undefined);
          }}
          data-testid="import-file"
        />
        {failure && <Alert color="red">{failure}</Alert>}
        {preview && preview.errors.length > 0 && (
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600} c="red">
                {t('reports.import.errors', { count: preview.errors.length })}
              </Text>
              <Button size="xs" variant="light" onClick={() => void downloadReport()}>
                {t('reports.import.downloadReport')}
              </Button>
            </Group>
            <Table data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.import.row')}</Table.Th>
                  <Table.Th>{t('reports.import.item')}</Table.Th>
                  <Table.Th>{t('reports.import.column')}</Table.Th>
                  <Table.Th>{t('reports.import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.errors.map((e) => (
                  <Table.Tr key={`${e.sheetRow}-${e.code}-${e.column}`}>
                    <Table.Td>{e.sheetRow || '—'}</Table.Td>
                    <Table.Td>{e.itemNumber ?? '—'}</Table.Td>
                    <Table.Td>{e.column ? t(`reports.columns.${e.column}`) : '—'}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {preview && preview.errors.length === 0 && (
          <Stack gap="xs">
            <Text fw={600}>{t('reports.import.changes', { count: preview.changes.length })}</Text>
            <Table data-testid="import-changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.import.item')}</Table.Th>
                  <Table.Th>{t('reports.import.before')}</Table.Th>
                  <Table.Th>{t('reports.import.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.changes.map((change) => (
                  <Table.Tr key={change.itemRowId}>
                    <Table.Td>{change.itemNumber}</Table.Td>
                    {(['before', 'after'] as const).map((side) => (
                      <Table.Td key={side}>
                        {change.fields.map((field) => (
                          <Text size="sm" key={field}>
                            <Badge size="xs" variant="light" mr={4}>
                              {t(`reports.columns.${field}`)}
                            </Badge>
                            {field === 'result'
                              ? t(`assessments.result.${change[side].result}`)
                              : change[side][field as 'explanation'] || '—'}
                          </Text>
                        ))}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('reports.import.cancel')}
          </Button>
          <Button
            variant="light"
            disabled={!file}
            loading={busy}
            onClick={() => void check()}
            data-testid="import-check"
          >
            {t('reports.import.check')}
          </Button>
          <Button
            disabled={!preview || preview.errors.length > 0 || preview.changes.length === 0}
            loading={busy}
            onClick={() => void apply()}
            data-testid="import-apply"
          >
            {t('reports.import.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
