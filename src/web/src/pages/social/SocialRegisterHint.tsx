import { Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import '../../i18n/social';

export type RegisterFigures = ApiSchemas['getSocialRegisterFigures'];
type Line = RegisterFigures['items'][number]['lines'][number];

export function useRegisterFigures(orgId: string): RegisterFigures | undefined {
  const [figures, setFigures] = useState<RegisterFigures>();
  useEffect(() => {
    void api
      .GET('/api/v1/orgs/{orgId}/social/register-figures', { params: { path: { orgId } } })
      .then(({ data }) => setFigures(data));
  }, [orgId]);
  return figures;
}

/** One coded line of the register's figures, in the current language. */
export function FigureLine({ line }: { line: Line }) {
  const { t } = useTranslation();
  const values = Object.fromEntries(
    Object.entries(line.values).map(([k, v]) => [
      k,
      k === 'at' && typeof v === 'string' ? v.slice(0, 16).replace('T', ' ') : v,
    ]),
  );
  return <>{t(`social.figures.line.${line.code}`, values)}</>;
}

/**
 * While answering items 34–40: what the social media register says, and one click to attach its
 * current snapshot (frozen, dated and hashed) to the item as evidence.
 */
export function SocialRegisterHint(props: {
  orgId: string;
  itemId: string;
  itemRowId: string;
  onAttached?: () => void;
}) {
  const { t } = useTranslation();
  const figures = useRegisterFigures(props.orgId);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();
  const item = figures?.items.find((i) => i.itemId === props.itemId);
  if (!item) return null;
  const snapshot = async () => {
    const { data, error: failure } = await api.POST('/api/v1/orgs/{orgId}/social/register-figures/snapshot', {
      params: { path: { orgId: props.orgId } },
      body: { attachToItemId: props.itemRowId },
    });
    if (data) {
      setDone(data.sha256);
      props.onAttached?.();
    } else setError(errorMessage(failure));
  };
  return (
    <Card withBorder padding="xs" data-testid="social-hint">
      <Stack gap={4}>
        <List size="xs">
          {item.lines.map((line) => (
            <List.Item key={`${line.code}-${JSON.stringify(line.values)}`}>
              <FigureLine line={line} />
            </List.Item>
          ))}
        </List>
        {done ? (
          <Text size="xs" c="teal">
            {t('social.figures.snapshotDone', { sha: done.slice(0, 12) })}
          </Text>
        ) : (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => void snapshot()}
            data-testid="social-snapshot"
          >
            {t('social.figures.snapshot')}
          </Button>
        )}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The register's figures for all of items 34–40, on the register's own page. */
export function RegisterFiguresCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const figures = useRegisterFigures(orgId);
  if (!figures) return null;
  return (
    <Card withBorder data-testid="social-figures">
      <Title order={4}>{t('social.figures.title')}</Title>
      <List size="sm" mt="xs">
        {figures.items.flatMap((item) =>
          item.lines.map((line) => (
            <List.Item key={`${item.itemNumber}-${line.code}-${JSON.stringify(line.values)}`}>
              {item.itemNumber}：<FigureLine line={line} />
            </List.Item>
          )),
        )}
      </List>
    </Card>
  );
}
