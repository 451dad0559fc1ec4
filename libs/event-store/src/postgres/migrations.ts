/**
 * Versioned schema migrations for one service's event store, applied in order inside a
 * transaction and recorded in `<schema>.migrations`. An advisory lock keeps two instances of a
 * service from migrating at once.
 */
import type { Pool } from 'pg';

export const positionShift = 65536; // 2^16 events per transaction; see DESIGN.md

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events, streams, inbox, metadata log',
    sql: (s) => `
      create table ${s}.streams (
        stream_id text primary key,
        revision bigint not null,
        last_hash text not null,
        metadata jsonb not null default '{}'::jsonb,
        deleted_at timestamptz
      );
      create table ${s}.events (
        position bigint primary key,
        stream_id text not null,
        revision bigint not null,
        event_id uuid not null,
        type text not null,
        schema_version integer not null,
        data jsonb not null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null,
        actor jsonb not null,
        correlation_id text not null,
        causation_id text,
        source_system text not null,
        prev_hash text not null,
        hash text not null,
        constraint events_stream_revision unique (stream_id, revision),
        constraint events_event_id unique (event_id)
      );
      create index events_type_position on ${s}.events (type, position);
      create index events_stream_prefix_position on ${s}.events (stream_id text_pattern_ops, position);

      -- The audit history is append-only: no UPDATE, DELETE or TRUNCATE through normal use.
      create function ${s}.refuse_event_change() returns trigger language plpgsql as $$
      begin
        raise exception 'events are immutable: % on %.events refused', tg_op, tg_table_schema
          using errcode = 'insufficient_privilege';
      end $$;
      create trigger events_immutable before update or delete on ${s}.events
        for each row execute function ${s}.refuse_event_change();
      create trigger events_no_truncate before truncate on ${s}.events
        for each statement execute function ${s}.refuse_event_change();

      create table ${s}.inbox (
        consumer text not null,
        message_id text not null,
        handled_at timestamptz not null default now(),
        primary key (consumer, message_id)
      );
      create table ${s}.stream_metadata_log (
        id bigserial primary key,
        stream_id text not null,
        metadata jsonb not null,
        changed_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 2,
    name: 'event data kept as the canonical JSON text its hash covers',
    // json keeps the text exactly as written (jsonb re-renders it), so verifying an event is one
    // hash over stored bytes. Events written before keep jsonb's rendering and are verified on
    // their parsed data (storedHashMatches). Nothing queries inside data, so jsonb's operators
    // and indexes are not missed. The rewrite is an ALTER, which the immutability trigger allows.
    sql: (s) => `alter table ${s}.events alter column data type json using data::json;`,
  },
];

export async function migrate(pool: Pool, schema: string): Promise<number[]> {
  const s = quoteIdent(schema);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`event-store-migrate:${schema}`]);
    await client.query(`create schema if not exists ${s}`);
    await client.query(
      `create table if not exists ${s}.migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const done = new Set((await client.query<{ version: number }>(`select version from ${s}.migrations`)).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql(s));
      await client.query(`insert into ${s}.migrations (version, name) values ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('commit');
    return applied;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The migrations this build has that the schema lacks (all of them when the schema is not there):
 * a service that does not migrate at start-up (SA_MIGRATE_ON_START=false) refuses to run on them.
 */
export async function pendingMigrations(pool: Pool, schema: string): Promise<number[]> {
  const s = quoteIdent(schema);
  const exists = await pool.query<{ found: boolean }>('select to_regclass($1) is not null as found', [`${s}.migrations`]);
  if (!exists.rows[0]?.found) return migrations.map((m) => m.version);
  const done = new Set((await pool.query<{ version: number }>(`select version from ${s}.migrations`)).rows.map((r) => r.version));
  return migrations.filter((m) => !done.has(m.version)).map((m) => m.version);
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`schema "${name}" must be a lower-case SQL identifier`);
  return `"${name}"`;
}
