// The shell's English strings, as one chunk fetched when English is chosen (zh-TW ships with the app).
export const englishShell = import.meta.glob<Record<string, unknown>>(
  [
    './locales/en/*.json',
    '!./locales/en/{abilities,apps,assessments,audit,campaigns,catalog,checks,devices,invitations,providers,questionnaire,remediation,reports,social,sso}.json',
  ],
  { eager: true, import: 'default' },
);
