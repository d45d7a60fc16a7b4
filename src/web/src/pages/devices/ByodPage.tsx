import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { formatTime } from './shared';
import '../../i18n/devices';

type Agreement = ApiSchemas['listByodAgreements'][number];
type Acceptance = ApiSchemas['listByodAcceptances'][number];

/** BYOD agreements (Art. 15.2): publish versions, accept the current one, see who accepted until when. */
export function ByodPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const [agreements, setAgreements] = useState<Agreement[]>([]);
  const [acceptances, setAcceptances] = useState<Acceptance[]>([]);
  const [error, setError] = useState<string>();
  const [draft, setDraft] = useState({
    title: '',
    usageLimits: '',
    firmResponsibilities: '',
    holderResponsibilities: '',
    validDays: 365,
  });

  const load = useCallback(async () => {
    const [a, b] = await Promise.all([
      api.GET('/api/v1/orgs/{orgId}/devices/byod/agreements', { params: { path: { orgId } } }),
      api.GET('/api/v1/orgs/{orgId}/devices/byod/acceptances', { params: { path: { orgId } } }),
    ]);
    if (a.data) setAgreements(a.data);
    else setError(errorMessage(a.error));
    setAcceptances(b.data ?? []);
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const publish = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/devices/byod/agreements', {
      params: { path: { orgId } },
      body: draft,
    });
    if (failure) setError(errorMessage(failure));
    await load();
  };
  const accept = async (agreementId: string) => {
    const { error: failure } = await api.POST(
      '/api/v1/orgs/{orgId}/devices/byod/agreements/{agreementId}/accept',
      {
        params: { path: { orgId, agreementId } },
      },
    );
    if (failure) setError(errorMessage(failure));
    await load();
  };
  const current = agreements[0];
  const field = (key: keyof typeof draft) => ({
    label: t(`devices.byod.fields.${key}`),
    value: String(draft[key]),
    onChange: (e: { currentTarget: { value: string } }) =>
      setDraft({ ...draft, [key]: e.currentTarget.value }),
  });

  return (
    <Stack maw={900}>
      <Title order={2}>{t('devices.byodTitle')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      <Card withBorder>
        <Title order={4}>{t('devices.byod.agreements')}</Title>
        {!current && <Text c="dimmed">{t('devices.byod.noAgreement')}</Text>}
        {current && (
          <Stack gap={4}>
            <Text fw={600}>
              {current.title} · {t('devices.byod.version', { version: current.version })}
            </Text>
            <Text size="sm">{current.usageLimits}</Text>
            <Text size="sm">{current.firmResponsibilities}</Text>
            <Text size="sm">{current.holderResponsibilities}</Text>
            <Group>
              <Button onClick={() => void accept(current.id)}>{t('devices.byod.accept')}</Button>
            </Group>
          </Stack>
        )}
      </Card>
      <Card withBorder>
        <Title order={4}>{t('devices.byod.publish')}</Title>
        <TextInput {...field('title')} />
        <Textarea {...field('usageLimits')} />
        <Textarea {...field('firmResponsibilities')} />
        <Textarea {...field('holderResponsibilities')} />
        <NumberInput
          label={t('devices.byod.fields.validDays')}
          value={draft.validDays}
          min={1}
          onChange={(v) => setDraft({ ...draft, validDays: Number(v) || 365 })}
        />
        <Group mt="sm">
          <Button onClick={() => void publish()} disabled={!draft.title || !draft.usageLimits}>
            {t('devices.byod.publish')}
          </Button>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={4}>{t('devices.byod.acceptances')}</Title>
        <Table>
          <Table.Tbody>
            {acceptances.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{t('devices.byod.version', { version: a.version })}</Table.Td>
                <Table.Td>{a.holderName ?? a.holderUserId}</Table.Td>
                <Table.Td>{t(`devices.byod.method.${a.method}`)}</Table.Td>
                <Table.Td>{formatTime(a.acceptedAt)}</Table.Td>
                <Table.Td>
                  {t('devices.byod.expires')} {formatTime(a.expiresAt)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
