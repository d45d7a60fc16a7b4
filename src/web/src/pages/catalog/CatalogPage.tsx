import { Badge, Button, Card, Group, Loader, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { ChecklistTable } from './ChecklistTable';
import '../../i18n/catalog';

export type CatalogDetail = ApiSchemas['getCatalog'];
export type Lang = 'zh-TW' | 'en';

/** Browse the guideline: the article tree with clause text, and the checklist with filters and search. */
export function CatalogPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const [params, setParams] = useSearchParams();
  const list = useApiQuery(['catalogs'], (signal) => api.GET('/api/v1/catalogs', { signal }));
  const catalogs = list.data?.items ?? [];
  const catalogId = params.get('catalog') ?? catalogs[0]?.id ?? '';
  const tab = params.get('tab') ?? 'checklist';
  // A catalog version never changes once published: read once per session.
  const detailQuery = useApiQuery(
    ['catalog', catalogId],
    (signal) => api.GET('/api/v1/catalogs/{catalogId}', { params: { path: { catalogId } }, signal }),
    { enabled: catalogId !== '', staleTime: Number.POSITIVE_INFINITY },
  );
  const detail: CatalogDetail | undefined = detailQuery.data;

  const itemsByNode = useMemo(() => {
    const map = new Map<string, number[]>();
    for (const item of detail?.checklist ?? [])
      for (const ref of item.references) map.set(ref, [...(map.get(ref) ?? []), item.number]);
    return map;
  }, [detail]);

  const show = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next });
  const node = params.get('node');
  /** The article holding the linked clause: art-14 for art-14.2, never art-1. */
  const holdsNode = (articleId: string) => node === articleId || (node?.startsWith(`${articleId}.`) ?? false);
  useEffect(() => {
    if (!node || tab !== 'articles' || !detail) return;
    document.getElementById(node.split('.')[0]!)?.scrollIntoView({ block: 'start' });
  }, [node, tab, detail]);
  const itemBadges = (nodeId: string) => (
    <Group gap={4}>
      {(itemsByNode.get(nodeId) ?? []).map((n) => (
        <Badge
          key={n}
          size="xs"
          variant="light"
          style={{ cursor: 'pointer' }}
          onClick={() => show({ tab: 'checklist', item: String(n) })}
        >
          {n}
        </Badge>
      ))}
    </Group>
  );

  if (!detail) return <Loader aria-label={t('common.loading')} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{detail.title[lang]}</Title>
        <Group gap="xs">
          <Select
            aria-label={t('catalog.version')}
            data={catalogs.map((c) => ({ value: c.id, label: `${c.title[lang]} ${c.version}` }))}
            value={catalogId ?? null}
            onChange={(value) => value && show({ catalog: value })}
            allowDeselect={false}
          />
          <Button component="a" variant="default" href={`/api/v1/catalogs/${detail.id}/oscal`} download>
            {t('catalog.exportOscal')}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {detail.issuer[lang]} · {detail.source[lang]}
      </Text>
      <Tabs value={tab} onChange={(value) => value && show({ tab: value })}>
        <Tabs.List>
          <Tabs.Tab value="checklist">{t('catalog.tabs.checklist')}</Tabs.Tab>
          <Tabs.Tab value="articles">{t('catalog.tabs.articles')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="checklist" pt="sm">
          <ChecklistTable
            catalogId={detail.id}
            lang={lang}
            highlight={params.get('item')}
            onClause={(node) => show({ tab: 'articles', node })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="articles" pt="sm">
          <Stack>
            {detail.chapters.map((chapter) => (
              <Stack key={chapter.id} gap="xs">
                <Title order={3}>
                  {t('catalog.chapter', { number: chapter.number })} {chapter.title[lang]}
                </Title>
                {chapter.articles.map((article) => (
                  <Card
                    key={article.id}
                    withBorder
                    id={article.id}
                    bg={holdsNode(article.id) ? 'yellow.0' : undefined}
                  >
                    <Group justify="space-between">
                      <Text fw={600}>
                        {t('catalog.article', { number: article.number })} {article.title[lang]}
                      </Text>
                      {itemBadges(article.id)}
                    </Group>
                    {article.text && <Text size="sm">{article.text[lang]}</Text>}
                    {article.clauses.map((clause) => (
                      <Stack key={clause.id} gap={2} pl="md" mt={4} id={clause.id}>
                        <Group justify="space-between" wrap="nowrap" align="flex-start">
                          <Text size="sm">
                            {clause.number}、{clause.text[lang]}
                          </Text>
                          {itemBadges(clause.id)}
                        </Group>
                        {clause.subItems.map((sub) => (
                          <Group
                            key={sub.id}
                            justify="space-between"
                            wrap="nowrap"
                            pl="md"
                            align="flex-start"
                          >
                            <Text size="sm">
                              ({sub.number}) {sub.text[lang]}
                            </Text>
                            {itemBadges(sub.id)}
                          </Group>
                        ))}
                      </Stack>
                    ))}
                  </Card>
                ))}
              </Stack>
            ))}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
