import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import { AttestationsSection } from './AttestationsSection';
import { RiskAcceptanceForm } from './RiskAcceptanceForm';
import { dateOf, GATE_COLORS, type ReleaseDetail, SEVERITY_COLORS } from './shared';
import '../../i18n/apps';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

function CountsRow(props: {
  label: string;
  counts: ReleaseDetail['byMasvs'][number]['counts'];
  strong?: boolean;
}) {
  return (
    <Table.Tr>
      <Table.Td fw={props.strong ? 600 : undefined} pl={props.strong ? undefined : 'lg'}>
        {props.label}
      </Table.Td>
      {SEVERITIES.map((s) => (
        <Table.Td key={s}>{props.counts[s] || ''}</Table.Td>
      ))}
      <Table.Td fw={600}>{props.counts.total}</Table.Td>
    </Table.Tr>
  );
}

/** One release: its gate, the scan's findings grouped by guideline article and MASVS group, and what ships it. */
export function ReleasePage() {
  const { orgId = '', releaseId = '' } = useParams();
  const { t } = useTranslation();
  const [release, setRelease] = useState<ReleaseDetail>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/orgs/{orgId}/app-releases/{releaseId}', {
      params: { path: { orgId, releaseId } },
    });
    if (data) setRelease(data);
    else setError(errorMessage(failure));
  }, [orgId, releaseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const markReleased = async () => {
    if (!release) return;
    const { error: failure } = await api.POST('/api/v1/orgs/{orgId}/app-releases/{releaseId}/release', {
      params: { path: { orgId, releaseId } },
      body: { version: release.version },
    });
    setError(failure ? errorMessage(failure) : undefined);
    await load();
  };

  if (!release)
    return error ? <Alert color="red">{error}</Alert> : <Loader aria-label={t('common.loading')} />;
  const header = (
    <Table.Thead>
      <Table.Tr>
        <Table.Th />
        {SEVERITIES.map((s) => (
          <Table.Th key={s}>{s}</Table.Th>
        ))}
        <Table.Th>Σ</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  return (
    <Stack>
      <Anchor component={Link} to={`/orgs/${orgId}/apps/${release.appId}`} size="sm">
        ← {t('apps.title')}
      </Anchor>
      <Group>
        <Title order={2}>
          {release.appVersion} ({release.buildNumber})
        </Title>
        <Badge size="lg" color={GATE_COLORS[release.gate]} data-testid="gate">
          {t(`apps.gate.${release.gate}`)}
        </Badge>
        <Badge size="lg" variant="outline" data-testid="release-status">
          {t(`apps.status.${release.status}`)}
        </Badge>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Text size="sm">
          {t('apps.releases.scannedAt')}: {dateOf(release.scannedAt)} · {t('apps.release.failOn')}:{' '}
          {release.failOn}
        </Text>
        <Text size="sm">
          {t('apps.releases.releaseDate')}: {release.releaseDate ?? '—'}
        </Text>
        <Text size="sm" style={{ wordBreak: 'break-all' }}>
          {t('apps.release.binarySha256')}: <code>{release.binarySha256 ?? '—'}</code>
        </Text>
        {release.rulePack && (
          <Text size="sm">
            {t('apps.release.rulePack')}: {release.rulePack.id}@{release.rulePack.version}
          </Text>
        )}
        {release.scanEvidenceId && (
          <Anchor size="sm" href={`/api/v1/orgs/${orgId}/evidence/${release.scanEvidenceId}/download`}>
            {t('apps.release.scanEvidence')}
          </Anchor>
        )}
      </SimpleGrid>
      {release.riskAcceptance && (
        <Alert color={release.riskAcceptance.valid ? 'orange' : 'red'} data-testid="risk-acceptance">
          {t(release.riskAcceptance.valid ? 'apps.risk.acceptedUntil' : 'apps.risk.expired', {
            date: release.riskAcceptance.expiresOn,
          })}
          {' — '}
          {release.riskAcceptance.reason}
        </Alert>
      )}
      {release.gate === 'blocked' && release.status === 'draft' && (
        <RiskAcceptanceForm orgId={orgId} release={release} onDone={load} onError={setError} />
      )}
      {release.status === 'draft' && (
        <Group>
          <Button onClick={() => void markReleased()} data-testid="mark-released">
            {t('apps.release.markReleased')}
          </Button>
        </Group>
      )}
      <AttestationsSection orgId={orgId} release={release} onChanged={load} onError={setError} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Title order={4} mb="sm">
            {t('apps.release.byArticle')}
          </Title>
          <Table data-testid="by-article">
            {header}
            <Table.Tbody>
              {release.byArticle.flatMap((a) => [
                <CountsRow key={a.article} label={a.article} counts={a.counts} strong />,
                ...a.clauses.map((c) => <CountsRow key={c.clause} label={c.clause} counts={c.counts} />),
              ])}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">
            {t('apps.release.byMasvs')}
          </Title>
          <Table data-testid="by-masvs">
            {header}
            <Table.Tbody>
              {release.byMasvs.map((g) => (
                <CountsRow key={g.group} label={g.group} counts={g.counts} strong />
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('apps.release.findingsList')}
        </Title>
        {release.findings.length === 0 && <Text c="dimmed">{t('apps.release.noFindings')}</Text>}
        {release.findings.length > 0 && (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apps.release.severity')}</Table.Th>
                <Table.Th>{t('apps.release.rule')}</Table.Th>
                <Table.Th>{t('apps.release.location')}</Table.Th>
                <Table.Th>{t('apps.release.evidence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {release.findings.map((f) => (
                <Table.Tr key={`${f.ruleId}:${f.location}:${f.subject}`}>
                  <Table.Td>
                    <Badge color={SEVERITY_COLORS[f.severity]}>{f.severity}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <code>{f.ruleId}</code>
                    <Text size="xs" c="dimmed">
                      {f.masvs} · {f.clause}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.location}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{f.evidence}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
