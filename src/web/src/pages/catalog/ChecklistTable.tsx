import { Badge, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { clauseLabel } from '../../app/clauses';
import type { Lang } from './CatalogPage';
import '../../i18n/catalog';

type Item = ApiSchemas['listCatalogItems']['items'][number];
const TAGS: Item['tags'][number][] = [
  'cloud-user',
  'cloud-provider',
  'social-media-policy',
  'social-media-official',
  'mobile-company',
  'byod',
  'mobile-app',
];

/** The checklist with role and tag filters and a search that matches zh-TW and English (server-side). */
export function ChecklistTable({
  catalogId,
  lang,
  highlight,
  onClause,
}: {
  catalogId: string;
  lang: Lang;
  highlight: string | null;
  onClause: (node: string) => void;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Item[]>();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [role, setRole] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);

  useEffect(() => {
    api
      .GET('/api/v1/catalogs/{catalogId}/items', {
        params: {
          path: { catalogId },
          query: {
            ...(debounced ? { q: debounced } : {}),
            ...(role ? { role: role as 'cloud-user' } : {}),
            ...(tag ? { tag: tag as Item['tags'][number] } : {}),
          },
        },
      })
      .then(({ data }) => setItems(data?.items ?? []));
  }, [catalogId, debounced, role, tag]);

  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('catalog.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="catalog-search"
        />
        <Select
          label={t('catalog.role')}
          placeholder={t('catalog.all')}
          clearable
          value={role}
          onChange={setRole}
          data={(['cloud-user', 'cloud-provider'] as const).map((r) => ({
            value: r,
            label: t(`catalog.roles.${r}`),
          }))}
        />
        <Select
          label={t('catalog.tag')}
          placeholder={t('catalog.all')}
          clearable
          value={tag}
          onChange={setTag}
          data={TAGS.map((value) => ({ value, label: t(`catalog.tags.${value}`) }))}
        />
      </Group>
      {items?.length === 0 && <Text c="dimmed">{t('catalog.noResults')}</Text>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalog.number')}</Table.Th>
            <Table.Th>{t('catalog.item')}</Table.Th>
            <Table.Th>{t('catalog.references')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items?.map((item) => (
            <Table.Tr
              key={item.id}
              bg={highlight === String(item.number) ? 'yellow.0' : undefined}
              data-testid={`catalog-item-${item.number}`}
            >
              <Table.Td>{item.number}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {item.question[lang]}
                </Text>
                <Group gap={4} mt={4}>
                  {item.provenance === 'derived' && (
                    <Tooltip label={t('catalog.derivedHint')} multiline w={300}>
                      <Badge color="orange" variant="light">
                        {t('catalog.derived')}
                      </Badge>
                    </Tooltip>
                  )}
                  {item.tags.map((tagName) => (
                    <Badge key={tagName} size="xs" variant="outline">
                      {t(`catalog.tags.${tagName}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {item.references.map((ref) => (
                    <Badge
                      key={ref}
                      size="sm"
                      component="button"
                      type="button"
                      style={{ cursor: 'pointer', border: 0 }}
                      onClick={() => onClause(ref)}
                    >
                      {clauseLabel(ref, lang)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
