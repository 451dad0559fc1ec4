/**
 * Periodic reviews' read side: one PostgreSQL row per case (its review state folded from the
 * events, the revision it reflects), beside the event store, with the projection's position in the
 * same database — the payroll's pattern (apps/payments/src/payroll/entitlement-table.ts). Why not
 * MongoDB: on FerretDB only `_id` equality is served by an index (deploy/local/README.md), so a
 * "due on or before today" or "in this township" filter would read every case on every tick. Here
 * btree indexes on (phase, due_on), (phase, recheck_due_by) and (phase, region, due_on, id) make a tick
 * read what is due and a worklist page read one page. Region codes are digits, so "starts with $1"
 * is the range [$1, $1 || ':').
 */
import { inTransaction, runSerialisedDdl } from '@sa/event-store';
import type { PeriodicReviewState } from '@sa/domain-approval';
import type { Pool } from 'pg';

export const reviewScheduleProjection = 'periodic-review-schedule';

export type ScheduledState = Exclude<PeriodicReviewState, { phase: 'unscheduled' }>;

export interface ReviewRow {
  readonly applicationId: string;
  readonly revision: number;
  readonly state: ScheduledState;
}

export type WorklistStatus = 'due' | 'overdue' | 'awaiting-decision' | 'upcoming';

const inRegion = (n: number) => `region >= $${n} and region < $${n} || ':'`;

const statusSql: Record<WorklistStatus | 'open', string> = {
  upcoming: `phase = 'scheduled'`,
  'awaiting-decision': `phase = 'rechecked'`,
  due: `phase = 'open' and not lapsed and recheck_due_by >= $2`,
  overdue: `phase = 'open' and (lapsed or recheck_due_by < $2)`,
  open: `phase in ('open', 'rechecked')`,
};

export class ReviewScheduleTable {
  private readonly schema: string;
  private readonly table: string;
  private readonly positions: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema "${schema}" must be a lower-case SQL identifier`);
    this.schema = `"${schema}"`;
    this.table = `"${schema}".periodic_review_schedule`;
    this.positions = `"${schema}".periodic_review_positions`;
  }

  async ensure(): Promise<void> {
    await runSerialisedDdl(this.pool, `periodic-review-schedule:${this.schema}`, [
      `create schema if not exists ${this.schema}`,
      `create table if not exists ${this.table} (
        application_id text collate "C" primary key,
        region text collate "C" not null,
        phase text not null,
        due_on text not null,
        recheck_due_by text,
        lapsed boolean not null,
        revision bigint not null,
        state json not null)`,
      `create index if not exists periodic_review_due on ${this.table} (phase, due_on)`,
      `create index if not exists periodic_review_recheck_due on ${this.table} (phase, recheck_due_by) where not lapsed`,
      `create index if not exists periodic_review_worklist on ${this.table} (phase, region, due_on, application_id)`,
      `create table if not exists ${this.positions} (name text primary key, position bigint not null)`,
    ]);
  }

  async position(): Promise<number | undefined> {
    const row = (await this.pool.query<{ position: string }>(`select position from ${this.positions} where name = $1`, [reviewScheduleProjection])).rows[0];
    return row ? Number(row.position) : undefined;
  }

  async rows(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ application_id: string; revision: string; state: ScheduledState }>(
      `select application_id, revision, state from ${this.table} where application_id = any($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.application_id, { applicationId: r.application_id, revision: Number(r.revision), state: r.state }]));
  }

  /** Writes the rows (each only over an older revision) and the new position, in one transaction. */
  async write(rows: readonly ReviewRow[], position: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (rows.length > 0) {
        await client.query(
          `insert into ${this.table} as t (application_id, region, phase, due_on, recheck_due_by, lapsed, revision, state)
           select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::bigint[], $8::json[])
           on conflict (application_id) do update set region = excluded.region, phase = excluded.phase, due_on = excluded.due_on,
             recheck_due_by = excluded.recheck_due_by, lapsed = excluded.lapsed, revision = excluded.revision, state = excluded.state
           where t.revision < excluded.revision`,
          [
            rows.map((r) => r.applicationId),
            rows.map((r) => r.state.region),
            rows.map((r) => r.state.phase),
            rows.map((r) => r.state.dueOn),
            rows.map((r) => r.state.recheckDueBy ?? null),
            rows.map((r) => r.state.lapsed),
            rows.map((r) => r.revision),
            rows.map((r) => JSON.stringify(r.state)),
          ],
        );
      }
      await client.query(
        `insert into ${this.positions} (name, position) values ($1, $2)
         on conflict (name) do update set position = greatest(${this.positions}.position, excluded.position)`,
        [reviewScheduleProjection, position],
      );
    });
  }

  /** Scheduled reviews due on or before `today`, oldest first (the opening job's batch). */
  async due(today: string, limit: number, region = ''): Promise<ScheduledState[]> {
    return this.states(`phase = 'scheduled' and due_on <= $2 and ${inRegion(1)} order by due_on, application_id limit $3`, [region, today, limit]);
  }

  /** Open, not lapsed reviews whose re-check deadline passed before `today` (the lapse job's batch). */
  async overdue(today: string, limit: number, region = ''): Promise<ScheduledState[]> {
    return this.states(`phase = 'open' and not lapsed and recheck_due_by < $2 and ${inRegion(1)} order by recheck_due_by, application_id limit $3`, [
      region,
      today,
      limit,
    ]);
  }

  /** A worklist page: reviews of a region in a status, by due date then id, after the keyset cursor. */
  async worklist(region: string, today: string, status: WorklistStatus | undefined, after: { dueOn: string; id: string } | undefined, limit: number) {
    const cursor = after ? `and (due_on, application_id) > ($4, $5)` : '';
    return this.states(`${inRegion(1)} and ${statusSql[status ?? 'open']} ${cursor} order by due_on, application_id limit $3`, [
      region,
      today,
      limit,
      ...(after ? [after.dueOn, after.id] : []),
    ]);
  }

  private async states(where: string, params: unknown[]): Promise<ScheduledState[]> {
    // $2 (today) is referenced by some filters only; a cast keeps its type known when it is not.
    const { rows } = await this.pool.query<{ state: ScheduledState }>(`select state from ${this.table} where $2::text is not null and ${where}`, params);
    return rows.map((r) => r.state);
  }
}
