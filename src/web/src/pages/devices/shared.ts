import type { ApiSchemas } from '../../api/client';

export type Device = ApiSchemas['listDevices']['items'][number];

export const RESULT_COLORS: Record<string, string> = {
  pass: 'teal',
  fail: 'red',
  unknown: 'gray',
  not_required: 'blue',
};

export const formatTime = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export { saveBlob, uploadFile } from '../../api/upload';
