/**
 * What an uploaded scan says about the binary: its package or bundle id, version and build, read from the
 * scanner's app facts (Android, iOS, or a MobSF report), so the upload files it under the right release.
 */
export interface ScanIdentity {
  packageName: string | null;
  version: string | null;
  build: string | null;
  /** For a MobSF report: the scanned app's SHA-256 as the report names it. */
  binarySha256: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : null;

export function scanIdentity(scan: { app: Record<string, unknown> }): ScanIdentity {
  const app = scan.app;
  const scanned = (app.scannedFile ?? {}) as Record<string, unknown>;
  const sha = text(scanned.sha256);
  return {
    packageName: text(app.packageName) ?? text(app.bundleId),
    version: text(app.versionName) ?? text(app.version),
    build: text(app.versionCode) ?? text(app.build),
    binarySha256: sha && /^[0-9a-f]{64}$/.test(sha) ? sha : null,
  };
}
