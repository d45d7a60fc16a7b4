import { createHash } from 'node:crypto';

/** Jianhe's namespace for name-based UUIDs (itself a random v4 UUID, fixed forever). */
export const JIANHE_UUID_NAMESPACE = '6f1f6d0e-6a0c-4d0b-9a51-2f4ad3c8a7e5';

/** RFC 4122 version 5 (SHA-1, name-based): the same name always yields the same UUID. */
export function uuidV5(name: string, namespace = JIANHE_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
