import type { AppConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Services } from '../modules/services.js';

/** What every module's routes receive: configuration, the open database and the module services. */
export interface AppContext {
  config: AppConfig;
  database: DatabaseHandle;
  startedAt: Date;
  services: Services;
}
