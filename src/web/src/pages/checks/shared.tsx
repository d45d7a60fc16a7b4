import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiSchemas } from '../../api/client';
import '../../i18n/checks';

export type CheckEndpoint = ApiSchemas['getCheckEndpoint'];
export type CheckRun = ApiSchemas['getCheckRun'];
export type RuleStatus = CheckRun['results'][number]['status'];

const COLORS: Record<RuleStatus, string> = { pass: 'teal', warn: 'yellow', fail: 'red', skip: 'gray' };

/** A verdict or rule status as a coloured badge; "not checked yet" when there is none. */
export function VerdictBadge({
  verdict,
  testId,
}: {
  verdict: RuleStatus | null | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!verdict)
    return (
      <Badge color="gray" variant="outline" data-testid={testId}>
        {t('checks.never')}
      </Badge>
    );
  return (
    <Badge color={COLORS[verdict]} data-testid={testId} data-verdict={verdict}>
      {t(`checks.status.${verdict}`)}
    </Badge>
  );
}

export const formatTime = (iso: string | null | undefined, language: string) =>
  iso
    ? new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-TW', { timeZone: 'Asia/Taipei' })
    : '—';

export const hostPort = (e: { host: string; port: number }) =>
  `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
