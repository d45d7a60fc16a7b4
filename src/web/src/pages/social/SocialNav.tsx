import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import '../../i18n/social';

/** The social media section's three pages as tabs. */
export function SocialNav({
  orgId,
  current,
}: {
  orgId: string;
  current: 'accounts' | 'governance' | 'posts';
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const paths = { accounts: '', governance: '/governance', posts: '/posts' } as const;
  return (
    <Tabs
      value={current}
      onChange={(value) => value && navigate(`/orgs/${orgId}/social${paths[value as keyof typeof paths]}`)}
    >
      <Tabs.List>
        {(['accounts', 'governance', 'posts'] as const).map((tab) => (
          <Tabs.Tab key={tab} value={tab} data-testid={`social-tab-${tab}`}>
            {t(`social.tabs.${tab}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
