/**
 * Relay checkpoints in a `relay_checkpoints` table of the service's own PostgreSQL schema: the
 * same database as its event store, so backups and restores keep the two consistent.
 */
import { runSerialisedDdl } from '@sa/event-store';
import type { Pool } from 'pg';
import type { RelayCheckpointStore } from './checkpoint-store';

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

export class PostgresRelayCheckpointStore implements RelayCheckpointStore {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    if (!identifier.test(schema)) throw new Error(`schema "${schema}" must be a lower-case SQL identifier (letters, digits, _)`);
    this.table = `"${schema}".relay_checkpoints`;
  }

  /**
   * Creates the table (and, with `createSchema`, its schema: when the events live in KurrentDB
   * nothing else creates it) when missing; safe at every start and from replicas starting at once.
   */
  async ensureTable(options: { createSchema?: boolean } = {}): Promise<void> {
    await runSerialisedDdl(this.pool, `relay-checkpoints:${this.schema}`, [
      ...(options.createSchema ? [`create schema if not exists "${this.schema}"`] : []),
      `create table if not exists ${this.table} (
         relay text primary key,
         position bigint not null check (position >= 0),
         updated_at timestamptz not null default now()
       )`,
    ]);
  }

  async load(relay: string): Promise<number | undefined> {
    const result = await this.pool.query<{ position: string }>(`select position from ${this.table} where relay = $1`, [relay]);
    return result.rows[0] === undefined ? undefined : Number(result.rows[0].position);
  }

  async save(relay: string, position: number): Promise<void> {
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`checkpoint position must be a non-negative safe integer, got ${position}`);
    await this.pool.query(
      `insert into ${this.table} (relay, position) values ($1, $2)
       on conflict (relay) do update set position = excluded.position, updated_at = now()
       where ${this.table}.position < excluded.position`,
      [relay, position],
    );
  }

  /** Operator action: move a relay's checkpoint anywhere (undefined = republish everything). Stop the relay first. */
  async reset(relay: string, position: number | undefined): Promise<void> {
    if (position === undefined) {
      await this.pool.query(`delete from ${this.table} where relay = $1`, [relay]);
      return;
    }
    await this.pool.query(
      `insert into ${this.table} (relay, position) values ($1, $2)
       on conflict (relay) do update set position = excluded.position, updated_at = now()`,
      [relay, position],
    );
  }
}
