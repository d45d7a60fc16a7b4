import path from 'node:path';
import type { AppConfig } from '../../../config/config.js';
import type { ContentStore } from './content-store.js';
import { LocalContentStore } from './local-content-store.js';
import { S3ContentStore } from './s3-content-store.js';

/**
 * The process's one evidence store: the configured S3-compatible bucket (shared by every instance), or
 * `${JIANHE_DATA_DIR}/evidence`. Uploads in progress are spooled under the data directory either way.
 */
export function createContentStore(config: Pick<AppConfig, 'dataDir' | 'objectStore'>): ContentStore {
  const root = path.join(config.dataDir, 'evidence');
  return config.objectStore
    ? new S3ContentStore(config.objectStore, path.join(root, 'tmp'))
    : new LocalContentStore(root);
}
