/**
 * Production migrates before the new version starts (the Helm chart's Job runs `main.js migrate`)
 * and the service then starts with SA_MIGRATE_ON_START=false: it refuses a schema behind its build,
 * naming the migrations and the command, and runs on one the Job migrated (real PostgreSQL).
 */
import { ConfigError, migrateService, startService } from '@sa/platform';
import { integrationEnv, serviceTestEnv } from '@sa/testing';
import { Client } from 'pg';
import { configSchema } from './config';
import { service } from './service';

describe('intake: migrations by the deployment job, not at start-up (real PostgreSQL)', () => {
  const env = serviceTestEnv('intake', { SA_MIGRATE_ON_START: 'false' });
  const schema = env.EVENT_STORE_SCHEMA as string;
  const exists = async (table: string) => {
    const client = new Client({ connectionString: integrationEnv().databaseUrl });
    await client.connect();
    try {
      return (await client.query<{ found: boolean }>('select to_regclass($1) is not null as found', [`"${schema}".${table}`])).rows[0]?.found;
    } finally {
      await client.end();
    }
  };

  it('refuses to start on an unmigrated schema, and starts once the migration command has run', async () => {
    // Given a schema nobody has migrated
    // When the service starts with SA_MIGRATE_ON_START=false
    // Then it refuses, naming the missing migrations and the command, and creates nothing
    await expect(startService(service, env)).rejects.toThrow(
      new RegExp(`schema ${schema} lacks migrations 1, .* run the migration job \\(\`node dist/apps/intake/src/main.js migrate\`\\)`),
    );
    expect(await exists('events')).toBe(false);

    // When the migration command runs (twice, as a retried Job would)
    await migrateService('intake', configSchema, env);
    await migrateService('intake', configSchema, env);

    // Then the events and relay checkpoint tables are there, and the service starts and is ready
    expect([await exists('events'), await exists('relay_checkpoints')]).toEqual([true, true]);
    const intake = await startService(service, env);
    try {
      expect((await fetch(`${intake.url}/health/ready`)).status).toBe(200);
    } finally {
      await intake.app.close();
    }
  }, 120_000);

  it('rejects an SA_MIGRATE_ON_START that is not true or false, naming it', async () => {
    await expect(migrateService('intake', configSchema, { ...env, SA_MIGRATE_ON_START: 'yes' })).rejects.toThrow(ConfigError);
    await expect(migrateService('intake', configSchema, { ...env, SA_MIGRATE_ON_START: 'yes' })).rejects.toThrow(/SA_MIGRATE_ON_START: .*got "yes"/);
  });
});
