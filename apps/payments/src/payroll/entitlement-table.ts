/**
 * The payroll's own read side: one PostgreSQL row per granted entitlement (its folded state, the
 * stream revision it reflects) beside the event store, with the position of the last event
 * applied in the same database. Why not the MongoDB read model: a run of a city reads its
 * caseload in keyset pages of one batch — `id > cursor order by id limit n` on the primary key —
 * where the MongoDB-protocol server scans the collection for any filter but `_id` equality, and
 * where loading each entitlement from its own stream cost one round trip apiece (DESIGN.md).
 *
 * Rows and position are written in one transaction and a row only moves forward by revision, so
 * the table is exactly the fold of the events up to its position, whatever is replayed. Rebuild:
 * `rebuild()` empties both and the projection replays the history. Ids are compared byte-wise
 * (collate "C"), the order the run's cursor and its decider use.
 */
import { inTransaction, runSerialisedDdl } from '@sa/event-store';
import type { GrantedEntitlement } from '@sa/domain-payments';
import type { Pool } from 'pg';

export const payrollEntitlementsProjection = 'payroll-entitlements';

export interface PaymentSummary {
  readonly paymentsRecorded: number;
  readonly lastPaidMonth?: string;
}

export interface EntitlementRow {
  readonly entitlementId: string;
  readonly revision: number;
  readonly state: GrantedEntitlement;
}

/**
 * Started by the month and not stopped before it (a stop only ever moves earlier), in the region:
 * region codes are digits, so "starts with $1" is the range [$1, $1 || ':') (':' follows '9'),
 * which the planner estimates from its statistics. (As `left(region, …) = $1` it guessed 0.5 %
 * of rows, and at 190,000 rows into a city's keyset pages it switched to reading and sorting the
 * rest of the table for every batch: 70 ms → 700 ms a batch.)
 */
const candidateSql = `region >= $1 and region < $1 || ':' and start_month <= $2 and (stop_month is null or stop_month >= $2)`;

export class EntitlementTable {
  private readonly schema: string;
  private readonly table: string;
  private readonly positions: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema "${schema}" must be a lower-case SQL identifier`);
    this.schema = `"${schema}"`;
    this.table = `"${schema}".payroll_entitlements`;
    this.positions = `"${schema}".payroll_projection_positions`;
  }

  async ensure(): Promise<void> {
    // Beside the events on PostgreSQL; in CHECKPOINT_DATABASE_URL's database when they live in KurrentDB.
    await runSerialisedDdl(this.pool, `payroll-entitlements:${this.schema}`, [
      `create schema if not exists ${this.schema}`,
      `create table if not exists ${this.table} (
        entitlement_id text collate "C" primary key,
        region text collate "C" not null,
        start_month text not null,
        stop_month text,
        revision bigint not null,
        state json not null)`,
      `create table if not exists ${this.positions} (name text primary key, position bigint not null)`,
    ]);
  }

  /** Position of the last event applied (undefined: nothing yet). */
  async position(): Promise<number | undefined> {
    const row = (await this.pool.query<{ position: string }>(`select position from ${this.positions} where name = $1`, [payrollEntitlementsProjection]))
      .rows[0];
    return row ? Number(row.position) : undefined;
  }

  async rows(ids: readonly string[]): Promise<Map<string, EntitlementRow>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ entitlement_id: string; revision: string; state: GrantedEntitlement }>(
      `select entitlement_id, revision, state from ${this.table} where entitlement_id = any($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.entitlement_id, { entitlementId: r.entitlement_id, revision: Number(r.revision), state: r.state }]));
  }

  /**
   * How many payments each entitlement has recorded and the latest month paid, for a page of the
   * officers' list (ids ≤ the page size, one query): the counters the MongoDB read model no longer
   * keeps (one FerretDB write per payment held a city's payroll feedback for hours). Months are
   * 'YYYY-MM', so the greatest string is the latest month. An id with no row yet is left out.
   */
  async paymentSummaries(ids: readonly string[]): Promise<Map<string, PaymentSummary>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ entitlement_id: string; n: number; last: string | null }>(
      `select entitlement_id,
         (select count(*) from json_each(state->'payments'))::int as n,
         (select max(p.value->>'month') from json_each(state->'payments') p) as last
       from ${this.table} where entitlement_id = any($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.entitlement_id, { paymentsRecorded: r.n, ...(r.last ? { lastPaidMonth: r.last } : {}) }]));
  }

  /** Writes the rows (each only over an older revision) and the new position, in one transaction. */
  async write(rows: readonly EntitlementRow[], position: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (rows.length > 0) {
        await client.query(
          `insert into ${this.table} as t (entitlement_id, region, start_month, stop_month, revision, state)
           select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::json[])
           on conflict (entitlement_id) do update set region = excluded.region, start_month = excluded.start_month,
             stop_month = excluded.stop_month, revision = excluded.revision, state = excluded.state
           where t.revision < excluded.revision`,
          [
            rows.map((r) => r.entitlementId),
            rows.map((r) => r.state.region),
            rows.map((r) => r.state.startMonth),
            rows.map((r) => r.state.stop?.effectiveMonth ?? null),
            rows.map((r) => r.revision),
            rows.map((r) => JSON.stringify(r.state)),
          ],
        );
      }
      await client.query(
        `insert into ${this.positions} (name, position) values ($1, $2)
         on conflict (name) do update set position = greatest(${this.positions}.position, excluded.position)`,
        [payrollEntitlementsProjection, position],
      );
    });
  }

  /** Candidates of a region and month: how many there are now (the run's plan, for progress). */
  async countCandidates(region: string, month: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`select count(*) as n from ${this.table} where ${candidateSql}`, [region, month]);
    return Number(rows[0]?.n ?? 0);
  }

  /** The next `limit` candidates after `after`, ascending by id: one keyset page on the primary key. */
  async candidatesAfter(region: string, month: string, after: string | undefined, limit: number): Promise<GrantedEntitlement[]> {
    const { rows } = await this.pool.query<{ state: GrantedEntitlement }>(
      `select state from ${this.table} where entitlement_id > $3 and ${candidateSql} order by entitlement_id limit $4`,
      [region, month, after ?? '', limit],
    );
    return rows.map((r) => r.state);
  }

  async rebuild(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // delete, not truncate: the service's database role may change its tables' rows, never truncate (least-privilege.ts).
      await client.query(`delete from ${this.table}`);
      await client.query(`delete from ${this.positions} where name = $1`, [payrollEntitlementsProjection]);
    });
  }
}
