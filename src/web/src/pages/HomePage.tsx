import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function HomePage() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Title order={2}>{t('home.title')}</Title>
      <Text>{t('home.intro')}</Text>
    </Stack>
  );
}
