import pg from 'pg';

const LOCAL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresProbe {
  url: string | null;
  display: string;
  reason: string;
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** TEST_DATABASE_URL when set (and it must then work), else a local server at 127.0.0.1:5432 if one answers. */
export async function probePostgres(): Promise<PostgresProbe> {
  const explicit = process.env.TEST_DATABASE_URL;
  const url = explicit || LOCAL_DEFAULT;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url, display: describeUrl(url), reason: '' };
  } catch (error) {
    if (explicit) {
      throw new Error(`TEST_DATABASE_URL is set but unusable: ${(error as Error).message}`);
    }
    return {
      url: null,
      display: '',
      reason: `TEST_DATABASE_URL is not set and no PostgreSQL answers at 127.0.0.1:5432 (${(error as Error).message})`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}
