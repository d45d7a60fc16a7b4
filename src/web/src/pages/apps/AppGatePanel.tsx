import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type AppOverview, dateOf } from './shared';
import '../../i18n/apps';

type Entry = AppOverview['apps'][number];
/** Items 55–59 ask about the Art. 16 controls 16.1–16.5, in order. */
const CONTROL_OF_ITEM: Record<number, string> = {
  55: '16.1',
  56: '16.2',
  57: '16.3',
  58: '16.4',
  59: '16.5',
};
/** Items whose answer the latest scan supports: one click files it as the item's evidence. */
const SCAN_ITEMS = new Set([60, 61, 62]);

export const APP_ITEM_NUMBERS = { first: 55, last: 63 } as const;

/** What the register and the release gate say about one of checklist items 55–63, per app. */
function lineFor(entry: Entry, item: number, t: (key: string, options?: Record<string, unknown>) => string) {
  const app = entry.app.name;
  const release = entry.latestRelease;
  const control = CONTROL_OF_ITEM[item];
  if (control) {
    const c = entry.app.controls.find((x) => x.control === control);
    return t('apps.panel.control', {
      app,
      control: t(`apps.controls.c${control.replace('.', '_')}`),
      state: t(c?.implemented ? 'apps.panel.implemented' : 'apps.panel.notImplemented'),
    });
  }
  if (!release) return t('apps.panel.noRelease', { app });
  const version = release.appVersion;
  if (item === 63) {
    if (entry.app.vendorKind === 'in_house') return t('apps.panel.inHouse', { app });
    const received = release.attestations.filter((a) => a.receivedOn !== null).length;
    return t('apps.panel.attestations', { app, version, received, total: release.attestations.length });
  }
  if (item === 62) {
    const filtering = release.attestations.find((a) => a.subject === 'input-filtering');
    if (filtering || entry.app.vendorKind === 'outside')
      return t('apps.panel.filtering', {
        app,
        state: filtering?.receivedOn ? filtering.receivedOn : t('apps.attestations.outstanding'),
      });
  }
  if (!release.summary) return t('apps.panel.notScanned', { app, version });
  if (item === 61) {
    const secrets = entry.secretsFound ?? 0;
    const line =
      secrets === 0
        ? t('apps.panel.secrets', { app, version })
        : t('apps.panel.secretsFound', { app, version, count: secrets });
    return entry.personalDataFound ? line + t('apps.panel.pii', { count: entry.personalDataFound }) : line;
  }
  return t('apps.panel.gate', {
    app,
    version,
    scannedAt: dateOf(release.scannedAt),
    high: release.summary.critical + release.summary.high,
    gate: t(`apps.gate.${release.gate}`),
  });
}

/** Items 55–63: the app register and the release gate beside the answer, and the scan as evidence in one click. */
export function AppGatePanel(props: {
  orgId: string;
  itemRowId: string;
  itemNumber: number;
  attachedEvidenceIds: string[];
  editable: boolean;
  onAttached: () => void;
}) {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<AppOverview | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    void api
      .GET('/api/v1/orgs/{orgId}/app-overview', { params: { path: { orgId: props.orgId } } })
      .then(({ data }) => setOverview(data ?? null));
  }, [props.orgId]);
  if (!overview) return null;

  // Items about the register itself (the controls, the vendor): a frozen, hashed snapshot of it.
  const snapshot = async () => {
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/app-register/snapshot', {
      params: { path: { orgId: props.orgId } },
      body: { assessmentItemId: props.itemRowId },
    });
    if (failure) setError((failure as { message?: string }).message);
    else props.onAttached();
  };

  const attach = async (evidenceId: string) => {
    const { error: failure } = await api.PUT(
      '/api/v1/orgs/{orgId}/assessment-items/{itemId}/evidence/{evidenceId}',
      { params: { path: { orgId: props.orgId, itemId: props.itemRowId, evidenceId } } },
    );
    if (failure) setError((failure as { message?: string }).message);
    else props.onAttached();
  };

  return (
    <Card withBorder padding="sm" data-testid="app-gate-panel">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('apps.panel.title')}
          </Text>
          <Anchor component={Link} to={`/orgs/${props.orgId}/apps`} size="xs">
            {t('apps.panel.open')}
          </Anchor>
        </Group>
        {overview.apps.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('apps.panel.noApps')}
          </Text>
        )}
        {overview.apps.map((entry) => {
          const evidenceId = entry.latestRelease?.scanEvidenceId;
          const attached = evidenceId ? props.attachedEvidenceIds.includes(evidenceId) : false;
          return (
            <Group key={entry.app.id} justify="space-between" wrap="nowrap" data-testid="app-gate-line">
              <Text size="sm">{lineFor(entry, props.itemNumber, t)}</Text>
              {SCAN_ITEMS.has(props.itemNumber) &&
                evidenceId &&
                (attached ? (
                  <Text size="xs" c="teal">
                    {t('apps.panel.attached')}
                  </Text>
                ) : (
                  props.editable && (
                    <Button size="xs" variant="light" onClick={() => void attach(evidenceId)}>
                      {t('apps.panel.attach')}
                    </Button>
                  )
                ))}
            </Group>
          );
        })}
        {props.editable && !SCAN_ITEMS.has(props.itemNumber) && overview.apps.length > 0 && (
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => void snapshot()}
              data-testid="app-register-snapshot"
            >
              {t('apps.panel.snapshot')}
            </Button>
          </Group>
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
