import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import type { Template } from './shared';
import '../../i18n/apps';

type Channel = Template['channel'];

/** Notification templates of an app, each with what the de-identification check found (Art. 16.2). */
export function TemplatesSection(props: { orgId: string; appId: string }) {
  const { t, i18n } = useTranslation();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [channel, setChannel] = useState<Channel>('sms');
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const path = { orgId: props.orgId, appId: props.appId };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the app or language changes
  const load = useCallback(async () => {
    const { data } = await api.GET('/api/v1/orgs/{orgId}/apps/{appId}/templates', {
      params: { path },
      headers: { 'accept-language': i18n.resolvedLanguage ?? 'zh-TW' },
    });
    if (data) setTemplates(data.items);
  }, [props.orgId, props.appId, i18n.resolvedLanguage]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/apps/{appId}/templates', {
      params: { path },
      body: { channel, name, body },
    });
    if (failure) setError(errorMessage(failure));
    else {
      setName('');
      setBody('');
      setError(undefined);
      await load();
    }
  };

  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('apps.templates.title')}
      </Title>
      <Stack>
        {templates.map((tpl) => (
          <Card key={tpl.id} withBorder padding="sm" data-testid="template">
            <Group gap="xs">
              <Badge variant="light">{t(`apps.templates.channels.${tpl.channel}`)}</Badge>
              <Text fw={600}>{tpl.name}</Text>
              <Badge color={tpl.deid.found === 0 ? 'teal' : 'red'} data-testid="deid-result">
                {tpl.deid.found === 0
                  ? t('apps.templates.clean')
                  : t('apps.templates.found', { count: tpl.deid.found })}
              </Badge>
            </Group>
            {tpl.deid.found > 0 && (
              <Stack gap={2} mt="xs">
                {tpl.deid.findings.map((f) => (
                  <Text key={`${f.line}:${f.column}`} size="xs">
                    {f.label} ({f.line}:{f.column}) → <code>{f.masked}</code>
                  </Text>
                ))}
                <Text size="xs" c="dimmed">
                  {t('apps.templates.masked')}: {tpl.deid.maskedText}
                </Text>
              </Stack>
            )}
          </Card>
        ))}
        {error && <Alert color="red">{error}</Alert>}
        <Group align="flex-end">
          <Select
            label={t('apps.templates.channel')}
            value={channel}
            onChange={(v) => setChannel((v as Channel) ?? 'sms')}
            data={(['sms', 'push', 'email'] as const).map((c) => ({
              value: c,
              label: t(`apps.templates.channels.${c}`),
            }))}
            allowDeselect={false}
            w={140}
          />
          <TextInput label={t('apps.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        </Group>
        <Textarea
          label={t('apps.templates.body')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          <Button onClick={() => void add()} disabled={!name || !body}>
            {t('apps.templates.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
