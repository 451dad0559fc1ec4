/**
 * Keeps the payroll's entitlement table (entitlement-table.ts) up to date from the entitlement
 * streams, with the platform's AggregateTableFollower (read a page after the table's position, fold
 * each entitlement's new events with its own `evolve`, write rows and position in one transaction).
 */
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { entitlementDecider, type EntitlementEvent, type EntitlementState, type GrantedEntitlement } from '@sa/domain-payments';
import type { EventStore } from '@sa/event-store';
import { AggregateTableFollower, type BaseConfig, CONFIG, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { entitlementStreamPrefix } from '../streams';
import { ENTITLEMENT_TABLE } from './entitlement-table.provider';
import type { EntitlementTable } from './entitlement-table';

@Injectable()
export class EntitlementTableProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly follower: AggregateTableFollower<EntitlementEvent, EntitlementState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(ENTITLEMENT_TABLE) private readonly table: EntitlementTable,
    @Inject(LOGGER) logger: Logger,
    @Inject(CONFIG) private readonly config: BaseConfig,
  ) {
    const rows = {
      position: () => table.position(),
      rows: async (ids: readonly string[]) => table.rows(ids),
      write: (written: readonly { id: string; revision: number; state: EntitlementState }[], position: number) =>
        table.write(
          written.map((r) => ({ entitlementId: r.id, revision: r.revision, state: r.state as GrantedEntitlement })),
          position,
        ),
    };
    this.follower = new AggregateTableFollower(store, rows, logger, {
      name: 'payroll-entitlements',
      streamPrefix: entitlementStreamPrefix,
      decider: entitlementDecider,
      keep: (state) => state.status === 'granted',
      pageSize: 2_000,
    });
  }

  /** Position of the last entitlement event in the table (undefined before the first). */
  get position(): number | undefined {
    return this.follower.position;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Otherwise the migration command created it as the schema's owner: the service's own role may not create tables.
    if (this.config.SA_MIGRATE_ON_START) await this.table.ensure();
    await this.follower.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
