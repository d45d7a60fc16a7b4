import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiSchemas, api } from '../../api/client';
import { type Ability, ActionButton } from '../../app/abilities';
import { errorMessage } from '../assessments/shared';
import { PLATFORMS, type SocialAccount } from './SocialAccountsPage';
import '../../i18n/social';

type Risk = ApiSchemas['listSocialPlatformRisks']['items'][number];
type RiskKind = Risk['risks'][number]['kind'];
type ControlKind = Risk['controls'][number]['kind'];
const RISKS: RiskKind[] = ['data_leakage', 'social_engineering', 'malware', 'other'];
const CONTROLS: ControlKind[] = [
  'training_awareness',
  'content_filtering_monitoring',
  'anti_malware',
  'other',
];
const STATE_COLOR = { ok: 'teal', due_soon: 'orange', overdue: 'red' } as const;
const today = () => new Date().toISOString().slice(0, 10);

interface Draft {
  platform: SocialAccount['platform'];
  platformLabel: string;
  businessUse: boolean;
  risks: RiskKind[];
  controls: ControlKind[];
  reviewedOn: string;
  reviewIntervalMonths: number;
  notes: string;
}
const blank = (): Draft => ({
  platform: 'line',
  platformLabel: '',
  businessUse: true,
  risks: [],
  controls: [],
  reviewedOn: today(),
  reviewIntervalMonths: 12,
  notes: '',
});
const fromRisk = (r: Risk): Draft => ({
  platform: r.platform,
  platformLabel: r.platformLabel,
  businessUse: r.businessUse,
  risks: r.risks.map((x) => x.kind),
  controls: r.controls.map((x) => x.kind),
  reviewedOn: today(),
  reviewIntervalMonths: r.reviewIntervalMonths,
  notes: r.notes,
});

/**
 * Art. 10.2: one risk record per platform type, created and reviewed here. A review sends the version it
 * was read at, so a stale one is refused (409) and shown, with the record reloaded as it now stands.
 */
export function SocialRisksCard(props: {
  orgId: string;
  risks: Risk[];
  canCreate: Ability | undefined;
  onChanged: (error?: string) => void;
}) {
  const { orgId, risks } = props;
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ risk: Risk | null; draft: Draft }>();
  const set = (patch: Partial<Draft>) =>
    editing && setEditing({ ...editing, draft: { ...editing.draft, ...patch } });
  const describe = <K extends string>(kinds: K[], before: Array<{ kind: K; description: string }>) =>
    kinds.map((kind) => ({ kind, description: before.find((x) => x.kind === kind)?.description ?? '' }));

  const save = async () => {
    if (!editing) return;
    const { risk, draft } = editing;
    const common = {
      businessUse: draft.businessUse,
      risks: describe(draft.risks, risk?.risks ?? []),
      controls: describe(draft.controls, risk?.controls ?? []),
      reviewedOn: draft.reviewedOn,
      reviewIntervalMonths: draft.reviewIntervalMonths,
      notes: draft.notes,
    };
    const { error } = risk
      ? await api.PATCH('/api/v1/orgs/{orgId}/social/platform-risks/{riskId}', {
          params: { path: { orgId, riskId: risk.id } },
          body: { version: risk.version, ...common },
        })
      : await api.POST('/api/v1/orgs/{orgId}/social/platform-risks', {
          params: { path: { orgId } },
          body: { platform: draft.platform, platformLabel: draft.platformLabel, ...common },
        });
    if (!error) setEditing(undefined);
    props.onChanged(error ? errorMessage(error) : undefined);
  };

  return (
    <Card withBorder data-testid="social-risks">
      <Group justify="space-between">
        <Title order={4}>{t('social.risk.title')}</Title>
        <ActionButton
          ability={props.canCreate}
          hideForRole
          size="compact-sm"
          variant="light"
          onClick={() => setEditing({ risk: null, draft: blank() })}
          testId="social-risk-add"
        >
          {t('social.risk.add')}
        </ActionButton>
      </Group>
      <Table>
        <Table.Tbody>
          {risks.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.platformName}</Table.Td>
              <Table.Td>{r.risks.map((x) => t(`social.risk.kind.${x.kind}`)).join('、')}</Table.Td>
              <Table.Td>{r.controls.map((x) => t(`social.risk.kind.${x.kind}`)).join('、')}</Table.Td>
              <Table.Td>
                {t('social.risk.nextDue')} {r.nextDueOn}{' '}
                <Badge color={STATE_COLOR[r.state]}>{t(`social.state.${r.state}`)}</Badge>
              </Table.Td>
              <Table.Td>
                <ActionButton
                  ability={r.abilities.review}
                  hideForRole
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => setEditing({ risk: r, draft: fromRisk(r) })}
                >
                  {t('social.risk.review')}
                </ActionButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && (
        <Stack gap="xs" mt="sm" data-testid="social-risk-form">
          <Group grow>
            <Select
              label={t('social.field.platform')}
              data={PLATFORMS.map((p) => ({ value: p, label: t(`social.platform.${p}`) }))}
              value={editing.draft.platform}
              onChange={(p) => p && set({ platform: p as Draft['platform'] })}
              disabled={editing.risk !== null}
              allowDeselect={false}
            />
            {editing.draft.platform === 'other' && (
              <TextInput
                label={t('social.field.platformLabel')}
                value={editing.draft.platformLabel}
                disabled={editing.risk !== null}
                onChange={(e) => set({ platformLabel: e.currentTarget.value })}
              />
            )}
          </Group>
          <Checkbox
            label={t('social.risk.businessUse')}
            checked={editing.draft.businessUse}
            onChange={(e) => set({ businessUse: e.currentTarget.checked })}
          />
          <MultiSelect
            label={t('social.risk.risks')}
            data={RISKS.map((k) => ({ value: k, label: t(`social.risk.kind.${k}`) }))}
            value={editing.draft.risks}
            onChange={(v) => set({ risks: v as RiskKind[] })}
          />
          <MultiSelect
            label={t('social.risk.controls')}
            data={CONTROLS.map((k) => ({ value: k, label: t(`social.risk.kind.${k}`) }))}
            value={editing.draft.controls}
            onChange={(v) => set({ controls: v as ControlKind[] })}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t('social.risk.reviewedOn')}
              value={editing.draft.reviewedOn}
              onChange={(e) => set({ reviewedOn: e.currentTarget.value })}
            />
            <NumberInput
              label={t('social.risk.interval')}
              min={1}
              max={60}
              value={editing.draft.reviewIntervalMonths}
              onChange={(v) => set({ reviewIntervalMonths: Number(v) || 12 })}
            />
          </Group>
          <TextInput
            label={t('social.field.notes')}
            value={editing.draft.notes}
            onChange={(e) => set({ notes: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(undefined)}>
              {t('social.cancel')}
            </Button>
            <Button onClick={() => void save()} data-testid="social-risk-save">
              {t('social.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
