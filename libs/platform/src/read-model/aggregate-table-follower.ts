/**
 * Keeps a PostgreSQL table of aggregate states (one row per aggregate, beside the event store) up
 * to date, for queries MongoDB-protocol read models answer too slowly (payroll's entitlement table,
 * approval's review schedule). It reads one stream category's events after the table's position a
 * page at a time, folds each aggregate's new events onto its row with the aggregate's own `evolve`
 * (events at or below the row's revision are skipped, so a replay changes nothing) and writes the
 * page's rows and position in one transaction: a page of 2,000 events costs a few statements, not
 * 2,000 writes. On a failure it waits (capped backoff) and reads again from its position; nothing
 * is skipped.
 */
import type { Decider } from '@sa/domain-shared';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger';

export interface AggregateRow<S> {
  readonly id: string;
  readonly revision: number;
  readonly state: S;
}

/** The table the follower keeps: the rows of some aggregates, and the position it has applied. */
export interface AggregateTable<S> {
  position(): Promise<number | undefined>;
  rows(ids: readonly string[]): Promise<ReadonlyMap<string, { readonly revision: number; readonly state: S }>>;
  /** The changed rows and the new position, in one transaction. */
  write(rows: readonly AggregateRow<S>[], position: number): Promise<void>;
}

export interface AggregateTableFollowerOptions<E, S> {
  /** For logs, e.g. "payroll-entitlements". */
  readonly name: string;
  readonly streamPrefix: string;
  readonly decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>;
  /** Whether the aggregate belongs in the table in this state (e.g. granted, scheduled). */
  readonly keep: (state: S) => boolean;
  readonly pageSize: number;
  readonly idleMs?: number;
}

export class AggregateTableFollower<E extends { readonly type: string; readonly data: unknown }, S> {
  private applied: number | undefined;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: AbortController;

  constructor(
    private readonly store: EventStore,
    private readonly table: AggregateTable<S>,
    private readonly logger: Logger,
    private readonly options: AggregateTableFollowerOptions<E, S>,
  ) {}

  /** Position of the last event of the category in the table (undefined before the first). */
  get position(): number | undefined {
    return this.applied;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.applied = await this.table.position();
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.abort();
    await this.loop;
  }

  private async follow(): Promise<void> {
    const { pageSize, streamPrefix, name, idleMs = 100 } = this.options;
    let failures = 0;
    while (!this.stopped) {
      try {
        const page = await this.store.readAll({
          filter: { streamPrefixes: [streamPrefix] },
          maxCount: pageSize,
          ...(this.applied === undefined ? {} : { fromPosition: this.applied + 1 }),
        });
        if (page.length > 0) await this.apply(page);
        failures = 0;
        if (page.length < pageSize) await this.pause(idleMs);
      } catch (error) {
        failures += 1;
        const delayMs = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
        this.logger.error({ err: error, projection: name, retryInMs: delayMs }, `${name} table not updated; resuming`);
        await this.pause(delayMs);
      }
    }
  }

  private async apply(page: readonly RecordedEvent[]): Promise<void> {
    const { decider, keep, streamPrefix } = this.options;
    const perStream = new Map<string, RecordedEvent[]>();
    for (const e of page) {
      const events = perStream.get(e.stream);
      if (events) events.push(e);
      else perStream.set(e.stream, [e]);
    }
    const idOf = (stream: string) => stream.slice(streamPrefix.length);
    // A stream whose page starts at revision 0 has no row yet: only the others are read.
    const known = [...perStream.entries()].filter(([, events]) => (events[0] as RecordedEvent).revision > 0).map(([stream]) => idOf(stream));
    const rows = await this.table.rows(known);
    const written: AggregateRow<S>[] = [];
    for (const [stream, events] of perStream) {
      const id = idOf(stream);
      const row = rows.get(id);
      let state = row?.state ?? decider.initialState;
      let revision = row?.revision ?? -1;
      for (const recorded of events) {
        if (recorded.revision <= revision) continue;
        state = decider.evolve(state, { type: recorded.type, data: recorded.data } as E);
        revision = recorded.revision;
      }
      if (keep(state) && revision > (row?.revision ?? -1)) written.push({ id, revision, state });
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
