import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiSchemas, allPages, api } from '../../api/client';
import { type Ability, ActionButton } from '../../app/abilities';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../assessments/shared';
import type { SocialAccount } from './SocialAccountsPage';
import { SocialNav } from './SocialNav';
import '../../i18n/social';

type Post = ApiSchemas['getSocialPost'];
type Action = 'submit' | 'withdraw' | 'approve' | 'reject' | 'publish';

function PostCard(props: {
  post: Post;
  accounts: SocialAccount[];
  me: string | undefined;
  act: (post: Post, action: Action, extra?: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const { post } = props;
  const { abilities } = post;
  const [comment, setComment] = useState('');
  const [url, setUrl] = useState('');
  const mine = post.authorUserId === props.me;
  const names = post.accountIds.map((id) => props.accounts.find((a) => a.id === id)?.handle ?? id).join('、');
  return (
    <Card withBorder data-testid={`social-post-${post.title}`}>
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600}>{post.title}</Text>
          <Badge>{t(`social.posts.statusValue.${post.status}`)}</Badge>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {post.body}
        </Text>
        <Text size="xs" c="dimmed">
          {t('social.posts.accounts')}：{names} · {t('social.posts.author')}：{post.authorName}
          {post.decidedByName ? ` · ${t('social.posts.approvedBy')}：${post.decidedByName}` : ''}
        </Text>
        {post.approvedSha256 && (
          <Text size="xs" c="dimmed" ff="monospace">
            {t('social.posts.sha')}：{post.approvedSha256}
          </Text>
        )}
        {post.publishedUrl && (
          <Text size="xs">
            {t('social.posts.publishedUrl')}：{post.publishedUrl}
          </Text>
        )}
        {post.decisionComment && <Text size="xs">{post.decisionComment}</Text>}
        <Group gap="xs">
          {mine && (post.status === 'draft' || post.status === 'rejected') && (
            <ActionButton
              ability={abilities.submit}
              hideForRole
              size="compact-sm"
              onClick={() => props.act(post, 'submit')}
              testId="social-post-submit"
            >
              {t('social.posts.submit')}
            </ActionButton>
          )}
          {post.status === 'submitted' && (
            <>
              {abilities.approve.allowed && (
                <TextInput
                  size="xs"
                  placeholder={t('social.posts.comment')}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                />
              )}
              <ActionButton
                ability={abilities.approve}
                hideForRole
                size="compact-sm"
                color="teal"
                onClick={() => props.act(post, 'approve', comment ? { comment } : {})}
                testId="social-post-approve"
              >
                {t('social.posts.approve')}
              </ActionButton>
              {abilities.reject.allowed && (
                <Button
                  size="compact-sm"
                  color="red"
                  variant="light"
                  disabled={!comment}
                  onClick={() => props.act(post, 'reject', { comment })}
                >
                  {t('social.posts.reject')}
                </Button>
              )}
            </>
          )}
          {mine &&
            (post.status === 'submitted' || post.status === 'approved') &&
            abilities.withdraw.allowed && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => props.act(post, 'withdraw')}
                data-testid="social-post-withdraw"
              >
                {t('social.posts.withdraw')}
              </Button>
            )}
          {post.status === 'approved' && abilities.publish.allowed && (
            <>
              <TextInput
                size="xs"
                placeholder={t('social.posts.publishedUrl')}
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
              />
              <Button
                size="compact-sm"
                disabled={!/^https?:\/\//.test(url)}
                onClick={() => props.act(post, 'publish', { url })}
              >
                {t('social.posts.publish')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** Art. 11.4: drafts, the approval queue (a second person decides) and what was published, with its approver. */
export function SocialPostsPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const { session } = useAuth();
  const [posts, setPosts] = useState<Post[]>([]);
  const [accounts, setAccounts] = useState<SocialAccount[]>([]);
  const [draft, setDraft] = useState({ title: '', body: '', accountIds: [] as string[] });
  const [error, setError] = useState<string>();
  const [canCreate, setCanCreate] = useState<Ability>();

  const load = useCallback(async () => {
    // Every page of both lists: a register never silently stops at its first 200.
    const [p, a] = await Promise.all([
      allPages((cursor) =>
        api.GET('/api/v1/orgs/{orgId}/social/posts', {
          params: { path: { orgId }, query: { limit: 200, cursor } },
        }),
      ),
      allPages((cursor) =>
        api.GET('/api/v1/orgs/{orgId}/social/accounts', {
          params: { path: { orgId }, query: { limit: 200, cursor } },
        }),
      ),
    ]);
    setPosts(p.items);
    setCanCreate(p.first?.abilities.create);
    setAccounts(a.items);
  }, [orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/social/posts', {
      params: { path: { orgId } },
      body: draft,
    });
    setError(failure ? errorMessage(failure) : undefined);
    if (!failure) setDraft({ title: '', body: '', accountIds: [] });
    await load();
  };
  const act = async (post: Post, action: Action, extra: Record<string, string> = {}) => {
    const { error: failure } = await api.POST(
      `/api/v1/orgs/{orgId}/social/posts/{postId}/${action}` as '/api/v1/orgs/{orgId}/social/posts/{postId}/submit',
      {
        params: { path: { orgId, postId: post.id } },
        body: { version: post.version, ...extra } as never,
      },
    );
    setError(failure ? errorMessage(failure) : undefined);
    await load();
  };
  const postable = accounts.filter((a) => a.status === 'active' && a.scope === 'in_scope');
  const groups: Array<[string, Post[]]> = [
    [t('social.posts.queue'), posts.filter((p) => p.status === 'submitted' || p.status === 'approved')],
    [t('social.posts.drafts'), posts.filter((p) => p.status === 'draft' || p.status === 'rejected')],
    [t('social.posts.published'), posts.filter((p) => p.status === 'published')],
  ];
  return (
    <Stack>
      <Title order={2}>{t('social.posts.title')}</Title>
      <SocialNav orgId={orgId} current="posts" />
      {error && <Alert color="red">{error}</Alert>}
      {canCreate?.allowed && (
        <Card withBorder data-testid="social-post-new">
          <Stack gap="xs">
            <Title order={4}>{t('social.posts.new')}</Title>
            <TextInput
              label={t('social.posts.titleField')}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            />
            <Textarea
              label={t('social.posts.body')}
              autosize
              minRows={3}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
            />
            <MultiSelect
              label={t('social.posts.accounts')}
              data={postable.map((a) => ({ value: a.id, label: `${a.platformName} ${a.handle}` }))}
              value={draft.accountIds}
              onChange={(accountIds) => setDraft({ ...draft, accountIds })}
              searchable
              data-testid="social-post-accounts"
            />
            <Group justify="flex-end">
              <Button
                onClick={() => void create()}
                disabled={!draft.title || !draft.body || draft.accountIds.length === 0}
                data-testid="social-post-save"
              >
                {t('social.posts.saveDraft')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {groups.map(([title, list]) => (
        <Stack key={title} gap="xs">
          <Title order={4}>{title}</Title>
          {list.length === 0 && <Text c="dimmed">{t('social.posts.none')}</Text>}
          {list.map((post) => (
            <PostCard
              key={post.id}
              post={post}
              accounts={accounts}
              me={session?.user?.id}
              act={(p, a, x) => void act(p, a, x)}
            />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
