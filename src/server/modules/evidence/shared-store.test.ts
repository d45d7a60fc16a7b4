import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { login, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { multipart } from '../../../../test/support/multipart.js';
import { startObjectStore, type TestObjectStore } from '../../../../test/support/s3.js';
import type { AppConfig } from '../../config/config.js';
import { openDatabase } from '../../db/database.js';
import type { App } from '../../platform/app.js';
import { createServices } from '../services.js';

/**
 * Two Jianhe instances, as behind a load balancer: each its own process state, connection pool and data
 * directory, sharing only the database and the S3 bucket (a real S3-compatible server on loopback).
 */
async function startInstance(shared: TestDatabase, objectStore: TestObjectStore) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-instance-'));
  const config: AppConfig = { ...shared.config, dataDir, objectStore: objectStore.settings };
  const handle = openDatabase(config.database, { poolSize: 3 });
  const services = createServices({ config, database: handle });
  const app = await createTestApp({ ...shared, config, handle, services, dataDir });
  return {
    app,
    dataDir,
    async stop() {
      await app.close();
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// A PDF large enough to span many network reads (2 MB of varied bytes).
function evidencePdf(): Buffer {
  const body = Buffer.alloc(2 * 1024 * 1024);
  for (let i = 0; i < body.length; i += 32) createHash('sha256').update(`page ${i}`).digest().copy(body, i);
  Buffer.from('%PDF-1.7\n').copy(body, 0);
  return body;
}

describeEachDatabase('two instances sharing one database and one bucket', (db) => {
  let objectStore: TestObjectStore;
  let first: Awaited<ReturnType<typeof startInstance>>;
  let second: Awaited<ReturnType<typeof startInstance>>;
  let orgId: string;
  let session: Session;
  beforeAll(async () => {
    objectStore = await startObjectStore();
    first = await startInstance(db(), objectStore);
    second = await startInstance(db(), objectStore);
    const org = await seedOrganization(db(), 'Shared Store 證券');
    orgId = org.orgId;
    // One sign-in; the load balancer may send the next request to either instance.
    session = await login(first.app, org.users.assessor);
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await objectStore?.close();
  });

  const upload = (app: App, content: Buffer, name: string) => {
    const body = multipart({ title: name }, { name, content, type: 'application/pdf' });
    return app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${orgId}/evidence/files`,
      headers: { ...session.headers, ...body.headers },
      payload: body.payload,
    });
  };
  const download = (app: App, evidenceId: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${orgId}/evidence/${evidenceId}/download`,
      headers: { cookie: session.cookie },
    });

  it('downloads through the second instance, byte for byte, a file uploaded through the first', async () => {
    const content = evidencePdf();
    const expected = createHash('sha256').update(content).digest('hex');
    const uploaded = await upload(first.app, content, '雲端服務合約.pdf');
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({ sha256: expected, sizeBytes: content.length });

    const downloaded = await download(second.app, uploaded.json().id);
    expect(downloaded.statusCode).toBe(200);
    expect(createHash('sha256').update(downloaded.rawPayload).digest('hex')).toBe(expected);
    expect(downloaded.rawPayload.length).toBe(content.length);
    expect(downloaded.headers['content-disposition']).toContain("UTF-8''");

    // Neither instance keeps the file in its own data directory: it lives only in the bucket.
    for (const instance of [first, second]) {
      expect(existsSync(path.join(instance.dataDir, 'evidence', 'sha256'))).toBe(false);
    }
  });

  it('deduplicates across instances: the same bytes sent to the second are stored once', async () => {
    const content = Buffer.from('%PDF-1.7\n% 委外廠商稽核報告\n%%EOF\n');
    const a = await upload(first.app, content, 'audit-a.pdf');
    const b = await upload(second.app, content, 'audit-b.pdf');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().sha256).toBe(a.json().sha256);
    expect(b.json().id).not.toBe(a.json().id);
    const back = await download(first.app, b.json().id);
    expect(back.rawPayload).toEqual(content);
  });
});
