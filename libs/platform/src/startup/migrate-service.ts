/**
 * `node dist/apps/<service>/src/main.js migrate`: brings the service's PostgreSQL schema to this
 * build (the event store's migrations, the relay checkpoint table, the service's own tables), then
 * grants the service's role and the audit's role their rights on it (EVENT_STORE_SERVICE_ROLE,
 * EVENT_STORE_READER_ROLES; least-privilege.ts), and exits. It runs as the schema's owner: the Helm
 * chart's pre-install/pre-upgrade Job and `npm start` run it before the services, which then
 * connect as their own role with SA_MIGRATE_ON_START=false. Idempotent and safe to run twice at
 * once (the migrations, the table creation and the grants each take an advisory lock). Exit 0
 * migrated, 1 failed (the Job retries).
 */
import { grantSchemaAccess } from '@sa/event-store';
import { PostgresRelayCheckpointStore } from '@sa/messaging';
import { Pool } from 'pg';
import type { z } from 'zod';
import { type BaseConfig, loadConfig } from '../config/config';
import { defaultEventStoreSchema, openEventStore } from '../event-store/open-event-store';
import { createLogger } from '../logging/logger';

export type OwnTablesMigration = (pool: Pool, schema: string) => Promise<void>;

export async function migrateService<C extends BaseConfig>(
  name: string,
  schema: z.ZodType<C>,
  env: NodeJS.ProcessEnv = process.env,
  migrateOwnTables?: OwnTablesMigration,
): Promise<void> {
  const config = { ...loadConfig(schema, env), SA_MIGRATE_ON_START: true } as C;
  const logger = createLogger(name, config.LOG_LEVEL);
  const opened = await openEventStore(config, name, logger);
  const checkpointPool = opened.pool ?? (config.CHECKPOINT_DATABASE_URL ? new Pool({ connectionString: config.CHECKPOINT_DATABASE_URL, max: 1 }) : undefined);
  try {
    const storeSchema = config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(name);
    if (checkpointPool) await new PostgresRelayCheckpointStore(checkpointPool, storeSchema).ensureTable({ createSchema: !opened.pool });
    if (checkpointPool && migrateOwnTables) await migrateOwnTables(checkpointPool, storeSchema);
    const access = { serviceRole: config.EVENT_STORE_SERVICE_ROLE, readerRoles: config.EVENT_STORE_READER_ROLES };
    // Roles are granted on the event store's schema (PostgreSQL); a KurrentDB deployment's checkpoint database is outside this.
    if (opened.pool) await grantSchemaAccess(opened.pool, storeSchema, access);
    logger.info({ schema: storeSchema, eventStore: opened.kind, serviceRole: access.serviceRole, readerRoles: access.readerRoles }, `${name} migrated`);
  } finally {
    if (checkpointPool !== opened.pool) await checkpointPool?.end();
    await opened.store.close();
  }
}
