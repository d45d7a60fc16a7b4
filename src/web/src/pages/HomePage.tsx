import { Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';

// The signed-in overview (queries, charts) is its own chunk: visitors who are not signed in never load it.
const HomeOverview = lazy(async () => ({ default: (await import('./home/HomeOverview')).HomeOverview }));

export function HomePage() {
  const { t } = useTranslation();
  const { session, currentOrgId } = useAuth();
  const overview = session?.authenticated === true && currentOrgId !== undefined;
  return (
    <Stack maw={overview ? undefined : 760}>
      <Title order={2}>{t('home.title')}</Title>
      {overview ? (
        <Suspense fallback={null}>
          <HomeOverview orgId={currentOrgId} />
        </Suspense>
      ) : (
        <Text>{t('home.intro')}</Text>
      )}
    </Stack>
  );
}
