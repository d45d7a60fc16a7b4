import { Button, type ButtonProps, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiSchemas } from '../api/client';
import '../i18n/abilities';

/** What the server says the caller may do with a resource (sent with the resource itself). */
export type Ability = ApiSchemas['listAssessments']['abilities']['create'];

/** "Why not": the server's reason, and who could do it when the caller's role is what stands in the way. */
export function useAbilityReason(): (ability: Ability) => string | undefined {
  const { t } = useTranslation();
  return (ability) => {
    if (ability.allowed || !ability.reason) return undefined;
    if (ability.reason === 'ROLE_REQUIRED') {
      const roles = ability.roles.map((role) => t(`orgAdmin.roles.${role}`)).join('、');
      return t('abilities.roleRequired', { roles });
    }
    return t(`abilities.reason.${ability.reason}`, {
      count: ability.items?.length ?? 0,
      defaultValue: t('abilities.reason.other'),
    });
  };
}

/**
 * A button for an action the server may refuse. Refused for the caller's role: hidden when `hideForRole`
 * (actions that are simply not this person's job), else disabled with the role that can take it. Refused
 * for the resource's state or content: disabled with the reason, so nobody fills a form only to get 403.
 */
export function ActionButton({
  ability,
  hideForRole = false,
  children,
  onClick,
  testId,
  ...props
}: ButtonProps & {
  ability: Ability | undefined;
  hideForRole?: boolean;
  children: ReactNode;
  onClick?: () => void;
  testId?: string;
}) {
  const reasonOf = useAbilityReason();
  if (!ability) return null;
  if (!ability.allowed && ability.reason === 'ROLE_REQUIRED' && hideForRole) return null;
  const reason = reasonOf(ability);
  const hintId = testId ? `${testId}-reason` : undefined;
  const button = (
    <Button
      {...props}
      disabled={!ability.allowed}
      onClick={onClick}
      data-testid={testId}
      aria-describedby={reason ? hintId : undefined}
    >
      {children}
    </Button>
  );
  if (!reason) return button;
  return (
    <Stack gap={2} align="flex-end" maw={280}>
      {button}
      <Text size="xs" c="dimmed" ta="right" id={hintId} data-testid={hintId}>
        {reason}
      </Text>
    </Stack>
  );
}
