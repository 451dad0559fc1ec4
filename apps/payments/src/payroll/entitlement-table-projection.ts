/**
 * Keeps the payroll's entitlement table (entitlement-table.ts) up to date: it reads the
 * entitlement streams' events from the store a page at a time after its position, folds each
 * entitlement's new events onto its row with the aggregate's own `evolve` (events at or below the
 * row's revision are skipped, so a replay changes nothing) and writes the page's rows and position
 * in one transaction. A page of 2,000 grants costs a few statements, not 2,000 writes. On a
 * failure it waits and reads again from its position; nothing is skipped.
 */
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { entitlementDecider, type EntitlementEvent, type EntitlementState } from '@sa/domain-payments';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { recordedAs } from '@sa/messaging';
import { type BaseConfig, CONFIG, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { entitlementStreamPrefix } from '../streams';
import { ENTITLEMENT_TABLE } from './entitlement-table.provider';
import type { EntitlementRow, EntitlementTable } from './entitlement-table';

const pageSize = 2_000;
const idleMs = 100;

@Injectable()
export class EntitlementTableProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private applied: number | undefined;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: AbortController;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENTITLEMENT_TABLE) private readonly table: EntitlementTable,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) private readonly config: BaseConfig,
  ) {}

  /** Position of the last entitlement event in the table (undefined before the first). */
  get position(): number | undefined {
    return this.applied;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Otherwise the migration command created it as the schema's owner: the service's own role may not create tables.
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
          filter: { streamPrefixes: [entitlementStreamPrefix] },
          maxCount: pageSize,
          ...(this.applied === undefined ? {} : { fromPosition: this.applied + 1 }),
        });
        if (page.length > 0) await this.apply(page);
        failures = 0;
        if (page.length < pageSize) await this.pause(idleMs);
      } catch (error) {
        failures += 1;
        const delayMs = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
        this.logger.error({ err: error, projection: 'payroll-entitlements', retryInMs: delayMs }, 'payroll entitlement table not updated; resuming');
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
    // A stream whose page starts at revision 0 has no row yet: only the others are read.
    const known = [...perStream.values()].filter((events) => (events[0] as RecordedEvent).revision > 0).map((events) => idOf(events[0] as RecordedEvent));
    const rows = await this.table.rows(known);
    const written: EntitlementRow[] = [];
    for (const events of perStream.values()) {
      const id = idOf(events[0] as RecordedEvent);
      const row = rows.get(id);
      let state: EntitlementState = row?.state ?? entitlementDecider.initialState;
      let revision = row?.revision ?? -1;
      for (const [i, event] of recordedAs<EntitlementEvent>(events).entries()) {
        const recorded = events[i] as RecordedEvent;
        if (recorded.revision <= revision) continue;
        state = entitlementDecider.evolve(state, event);
        revision = recorded.revision;
      }
      if (state.status === 'granted' && revision > (row?.revision ?? -1)) written.push({ entitlementId: id, revision, state });
    }
    await this.table.write(written, (page[page.length - 1] as RecordedEvent).position);
    this.applied = (page[page.length - 1] as RecordedEvent).position;
  }

  private async pause(ms: number): Promise<void> {
    this.wake = new AbortController();
    await sleep(ms, undefined, { signal: this.wake.signal }).catch(() => undefined);
  }
}

const idOf = (e: RecordedEvent) => e.stream.slice(entitlementStreamPrefix.length);
