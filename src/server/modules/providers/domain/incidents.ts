/** Incident kinds the provider must notify: Art. 6.3 (security incidents, 及時) and Art. 7.2 (isolation failure, 立即). */
export const INCIDENT_KINDS = ['security_incident', 'isolation_failure'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export type NotificationStatus = 'on_time' | 'late' | 'missing' | 'pending';

/**
 * Whether the provider's notice met the agreed window. An incident with no notice yet is `pending` while
 * the window is open and `missing` once it has passed — so silence becomes visible, not just late notices.
 */
export function notificationStatus(
  occurredAt: string,
  notifiedAt: string | null,
  windowHours: number,
  now: Date = new Date(),
): NotificationStatus {
  const deadline = Date.parse(occurredAt) + windowHours * 3_600_000;
  if (notifiedAt === null) return now.getTime() > deadline ? 'missing' : 'pending';
  return Date.parse(notifiedAt) > deadline ? 'late' : 'on_time';
}
