import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The organisation picker for members of several organisations (its own chunk: Select brings a popover). */
export function OrgSwitcher(props: {
  memberships: { orgId: string; name: string }[];
  value: string | null;
  onChange: (orgId: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      size="xs"
      aria-label={t('auth.chooseOrg')}
      data={props.memberships.map((m) => ({ value: m.orgId, label: m.name }))}
      value={props.value}
      onChange={props.onChange}
      allowDeselect={false}
    />
  );
}
