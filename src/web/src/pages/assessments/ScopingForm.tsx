import { Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCOPING_QUESTIONS, type ScopingAnswers } from './shared';
import '../../i18n/assessments';

/** The scoping questionnaire; the private-cloud question only makes sense when a critical cloud is used. */
export function ScopingForm({
  value,
  onChange,
}: {
  value: ScopingAnswers;
  onChange: (next: ScopingAnswers) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {SCOPING_QUESTIONS.map((question) => (
        <Switch
          key={question}
          label={t(`assessments.scoping.${question}`)}
          checked={value[question]}
          disabled={question === 'cloudIsInternalPrivateOnly' && !value.usesCloudForCriticalServices}
          onChange={(event) => onChange({ ...value, [question]: event.currentTarget.checked })}
        />
      ))}
    </Stack>
  );
}
