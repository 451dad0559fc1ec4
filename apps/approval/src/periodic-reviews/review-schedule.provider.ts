/**
 * The review schedule table's database: the event store's own PostgreSQL pool, or — when the events
 * live in KurrentDB — CHECKPOINT_DATABASE_URL, where the relay keeps its checkpoint too.
 */
import type { FactoryProvider } from '@nestjs/common';
import { handlePoolErrors } from '@sa/event-store';
import { type BaseConfig, CONFIG, defaultEventStoreSchema, EVENT_STORE_POOL, LOGGER, type Logger, SERVICE_NAME } from '@sa/platform';
import { Pool } from 'pg';
import { ReviewScheduleTable } from './review-schedule-table';

export const REVIEW_SCHEDULE = Symbol('REVIEW_SCHEDULE');

export const reviewScheduleProvider: FactoryProvider<ReviewScheduleTable> = {
  provide: REVIEW_SCHEDULE,
  inject: [CONFIG, SERVICE_NAME, EVENT_STORE_POOL, LOGGER],
  useFactory: (config: BaseConfig, serviceName: string, eventStorePool: Pool | null, logger: Logger) => {
    const schema = config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(serviceName);
    if (eventStorePool) return new ReviewScheduleTable(eventStorePool, schema);
    if (!config.CHECKPOINT_DATABASE_URL)
      throw new Error('CHECKPOINT_DATABASE_URL is required when the event store is not PostgreSQL (periodic reviews keep their schedule there)');
    const pool = handlePoolErrors(new Pool({ connectionString: config.CHECKPOINT_DATABASE_URL, max: 4 }), (error) =>
      logger.warn({ connection: 'periodic-review-schedule', error: String(error) }, 'review schedule connection lost'),
    );
    return new ReviewScheduleTable(pool, schema);
  },
};
