import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type SupportedLanguage, setLanguage, supportedLanguages } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.resolvedLanguage}
      onChange={(value) => setLanguage(value as SupportedLanguage)}
      data={supportedLanguages.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
    />
  );
}
