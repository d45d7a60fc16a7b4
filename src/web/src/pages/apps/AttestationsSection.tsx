import { Badge, Button, Card, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../assessments/shared';
import type { ReleaseDetail } from './shared';
import '../../i18n/apps';

const SUBJECTS = ['no-malicious-code', 'no-sensitive-data', 'input-filtering'] as const;
type Subject = (typeof SUBJECTS)[number];

/** What an outside developer attests in place of the source code (Art. 17.2), due before release. */
export function AttestationsSection(props: {
  orgId: string;
  release: ReleaseDetail;
  onChanged: () => Promise<void>;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState<Subject>('no-malicious-code');
  const [dueDate, setDueDate] = useState('');
  const path = { orgId: props.orgId, releaseId: props.release.id };
  const add = async () => {
    const { error } = await api.POST('/api/v1/orgs/{orgId}/app-releases/{releaseId}/attestations', {
      params: { path },
      body: { subject, dueDate },
    });
    if (error) props.onError(errorMessage(error));
    await props.onChanged();
  };
  const received = async (id: string, version: number) => {
    const { error } = await api.PATCH('/api/v1/orgs/{orgId}/app-attestations/{attestationId}', {
      params: { path: { orgId: props.orgId, attestationId: id } },
      body: { version, receivedOn: new Date().toISOString().slice(0, 10) },
    });
    if (error) props.onError(errorMessage(error));
    await props.onChanged();
  };
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('apps.attestations.title')}
      </Title>
      {props.release.attestations.length > 0 && (
        <Table>
          <Table.Tbody>
            {props.release.attestations.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{t(`apps.attestations.subjects.${a.subject}`)}</Table.Td>
                <Table.Td>
                  {t('apps.attestations.dueDate')} {a.dueDate}
                </Table.Td>
                <Table.Td>
                  {a.receivedOn ? (
                    <Badge color="teal">
                      {t('apps.attestations.receivedOn')} {a.receivedOn}
                    </Badge>
                  ) : (
                    <Group gap="xs">
                      <Badge color={a.overdue ? 'red' : 'gray'}>
                        {t(a.overdue ? 'apps.attestations.overdue' : 'apps.attestations.outstanding')}
                      </Badge>
                      <Button size="xs" variant="light" onClick={() => void received(a.id, a.version)}>
                        {t('apps.attestations.markReceived')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {props.release.status === 'draft' && (
        <Group mt="sm" align="flex-end">
          <Select
            label={t('apps.attestations.subject')}
            value={subject}
            onChange={(v) => setSubject((v as Subject) ?? 'no-malicious-code')}
            data={SUBJECTS.map((s) => ({ value: s, label: t(`apps.attestations.subjects.${s}`) }))}
            allowDeselect={false}
            w={260}
          />
          <TextInput
            type="date"
            label={t('apps.attestations.dueDate')}
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
          />
          <Button variant="light" onClick={() => void add()} disabled={!dueDate}>
            {t('apps.attestations.add')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
