import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Provider } from './ProviderForm';
import '../../i18n/providers';

export function ProviderStatusBadges({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  const { status } = provider;
  return (
    <Group gap={4}>
      {provider.critical && <Badge color="grape">{t('providers.status.critical')}</Badge>}
      <Badge variant="light" color={status.auditMode === 'onsite_required' ? 'orange' : 'teal'}>
        {t(`providers.status.${status.auditMode}`)}
      </Badge>
      <Badge variant="outline" color={status.auditOverdue ? 'red' : 'gray'}>
        {status.auditOverdue
          ? t('providers.status.overdue')
          : t('providers.status.nextAudit', { date: status.nextAuditDue })}
      </Badge>
      {status.starExpiringSoon && <Badge color="yellow">{t('providers.status.starExpiring')}</Badge>}
    </Group>
  );
}
