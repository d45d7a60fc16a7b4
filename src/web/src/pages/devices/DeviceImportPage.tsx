import { Alert, Button, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { ApiSchemas } from '../../api/client';
import { saveBlob, uploadFile } from './shared';
import '../../i18n/devices';

type Outcome = Extract<ApiSchemas['importDevices'], { applied: boolean }>;
const SOURCES = ['intune', 'jamf', 'google', 'fleet', 'jianhe'] as const;

/** The import wizard: choose a file, preview what it would add, update and flag, then apply all or none. */
export function DeviceImportPage() {
  const { orgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [preview, setPreview] = useState<Outcome>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const url = `/api/v1/orgs/${orgId}/devices/imports`;
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';

  const run = async (dryRun: boolean) => {
    if (!file) return undefined;
    setBusy(true);
    setFailure(undefined);
    try {
      const query = `dryRun=${dryRun}&lang=${lang}${source ? `&source=${source}` : ''}`;
      const response = await uploadFile(url, file, query);
      const body = await response.json();
      if (!response.ok) {
        setFailure(body.message ?? String(response.status));
        if (body.details?.errors) setPreview(body.details as Outcome);
        return undefined;
      }
      setPreview(body as Outcome);
      return body as Outcome;
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    const outcome = await run(false);
    if (outcome?.applied) navigate(`/orgs/${orgId}/devices`);
  };
  const report = async () => {
    if (!file) return;
    const response = await uploadFile(
      url,
      file,
      `report=csv&lang=${lang}${source ? `&source=${source}` : ''}`,
    );
    if (response.ok) saveBlob(await response.blob(), 'device-import-errors.csv');
  };

  return (
    <Stack maw={900}>
      <Title order={2}>{t('devices.import')}</Title>
      <FileInput
        label={t('devices.wizard.choose')}
        accept=".csv,.xlsx"
        value={file}
        onChange={(value) => {
          setFile(value);
          setPreview(undefined);
        }}
        data-testid="device-import-file"
      />
      <Select
        label={t('devices.wizard.source')}
        data={SOURCES.map((s) => ({ value: s, label: s }))}
        value={source}
        onChange={setSource}
        clearable
      />
      <Group>
        <Button variant="default" disabled={!file} loading={busy} onClick={() => void run(true)}>
          {t('devices.wizard.preview')}
        </Button>
        <Button
          disabled={!preview || preview.errors.length > 0 || preview.applied}
          loading={busy}
          onClick={() => void apply()}
        >
          {t('devices.wizard.apply')}
        </Button>
      </Group>
      {failure && <Alert color="red">{failure}</Alert>}
      {preview && (
        <Stack gap="xs" data-testid="device-import-preview">
          <Text fw={600}>{t('devices.wizard.detected', { source: preview.source, rows: preview.rows })}</Text>
          <Text>{t('devices.wizard.counts', preview)}</Text>
          {preview.errors.length > 0 && (
            <>
              <Group justify="space-between">
                <Text c="red" fw={600}>
                  {t('devices.wizard.errors', { count: preview.errors.length })}
                </Text>
                <Button size="xs" variant="light" onClick={() => void report()}>
                  {t('devices.wizard.errorReport')}
                </Button>
              </Group>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('devices.wizard.row')}</Table.Th>
                    <Table.Th>{t('devices.wizard.column')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.errors.map((e) => (
                    <Table.Tr key={`${e.sheetRow}-${e.column}-${e.code}`}>
                      <Table.Td>{e.sheetRow || '—'}</Table.Td>
                      <Table.Td>{e.column ?? '—'}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {preview.errors.length === 0 && preview.sample.length > 0 && (
            <Table>
              <Table.Tbody>
                {preview.sample.map((s) => (
                  <Table.Tr key={s.sheetRow}>
                    <Table.Td>{s.sheetRow}</Table.Td>
                    <Table.Td>{s.action}</Table.Td>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>{s.platform}</Table.Td>
                    <Table.Td>{s.failing}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}
