import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The one way a failed read is shown: the server's message (in the UI language) and a retry. */
export function QueryError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" data-testid="query-error">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t('common.loadFailed', { message: error.message })}</Text>
        <Button size="xs" variant="white" color="red" onClick={onRetry} data-testid="query-retry">
          {t('common.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
