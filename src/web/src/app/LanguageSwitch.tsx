import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type SupportedLanguage, setLanguage, supportedLanguages } from '../i18n';

/** Two pressed-or-not buttons (lighter on the first load than a segmented control). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button.Group aria-label={t('language.label')}>
      {supportedLanguages.map((lng: SupportedLanguage) => {
        const active = i18n.resolvedLanguage === lng;
        return (
          <Button
            key={lng}
            size="xs"
            variant={active ? 'filled' : 'default'}
            aria-pressed={active}
            lang={lng === 'en' ? 'en' : 'zh-Hant-TW'}
            onClick={() => void setLanguage(lng)}
          >
            {t(`language.${lng}`)}
          </Button>
        );
      })}
    </Button.Group>
  );
}
