import { Anchor, Badge, Button, FileButton, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { csrfHeaders } from '../../api/csrf';
import { useApiQuery } from '../../api/query';
import { type AssessmentItem, errorMessage } from './shared';
import '../../i18n/assessments';

/** Upload with a real progress bar (XHR reports upload progress; fetch does not). */
export function uploadWithProgress(
  url: string,
  form: FormData,
  onProgress: (percent: number) => void,
  onStart: (request: XMLHttpRequest) => void,
): Promise<{ id: string } | null> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    onStart(request);
    // A cancelled upload stores nothing (the server keeps a blob only with its row).
    request.onabort = () => resolve(null);
    request.open('POST', url);
    for (const [name, value] of Object.entries(csrfHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) =>
      event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    request.onload = () => {
      const body = JSON.parse(request.responseText || '{}') as { id: string; message?: string };
      if (request.status === 201) resolve(body);
      else reject(new Error(body.message ?? String(request.status)));
    };
    request.onerror = () => reject(new Error('network error'));
    request.send(form);
  });
}

const formatMegabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The installation's upload cap (JIANHE_MAX_UPLOAD_MB), stated next to the button and checked before sending. */
function useUploadLimit(): number | undefined {
  // The same query as the system page: read once, shared.
  return useApiQuery(['system', 'info'], (signal) => api.GET('/api/v1/system/info', { signal })).data
    ?.maxUploadBytes;
}

export function EvidenceSection({
  orgId,
  item,
  editable,
  onChanged,
  onError,
}: {
  orgId: string;
  item: AssessmentItem;
  editable: boolean;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number>();
  const [inFlight, setInFlight] = useState<XMLHttpRequest>();
  const maxBytes = useUploadLimit();
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const attach = async (evidenceId: string) => {
    const { error } = await api.PUT('/api/v1/orgs/{orgId}/assessment-items/{itemId}/evidence/{evidenceId}', {
      params: { path: { orgId, itemId: item.id, evidenceId } },
    });
    if (error) onError(errorMessage(error));
    onChanged();
  };

  const upload = async (file: File | null) => {
    if (!file) return;
    const form = new FormData();
    form.append('title', file.name);
    form.append('file', file);
    if (maxBytes !== undefined && file.size > maxBytes)
      return onError(t('assessments.item.tooLarge', { name: file.name, limit: formatMegabytes(maxBytes) }));
    setPercent(0);
    try {
      const url = `/api/v1/orgs/${orgId}/evidence/files`;
      const created = await uploadWithProgress(url, form, setPercent, setInFlight);
      if (created) await attach(created.id);
    } catch (error) {
      onError((error as Error).message);
    } finally {
      setPercent(undefined);
      setInFlight(undefined);
    }
  };

  const addLink = async () => {
    const { data, error } = await api.POST('/api/v1/orgs/{orgId}/evidence/links', {
      params: { path: { orgId } },
      body: { url },
    });
    if (data) {
      setUrl('');
      await attach(data.id);
    } else onError(errorMessage(error));
  };

  const addNote = async () => {
    const { data, error } = await api.POST('/api/v1/orgs/{orgId}/evidence/notes', {
      params: { path: { orgId } },
      body: { note },
    });
    if (data) {
      setNote('');
      await attach(data.id);
    } else onError(errorMessage(error));
  };

  const detach = async (evidenceId: string) => {
    const { error } = await api.DELETE(
      '/api/v1/orgs/{orgId}/assessment-items/{itemId}/evidence/{evidenceId}',
      {
        params: { path: { orgId, itemId: item.id, evidenceId } },
      },
    );
    if (error) onError(errorMessage(error));
    onChanged();
  };

  return (
    <Stack gap="xs">
      {item.evidence.map((evidence) => (
        <Group key={evidence.id} justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {evidence.kind === 'file' ? (
              <Anchor href={`/api/v1/orgs/${orgId}/evidence/${evidence.id}/download`}>
                {evidence.title}
              </Anchor>
            ) : evidence.kind === 'link' ? (
              <Anchor href={evidence.url ?? '#'} target="_blank" rel="noopener noreferrer">
                {evidence.title}
              </Anchor>
            ) : (
              <Text size="sm">{evidence.note}</Text>
            )}
            {evidence.source !== 'manual' && (
              <Badge variant="light" color="grape" title={t('assessments.item.sourceHint')}>
                {t(
                  `assessments.item.source.${evidence.source === 'provider-questionnaire' ? 'questionnaire' : 'check'}`,
                )}
              </Badge>
            )}
            {evidence.expired && <Badge color="red">{t('assessments.item.expired')}</Badge>}
            {evidence.validUntil && !evidence.expired && (
              <Text size="xs" c="dimmed">
                {t('assessments.item.validUntil')} {evidence.validUntil}
              </Text>
            )}
          </Group>
          {editable && (
            <Button size="xs" variant="subtle" color="red" onClick={() => void detach(evidence.id)}>
              {t('assessments.item.detach')}
            </Button>
          )}
        </Group>
      ))}
      {editable && (
        <>
          {percent !== undefined && (
            <Group gap="xs" wrap="nowrap">
              <Progress
                value={percent}
                style={{ flex: 1 }}
                aria-label={t('assessments.item.uploadProgress', { percent })}
                data-testid="upload-progress"
              />
              <Text size="xs">{t('assessments.item.uploadProgress', { percent })}</Text>
              <Button size="xs" variant="subtle" color="gray" onClick={() => inFlight?.abort()}>
                {t('assessments.item.cancelUpload')}
              </Button>
            </Group>
          )}
          {maxBytes !== undefined && (
            <Text size="xs" c="dimmed" data-testid="upload-limit">
              {t('assessments.item.uploadLimit', { limit: formatMegabytes(maxBytes) })}
            </Text>
          )}
          <FileButton onChange={(file) => void upload(file)}>
            {(props) => (
              <Button variant="light" size="xs" w="fit-content" {...props} data-testid="evidence-upload">
                {t('assessments.item.upload')}
              </Button>
            )}
          </FileButton>
          <Group align="flex-end" gap="xs">
            <TextInput
              size="xs"
              label={t('assessments.item.linkUrl')}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button size="xs" variant="default" onClick={() => void addLink()} disabled={!url}>
              {t('assessments.item.addLink')}
            </Button>
          </Group>
          <Group align="flex-end" gap="xs">
            <TextInput
              size="xs"
              label={t('assessments.item.noteText')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button size="xs" variant="default" onClick={() => void addNote()} disabled={!note}>
              {t('assessments.item.addNote')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
