/**
 * Least privilege in PostgreSQL: the migration role owns an event store's schema (tables, the
 * append-only trigger); a service's role gets only what appending and reading need. On `events` it
 * may INSERT and SELECT, nothing else: no UPDATE, DELETE or TRUNCATE, and, not owning the table, no
 * ALTER TABLE … DISABLE TRIGGER, so even a stolen service password cannot rewrite history. Its
 * bookkeeping tables (stream heads, inbox, metadata log, relay checkpoint, payroll table) it may
 * also update. The audit's role reads every source and writes only its own schema.
 *
 * Run as the schema's owner after the migrations (the service's `migrate` command does, see
 * libs/platform startup/migrate-service.ts); idempotent. Replicas' migrations may run at once:
 * concurrent GRANTs on one table fail with "tuple concurrently updated", so the grants of a schema
 * run in one transaction behind an advisory lock, like runSerialisedDdl.
 */
import type { Pool, PoolClient } from 'pg';
import { serialisedTransaction } from './transactions';

type Queryable = Pick<PoolClient, 'query'>;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The PostgreSQL login role a platform service runs as: sa_svc_<service> (charity-referral → sa_svc_charity_referral). */
export const serviceDatabaseRole = (service: string): string => `sa_svc_${service.replace(/-/g, '_')}`;

/** Tables of the schema other than `events` (read from the catalogue, so a new migration's tables are covered). */
async function bookkeepingTables(db: Queryable, schema: string): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' and table_name not in ('events', 'migrations')`,
    [schema],
  );
  return rows.map((row) => row.table_name);
}

/** A service's role: INSERT and SELECT on events; read and write its bookkeeping; nothing that changes a stored event. */
export async function grantAppendOnlyAccess(db: Queryable, schema: string, role: string): Promise<void> {
  const s = ident(schema);
  const r = ident(role);
  await db.query(`revoke all on all tables in schema ${s} from ${r}`);
  await db.query(`grant usage on schema ${s} to ${r}`);
  await db.query(`grant select, insert on ${s}.events to ${r}`);
  await db.query(`grant select on ${s}.migrations to ${r}`);
  for (const table of await bookkeepingTables(db, schema)) await db.query(`grant select, insert, update, delete on ${s}.${ident(table)} to ${r}`);
}

/** The audit's role on a service's schema: reading, nothing else. */
export async function grantReadOnlyAccess(db: Queryable, schema: string, role: string): Promise<void> {
  const s = ident(schema);
  const r = ident(role);
  await db.query(`revoke all on all tables in schema ${s} from ${r}`);
  await db.query(`grant usage on schema ${s} to ${r}`);
  await db.query(`grant select on all tables in schema ${s} to ${r}`);
}

/** Who gets what on one schema: the service that writes it, and the roles that only read it (the audit's). */
export interface SchemaAccess {
  readonly serviceRole?: string;
  readonly readerRoles?: readonly string[];
}

/** Grants a schema's service role and readers their rights, as its owner; safe to run from several replicas at once. */
export async function grantSchemaAccess(pool: Pool, schema: string, access: SchemaAccess): Promise<void> {
  const roles = [access.serviceRole, ...(access.readerRoles ?? [])].filter((r): r is string => !!r);
  if (roles.length === 0) return;
  await serialisedTransaction(pool, `grants:${schema}`, async (client) => {
    const { rows } = await client.query<{ rolname: string }>('select rolname from pg_roles where rolname = any($1::text[])', [roles]);
    const missing = roles.filter((r) => !rows.some((row) => row.rolname === r));
    if (missing.length > 0) throw new Error(`PostgreSQL role(s) ${missing.join(', ')} do not exist: create them first (docs/runbook.md "Database roles")`);
    if (access.serviceRole) await grantAppendOnlyAccess(client, schema, access.serviceRole);
    for (const reader of access.readerRoles ?? []) if (reader !== access.serviceRole) await grantReadOnlyAccess(client, schema, reader);
  });
}

/**
 * A login role with this password, created or its password set again; nothing else (no CREATE on
 * the database, no superuser). Roles are cluster-wide: concurrent provisioning is serialised.
 */
export async function ensureLoginRole(pool: Pool, role: string, password: string): Promise<'created' | 'updated'> {
  let outcome: 'created' | 'updated' = 'updated';
  await serialisedTransaction(pool, `role:${role}`, async (client) => {
    const found = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    const literal = `'${password.replace(/'/g, "''")}'`;
    if (found.rowCount === 0) outcome = 'created';
    if (found.rowCount === 0) await client.query(`create role ${ident(role)} login nosuperuser nocreatedb nocreaterole noinherit password ${literal}`);
    else await client.query(`alter role ${ident(role)} with login password ${literal}`);
  });
  return outcome;
}
