/**
 * Keeps the review schedule table (review-schedule-table.ts) up to date: reads the review streams'
 * events after its position a page at a time, folds each case's new events onto its row with the
 * aggregate's own `evolve` (events at or below the row's revision are skipped, so a replay changes
 * nothing), and writes the rows and the position in one transaction. On a failure it waits and
 * reads again from its position; nothing is skipped.
 */
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { periodicReviewDecider, type PeriodicReviewEvent, type PeriodicReviewState } from '@sa/domain-approval';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { recordedAs } from '@sa/messaging';
import { type BaseConfig, CONFIG, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { periodicReviewStreamPrefix } from './integration';
import { REVIEW_SCHEDULE } from './review-schedule.provider';
import type { ReviewRow, ReviewScheduleTable } from './review-schedule-table';

const pageSize = 1_000;
const idleMs = 100;

@Injectable()
export class ReviewScheduleProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private applied: number | undefined;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: AbortController;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(REVIEW_SCHEDULE) private readonly table: ReviewScheduleTable,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Position of the last review event in the table (undefined before the first). */
  get position(): number | undefined {
    return this.applied;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Created by the migration step (`main.js migrate`, as the schema's owner) when the service runs as its own role.
    if (this.config.SA_MIGRATE_ON_START) await this.table.ensure();
    this.applied = await this.table.position();
    this.loop = this.follow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.abort();
    await this.loop;
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const page = await this.store.readAll({
          filter: { streamPrefixes: [periodicReviewStreamPrefix] },
          maxCount: pageSize,
          ...(this.applied === undefined ? {} : { fromPosition: this.applied + 1 }),
        });
        if (page.length > 0) await this.apply(page);
        failures = 0;
        if (page.length < pageSize) await this.pause(idleMs);
      } catch (error) {
        failures += 1;
        const delayMs = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
        this.logger.error({ err: error, projection: 'periodic-review-schedule', retryInMs: delayMs }, 'review schedule not updated; resuming');
        await this.pause(delayMs);
      }
    }
  }

  private async apply(page: readonly RecordedEvent[]): Promise<void> {
    const perStream = new Map<string, RecordedEvent[]>();
    for (const e of page) {
      const events = perStream.get(e.stream);
      if (events) events.push(e);
      else perStream.set(e.stream, [e]);
    }
    const rows = await this.table.rows([...perStream.keys()].map(idOf));
    const written: ReviewRow[] = [];
    for (const [stream, events] of perStream) {
      const id = idOf(stream);
      const row = rows.get(id);
      let state: PeriodicReviewState = row?.state ?? periodicReviewDecider.initialState;
      let revision = row?.revision ?? -1;
      for (const [i, event] of recordedAs<PeriodicReviewEvent>(events).entries()) {
        const recorded = events[i] as RecordedEvent;
        if (recorded.revision <= revision) continue;
        state = periodicReviewDecider.evolve(state, event);
        revision = recorded.revision;
      }
      if (state.phase !== 'unscheduled' && revision > (row?.revision ?? -1)) written.push({ applicationId: id, revision, state });
    }
    const last = page[page.length - 1] as RecordedEvent;
    await this.table.write(written, last.position);
    this.applied = last.position;
  }

  private async pause(ms: number): Promise<void> {
    this.wake = new AbortController();
    await sleep(ms, undefined, { signal: this.wake.signal }).catch(() => undefined);
  }
}

const idOf = (stream: string) => stream.slice(periodicReviewStreamPrefix.length);
