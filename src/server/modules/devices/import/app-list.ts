import type { ImportProfile } from '../../tabular-import/column-mapping.js';
import { detectColumns } from '../../tabular-import/column-mapping.js';
import { parseRows } from '../../tabular-import/import-pipeline.js';
import { readTable } from '../../tabular-import/table-reader.js';
import { platformOf } from './mdm-values.js';

type AppField = 'device' | 'platform' | 'app' | 'name';

/**
 * An MDM export that lists installed apps, one row per device and app: Intune's app inventory per device,
 * Jamf's and Fleet's software lists, or a plain CSV. Recognised by an app-identifier column.
 */
const APP_LIST: ImportProfile<AppField> = {
  id: 'app-list',
  signature: [
    ['Bundle ID'],
    ['Application ID'],
    ['App ID'],
    ['Package name'],
    ['bundle_identifier'],
    ['應用程式識別碼'],
  ],
  columns: {
    device: {
      headers: ['Device name', 'Display Name', 'hostname', 'Serial number', 'hardware_serial', '裝置名稱'],
    },
    platform: { headers: ['Platform', 'OS', 'platform', 'source', '平台'] },
    app: {
      headers: [
        'Bundle ID',
        'Application ID',
        'App ID',
        'Package name',
        'bundle_identifier',
        '應用程式識別碼',
      ],
      required: true,
    },
    name: { headers: ['Application name', 'App name', 'Name', 'name', '應用程式名稱'] },
  },
};

export interface InstalledApp {
  sheetRow: number;
  device: string;
  platform: string;
  appIdentifier: string;
  name: string;
}

/** Reads an installed-apps export (CSV or XLSX, under the import caps) into rows; blank identifiers are skipped. */
export async function readInstalledApps(input: Buffer): Promise<InstalledApp[]> {
  const table = await readTable(input);
  const mapping = detectColumns(table, [APP_LIST]);
  const { parsed } = parseRows(table, mapping, (row) => ({
    ok: true as const,
    value: {
      device: row.text('device'),
      // Fleet's "source" says ios_apps / apps (macOS) / programs (Windows); Android packages have no dots-only rule.
      platform: platformOf(row.text('platform').replace(/_apps$/, '')) ?? 'other',
      appIdentifier: row.text('app'),
      name: row.text('name'),
    },
  }));
  return parsed.filter((r) => r.value.appIdentifier).map((r) => ({ sheetRow: r.sheetRow, ...r.value }));
}
