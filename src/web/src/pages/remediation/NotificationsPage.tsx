import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiListQuery, useApiMutation, useApiQuery } from '../../api/query';
import { QueryError } from '../../app/QueryError';
import { MutationError } from './MutationError';
import { formatTime } from './shared';
import '../../i18n/remediation';

type Notification = ApiSchemas['listNotifications']['items'][number];

/** The signed-in person's notifications (read / unread), their preferences and their iCal link. */
export function NotificationsPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <Stack maw={900}>
      <Title order={2}>{t('notificationsPage.title')}</Title>
      <NotificationList orgId={orgId} />
      <PreferencesCard orgId={orgId} />
      <CalendarCard orgId={orgId} />
    </Stack>
  );
}

function NotificationList({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const list = useApiListQuery<Notification, ApiSchemas['listNotifications']>(
    ['notifications', orgId, { onlyUnread }],
    (cursor, signal) =>
      api.GET('/api/v1/orgs/{orgId}/notifications', {
        params: {
          path: { orgId },
          query: { limit: 100, ...(cursor ? { cursor } : {}), ...(onlyUnread ? { unread: true } : {}) },
        },
        signal,
      }),
  );
  const mark = useApiMutation(
    (body: { notificationIds?: string[]; all?: boolean }) =>
      api.POST('/api/v1/orgs/{orgId}/notifications/read', { params: { path: { orgId } }, body }),
    { invalidates: [['notifications', orgId]] },
  );
  const unread = list.data?.first.unread ?? 0;
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color={unread > 0 ? 'red' : 'gray'} data-testid="unread-count">
              {t('notificationsPage.unread', { count: unread })}
            </Badge>
            <Checkbox
              label={t('notificationsPage.onlyUnread')}
              checked={onlyUnread}
              onChange={(e) => setOnlyUnread(e.currentTarget.checked)}
            />
          </Group>
          <Button
            size="xs"
            variant="light"
            disabled={unread === 0}
            onClick={() => mark.mutate({ all: true })}
          >
            {t('notificationsPage.markAllRead')}
          </Button>
        </Group>
        {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isPending && <Loader aria-label={t('common.loading')} />}
        {list.data?.items.length === 0 && <Text c="dimmed">{t('notificationsPage.empty')}</Text>}
        {list.data?.items.map((n) => (
          <Group key={n.id} justify="space-between" wrap="nowrap" data-testid="notification">
            <Stack gap={0}>
              <Group gap="xs">
                {n.readAt === null && (
                  <Badge size="xs" color="red">
                    {t('notificationsPage.new')}
                  </Badge>
                )}
                <Text size="sm" fw={n.readAt === null ? 600 : 400}>
                  {n.title}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {formatTime(n.createdAt)}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              {n.link && (
                <Anchor
                  component={Link}
                  to={n.link}
                  size="sm"
                  onClick={() => mark.mutate({ notificationIds: [n.id] })}
                >
                  {t('notificationsPage.open')}
                </Anchor>
              )}
              {n.readAt === null && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => mark.mutate({ notificationIds: [n.id] })}
                >
                  {t('notificationsPage.markRead')}
                </Button>
              )}
            </Group>
          </Group>
        ))}
        <MutationError error={mark.error} />
      </Stack>
    </Card>
  );
}

type Preferences = ApiSchemas['getNotificationPreferences'];

function PreferencesCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const prefs = useApiQuery(['notification-preferences', orgId], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/notification-preferences', { params: { path: { orgId } }, signal }),
  );
  const [form, setForm] = useState<Preferences>();
  useEffect(() => setForm(prefs.data), [prefs.data]);
  const save = useApiMutation(
    (body: Preferences) =>
      api.PUT('/api/v1/orgs/{orgId}/notification-preferences', { params: { path: { orgId } }, body }),
    { invalidates: [['notification-preferences', orgId]] },
  );
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('notificationsPage.preferences.title')}</Title>
        {prefs.error && <QueryError error={prefs.error} onRetry={() => void prefs.refetch()} />}
        {form && (
          <>
            <Stack gap={4}>
              <Text size="sm">{t('notificationsPage.preferences.locale')}</Text>
              <SegmentedControl
                data={[
                  { value: 'zh-TW', label: '繁體中文' },
                  { value: 'en', label: 'English' },
                ]}
                value={form.locale}
                onChange={(locale) => setForm({ ...form, locale: locale as Preferences['locale'] })}
              />
            </Stack>
            {(['emailReminders', 'emailDigest', 'inApp'] as const).map((name) => (
              <Switch
                key={name}
                label={t(`notificationsPage.preferences.${name}`)}
                checked={form[name]}
                onChange={(e) => setForm({ ...form, [name]: e.currentTarget.checked })}
              />
            ))}
            <Group justify="flex-end">
              {save.isSuccess && (
                <Text size="sm" c="teal">
                  {t('notificationsPage.preferences.saved')}
                </Text>
              )}
              <Button
                loading={save.isPending}
                onClick={() => save.mutate(form)}
                data-testid="preferences-save"
              >
                {t('notificationsPage.preferences.save')}
              </Button>
            </Group>
            <MutationError error={save.error} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function CalendarCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const key = ['calendar-feed', orgId];
  const feed = useApiQuery(key, (signal) =>
    api.GET('/api/v1/orgs/{orgId}/calendar-feed', { params: { path: { orgId } }, signal }),
  );
  const create = useApiMutation(
    () => api.POST('/api/v1/orgs/{orgId}/calendar-feed', { params: { path: { orgId } } }),
    { invalidates: [key] },
  );
  const revoke = useApiMutation(
    () => api.DELETE('/api/v1/orgs/{orgId}/calendar-feed', { params: { path: { orgId } } }),
    { invalidates: [key] },
  );
  const shown = create.data?.url ?? null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('notificationsPage.calendar.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('notificationsPage.calendar.intro')}
        </Text>
        {feed.error && <QueryError error={feed.error} onRetry={() => void feed.refetch()} />}
        {feed.data && (
          <Text size="sm" data-testid="calendar-state">
            {feed.data.active
              ? t('notificationsPage.calendar.active', { at: formatTime(feed.data.createdAt) })
              : t('notificationsPage.calendar.none')}
          </Text>
        )}
        {shown && !revoke.isSuccess && (
          <Stack gap={4}>
            <Text size="sm">{t('notificationsPage.calendar.shownOnce')}</Text>
            <Code block data-testid="calendar-url">
              {shown}
            </Code>
          </Stack>
        )}
        <Group>
          <Button
            variant="light"
            loading={create.isPending}
            onClick={() => {
              revoke.reset();
              create.mutate(undefined);
            }}
            data-testid="calendar-create"
          >
            {feed.data?.active
              ? t('notificationsPage.calendar.replace')
              : t('notificationsPage.calendar.create')}
          </Button>
          {feed.data?.active && (
            <Button
              variant="subtle"
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(undefined)}
              data-testid="calendar-revoke"
            >
              {t('notificationsPage.calendar.revoke')}
            </Button>
          )}
        </Group>
        <MutationError error={create.error ?? revoke.error} />
      </Stack>
    </Card>
  );
}
