/**
 * Least privilege in PostgreSQL: the migration role owns an event store's schema (tables, the
 * append-only trigger); a service's role gets only what appending and reading need. On `events` it
 * may INSERT and SELECT, nothing else: no UPDATE, DELETE or TRUNCATE, and, not owning the table, no
 * ALTER TABLE … DISABLE TRIGGER, so even a stolen service password cannot rewrite history. Its
 * bookkeeping tables (stream heads, inbox, metadata log) it may also update. The audit's role reads
 * every source and writes only its own schema (`grantReadOnlyAccess` on the sources).
 *
 * Run as the schema's owner after `migrate()`; idempotent. Services then start with
 * EVENT_STORE_URL naming their own role (their migrations run beforehand as the migration role).
 */
import type { Pool } from 'pg';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Tables of the schema other than `events` (read from the catalogue, so a new migration's tables are covered). */
async function bookkeepingTables(pool: Pool, schema: string): Promise<string[]> {
  const { rows } = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' and table_name not in ('events', 'migrations')`,
    [schema],
  );
  return rows.map((row) => row.table_name);
}

/** A service's role: INSERT and SELECT on events; read and write its bookkeeping; nothing that changes a stored event. */
export async function grantAppendOnlyAccess(pool: Pool, schema: string, role: string): Promise<void> {
  const s = ident(schema);
  const r = ident(role);
  await pool.query(`revoke all on all tables in schema ${s} from ${r}`);
  await pool.query(`grant usage on schema ${s} to ${r}`);
  await pool.query(`grant select, insert on ${s}.events to ${r}`);
  await pool.query(`grant select on ${s}.migrations to ${r}`);
  for (const table of await bookkeepingTables(pool, schema)) await pool.query(`grant select, insert, update, delete on ${s}.${ident(table)} to ${r}`);
}

/** The audit's role on a service's schema: reading, nothing else. */
export async function grantReadOnlyAccess(pool: Pool, schema: string, role: string): Promise<void> {
  const s = ident(schema);
  const r = ident(role);
  await pool.query(`revoke all on all tables in schema ${s} from ${r}`);
  await pool.query(`grant usage on schema ${s} to ${r}`);
  await pool.query(`grant select on all tables in schema ${s} to ${r}`);
}
