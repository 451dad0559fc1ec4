/**
 * Keeps the review schedule table (review-schedule-table.ts) up to date from the review streams,
 * with the platform's AggregateTableFollower (read a page after the table's position, fold each
 * case's new events with the aggregate's own `evolve`, write rows and position in one transaction).
 */
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { periodicReviewDecider, type PeriodicReviewEvent, type PeriodicReviewState } from '@sa/domain-approval';
import type { EventStore } from '@sa/event-store';
import { AggregateTableFollower, type BaseConfig, CONFIG, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { periodicReviewStreamPrefix } from './integration';
import { REVIEW_SCHEDULE } from './review-schedule.provider';
import type { ReviewRow, ReviewScheduleTable } from './review-schedule-table';

@Injectable()
export class ReviewScheduleProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly follower: AggregateTableFollower<PeriodicReviewEvent, PeriodicReviewState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(REVIEW_SCHEDULE) private readonly table: ReviewScheduleTable,
    @Inject(LOGGER) logger: Logger,
  ) {
    const rows = {
      position: () => table.position(),
      rows: async (ids: readonly string[]) => table.rows(ids),
      write: (written: readonly { id: string; revision: number; state: PeriodicReviewState }[], position: number) =>
        table.write(
          written.map((r) => ({ applicationId: r.id, revision: r.revision, state: r.state as ReviewRow['state'] })),
          position,
        ),
    };
    this.follower = new AggregateTableFollower(store, rows, logger, {
      name: 'periodic-review-schedule',
      streamPrefix: periodicReviewStreamPrefix,
      decider: periodicReviewDecider,
      keep: (state) => state.phase !== 'unscheduled',
      pageSize: 1_000,
    });
  }

  /** Position of the last review event in the table (undefined before the first). */
  get position(): number | undefined {
    return this.follower.position;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Created by the migration step (`main.js migrate`, as the schema's owner) when the service runs as its own role.
    if (this.config.SA_MIGRATE_ON_START) await this.table.ensure();
    await this.follower.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
