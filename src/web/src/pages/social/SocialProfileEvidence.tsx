import { Anchor, FileButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery } from '../../api/query';
import { type Ability, ActionButton } from '../../app/abilities';
import { uploadWithProgress } from '../assessments/EvidenceSection';
import '../../i18n/social';

type Evidence = ApiSchemas['listEvidence']['items'][number];

/**
 * Art. 11.3: the profile screenshot as evidence with its valid-until date. Uploads an image through the
 * shared evidence upload (`POST …/evidence/files`, with `validUntil`) or picks evidence already kept; the
 * account form then saves its id as `profileEvidenceId`.
 */
export function SocialProfileEvidence(props: {
  orgId: string;
  value: string | null;
  canUpload: Ability;
  onChange: (evidenceId: string | null) => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { orgId } = props;
  const [validUntil, setValidUntil] = useState('');
  const [uploading, setUploading] = useState(false);
  const list = useApiListQuery<Evidence, ApiSchemas['listEvidence']>(
    ['evidence', orgId, 'list'],
    (cursor, signal) =>
      api.GET('/api/v1/orgs/{orgId}/evidence', {
        params: { path: { orgId }, query: { limit: 200, cursor } },
        signal,
      }),
  );
  const items = list.data?.items ?? [];
  const upload = async (file: File | null) => {
    if (!file) return;
    const form = new FormData();
    form.append('title', file.name);
    if (validUntil) form.append('validUntil', validUntil);
    form.append('file', file);
    setUploading(true);
    try {
      const created = await uploadWithProgress(
        `/api/v1/orgs/${orgId}/evidence/files`,
        form,
        () => {},
        () => {},
      );
      if (created) {
        await list.refetch();
        props.onChange(created.id);
      }
    } catch (error) {
      props.onError((error as Error).message);
    } finally {
      setUploading(false);
    }
  };
  const chosen = items.find((e) => e.id === props.value);
  return (
    <Stack gap={4} data-testid="social-profile-evidence">
      <Text size="sm" fw={500}>
        {t('social.evidence.title')}
      </Text>
      <Group align="flex-end" gap="xs">
        <TextInput
          type="date"
          label={t('social.field.evidenceValidUntil')}
          value={validUntil}
          onChange={(e) => setValidUntil(e.currentTarget.value)}
          data-testid="social-profile-evidence-valid-until"
        />
        <FileButton onChange={(file) => void upload(file)} accept="image/png,image/jpeg,image/webp">
          {(button) => (
            <ActionButton
              ability={props.canUpload}
              onClick={button.onClick}
              variant="light"
              loading={uploading}
              testId="social-profile-evidence-upload"
            >
              {t('social.evidence.upload')}
            </ActionButton>
          )}
        </FileButton>
      </Group>
      <Select
        label={t('social.evidence.pick')}
        data={items.map((e) => ({
          value: e.id,
          label: e.validUntil ? `${e.title}（${e.validUntil}）` : e.title,
        }))}
        value={props.value}
        onChange={(id) => props.onChange(id)}
        clearable
        searchable
        data-testid="social-profile-evidence-pick"
      />
      {chosen && (
        <Anchor size="sm" href={`/api/v1/orgs/${orgId}/evidence/${chosen.id}/download`}>
          {chosen.title}
          {chosen.validUntil ? ` · ${t('social.field.evidenceValidUntil')} ${chosen.validUntil}` : ''}
        </Anchor>
      )}
    </Stack>
  );
}
