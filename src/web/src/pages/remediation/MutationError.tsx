import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/query';
import '../../i18n/remediation';

/** A refused write: a version conflict says the item was reloaded, anything else shows the server's message. */
export function MutationError({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const conflict = error instanceof ApiRequestError && error.code === 'VERSION_CONFLICT';
  return (
    <Alert color={conflict ? 'yellow' : 'red'} data-testid="mutation-error">
      {conflict ? t('remediation.conflict') : error.message}
    </Alert>
  );
}
