import { Button, Group, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../api/schema';
import '../../i18n/checks';

export type EndpointInput =
  paths['/api/v1/orgs/{orgId}/check-endpoints']['post']['requestBody']['content']['application/json'];

const parseItems = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Registering an endpoint: where Jianhe may connect, what it checks, and which items a result supports. */
export function EndpointForm(props: {
  providerId: string;
  onSubmit: (input: EndpointInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    purpose: '',
    host: '',
    port: 443,
    kind: 'tls' as EndpointInput['kind'],
    profile: 'intermediate' as NonNullable<EndpointInput['profile']>,
    httpPort: 80 as number | '',
    items: 'item-7, item-22',
    trustedCaPem: '',
    intervalHours: 24,
    enabled: true,
  });
  const submit = () =>
    props.onSubmit({
      providerId: props.providerId,
      purpose: form.purpose,
      host: form.host.trim(),
      port: form.port,
      kind: form.kind,
      supportedItems: parseItems(form.items),
      intervalHours: form.intervalHours,
      enabled: form.enabled,
      ...(form.kind === 'tls'
        ? {
            profile: form.profile,
            httpPort: form.httpPort === '' ? null : form.httpPort,
            trustedCaPem: form.trustedCaPem.trim() || null,
          }
        : {}),
    });
  return (
    <Stack>
      <TextInput
        label={t('checks.fields.purpose')}
        value={form.purpose}
        onChange={(e) => setForm({ ...form, purpose: e.currentTarget.value })}
        required
        data-testid="endpoint-purpose"
      />
      <Group grow>
        <TextInput
          label={t('checks.fields.host')}
          value={form.host}
          onChange={(e) => setForm({ ...form, host: e.currentTarget.value })}
          required
          data-testid="endpoint-host"
        />
        <NumberInput
          label={t('checks.fields.port')}
          value={form.port}
          min={1}
          max={65535}
          onChange={(v) => setForm({ ...form, port: Number(v) || 443 })}
          data-testid="endpoint-port"
        />
      </Group>
      <Select
        label={t('checks.fields.kind')}
        value={form.kind}
        allowDeselect={false}
        data={(['tls', 'ssh', 'reachability'] as const).map((k) => ({
          value: k,
          label: t(`checks.kind.${k}`),
        }))}
        onChange={(v) => v && setForm({ ...form, kind: v as EndpointInput['kind'] })}
      />
      {form.kind === 'tls' && (
        <>
          <Select
            label={t('checks.fields.profile')}
            value={form.profile}
            allowDeselect={false}
            data={(['intermediate', 'modern'] as const).map((p) => ({
              value: p,
              label: t(`checks.profile.${p}`),
            }))}
            onChange={(v) => v && setForm({ ...form, profile: v as typeof form.profile })}
          />
          <NumberInput
            label={t('checks.fields.httpPort')}
            value={form.httpPort}
            min={1}
            max={65535}
            onChange={(v) => setForm({ ...form, httpPort: v === '' ? '' : Number(v) })}
            data-testid="endpoint-http-port"
          />
          <Textarea
            label={t('checks.fields.trustedCaPem')}
            value={form.trustedCaPem}
            autosize
            minRows={2}
            onChange={(e) => setForm({ ...form, trustedCaPem: e.currentTarget.value })}
            data-testid="endpoint-ca"
          />
        </>
      )}
      <TextInput
        label={t('checks.fields.supportedItems')}
        value={form.items}
        onChange={(e) => setForm({ ...form, items: e.currentTarget.value })}
        data-testid="endpoint-items"
      />
      <NumberInput
        label={t('checks.fields.intervalHours')}
        value={form.intervalHours}
        min={1}
        max={744}
        onChange={(v) => setForm({ ...form, intervalHours: Number(v) || 24 })}
      />
      <Switch
        label={t('checks.fields.enabled')}
        checked={form.enabled}
        onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {t('checks.cancel')}
        </Button>
        <Button onClick={submit} disabled={!form.purpose || !form.host} data-testid="endpoint-save">
          {t('checks.save')}
        </Button>
      </Group>
    </Stack>
  );
}
