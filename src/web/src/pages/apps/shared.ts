import type { ApiSchemas } from '../../api/client';

export type MobileApp = ApiSchemas['getApp'];
export type ReleaseDetail = ApiSchemas['getAppRelease'];
export type Release = ApiSchemas['listAppReleases']['items'][number];
export type Template = ApiSchemas['listAppTemplates']['items'][number];
export type AppOverview = ApiSchemas['getAppOverview'];

export const GATE_COLORS: Record<Release['gate'], string> = {
  pending: 'gray',
  scanned: 'teal',
  blocked: 'red',
  accepted: 'orange',
};

export const SEVERITY_COLORS: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
  info: 'gray',
};

/** The date part of an ISO timestamp, as the register shows it. */
export const dateOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');
