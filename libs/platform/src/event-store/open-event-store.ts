/**
 * Opens the service's event store from its configuration: PostgreSQL (one schema per service,
 * migrated at start-up unless SA_MIGRATE_ON_START=false, then only checked) or KurrentDB. Delivery held back by a long transaction is logged as a
 * warning, because it stalls every subscriber of the database (see libs/event-store/DESIGN.md).
 */
import { createKurrentDbEventStore, createPostgresEventStore, describeConnectionError, type EventStore, pendingMigrations } from '@sa/event-store';
import type { Pool } from 'pg';
import type { BaseConfig } from '../config/config';
import type { Logger } from '../logging/logger';

export interface OpenedEventStore {
  readonly store: EventStore;
  readonly kind: 'postgresql' | 'kurrentdb';
  /** The pool beside the events, on PostgreSQL (the relay keeps its checkpoint there); none on KurrentDB. */
  readonly pool?: Pool;
}

export function defaultEventStoreSchema(serviceName: string): string {
  return `es_${serviceName.replace(/-/g, '_')}`;
}

/**
 * A kurrentdb:// store needs the KurrentDB client, which a service image leaves out unless built
 * with EVENT_STORE=kurrentdb (tools/build/service-package.ts): say so at once, not at first use.
 */
export function eventStoreClientProblem(config: Pick<BaseConfig, 'EVENT_STORE_URL'>): string | undefined {
  if (!/^(kurrentdb|esdb)(\+discover)?:\/\//.test(config.EVENT_STORE_URL)) return undefined;
  try {
    require.resolve('@kurrent/kurrentdb-client');
    return undefined;
  } catch {
    return 'EVENT_STORE_URL: names a KurrentDB store, but this build has no KurrentDB client (build the image with --build-arg EVENT_STORE=kurrentdb)';
  }
}

export async function openEventStore(config: BaseConfig, serviceName: string, logger: Logger): Promise<OpenedEventStore> {
  const url = config.EVENT_STORE_URL;
  if (/^(kurrentdb|esdb)(\+discover)?:\/\//.test(url)) {
    // The adapter loads the gRPC client on first use, so PostgreSQL deployments never load it.
    return { store: createKurrentDbEventStore({ connectionString: url, sourceSystem: serviceName }), kind: 'kurrentdb' };
  }
  const store = createPostgresEventStore({
    connectionString: url,
    schema: config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(serviceName),
    sourceSystem: serviceName,
    onDeliveryStalled: (health) =>
      logger.warn(
        { horizon: health.horizon, head: health.head, oldestOpenTransactionMs: health.oldestOpenTransactionMs },
        'event delivery held back by a long-running database transaction',
      ),
    // The store reconnects by itself; readiness (event-store check) says 503 meanwhile.
    onConnectionError: (error, connection) => logger.warn({ connection, error: describeConnectionError(error) }, 'event store connection lost'),
    onListenRestored: () => logger.info({ connection: 'listen' }, 'event store LISTEN connection re-established'),
  });
  const schema = config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(serviceName);
  if (config.SA_MIGRATE_ON_START) {
    const applied = await store.migrate();
    if (applied.length > 0) logger.info({ migrations: applied }, 'event store schema migrated');
  } else {
    // Production migrates with the chart's Job before the new version starts (deploy/helm); a schema behind this build is a deployment error.
    const pending = await pendingMigrations(store.pool, schema);
    if (pending.length > 0) {
      await store.close().catch(() => undefined);
      throw new Error(
        `event-store schema ${schema} lacks migrations ${pending.join(', ')} and SA_MIGRATE_ON_START is false: run the migration job (\`node dist/apps/${serviceName}/src/main.js migrate\`) first`,
      );
    }
  }
  return { store, kind: 'postgresql', pool: store.pool };
}
