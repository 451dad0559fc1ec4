/**
 * `node dist/apps/<service>/src/main.js migrate`: brings the service's PostgreSQL schema to this
 * build (the event store's migrations and the relay checkpoint table), then exits — the Helm
 * chart's pre-install/pre-upgrade Job runs it before the new version's pods start, and those run
 * with SA_MIGRATE_ON_START=false. Idempotent and safe to run twice at once (the migrations take an
 * advisory lock; so does the creation of the checkpoint table). Exit 0 migrated, 1 failed (the Job retries).
 */
import { PostgresRelayCheckpointStore } from '@sa/messaging';
import { Pool } from 'pg';
import type { z } from 'zod';
import { type BaseConfig, loadConfig } from '../config/config';
import { defaultEventStoreSchema, openEventStore } from '../event-store/open-event-store';
import { createLogger } from '../logging/logger';

export async function migrateService<C extends BaseConfig>(name: string, schema: z.ZodType<C>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = { ...loadConfig(schema, env), SA_MIGRATE_ON_START: true } as C;
  const logger = createLogger(name, config.LOG_LEVEL);
  const opened = await openEventStore(config, name, logger);
  const checkpointPool = opened.pool ?? (config.CHECKPOINT_DATABASE_URL ? new Pool({ connectionString: config.CHECKPOINT_DATABASE_URL, max: 1 }) : undefined);
  try {
    const storeSchema = config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(name);
    if (checkpointPool) await new PostgresRelayCheckpointStore(checkpointPool, storeSchema).ensureTable({ createSchema: !opened.pool });
    logger.info({ schema: storeSchema, eventStore: opened.kind }, `${name} migrated`);
  } finally {
    if (checkpointPool !== opened.pool) await checkpointPool?.end();
    await opened.store.close();
  }
}
