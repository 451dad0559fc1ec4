/**
 * Seeding a million entitlements for the payroll benchmark, said plainly: the same
 * EntitlementGranted events as payroll-seed.ts, but written straight into the PostgreSQL event
 * store's tables in the store's own format (the rows append.ts writes: canonical JSON data, the
 * per-stream hash chain from the genesis hash, positions from the writing transaction's id),
 * 5,000 new streams per statement instead of one append per stream (one append per stream seeds
 * about 500 a second on this machine under load: half an hour for a million). Nothing is woken by
 * NOTIFY; subscribers find the events on their next poll. The bench verifies a sample of the
 * seeded streams' hash chains with the store's own verifyStream.
 */
import { fen } from '@sa/domain-shared';
import { canonicalJson, genesisHash, hashWithDataJson } from '@sa/event-store';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { amountOf, type Seeded, seededGrant, type SeedOptions } from './payroll-seed';

const perStatement = 5_000;

interface SeedRow {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly stream: string;
  readonly revision: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly orgUnit: string };
  readonly correlationId: string;
  readonly causationId: null;
  readonly sourceSystem: string;
  readonly prevHash: string;
  readonly dataJson: string;
  readonly hash: string;
}
// Beside append.ts's: 2^16 positions per transaction.
const positionShift = 65_536;

export async function bulkSeedEntitlements(pool: Pool, schema: string, options: SeedOptions, sourceSystem = 'payments'): Promise<Seeded> {
  const ids: string[] = [];
  let total = 0;
  for (let from = 0; from < options.count; from += perStatement) {
    const rows: SeedRow[] = [];
    const recordedAt = new Date().toISOString();
    for (let i = from; i < Math.min(options.count, from + perStatement); i++) {
      const grant = seededGrant(i, options);
      ids.push(grant.entitlementId);
      total += amountOf(i);
      const eventId = randomUUID();
      const base = {
        eventId,
        type: 'EntitlementGranted',
        schemaVersion: 1,
        stream: grant.stream,
        revision: 0,
        occurredAt: recordedAt,
        recordedAt,
        actor: grant.actor,
        correlationId: eventId,
        causationId: null,
        sourceSystem,
        prevHash: genesisHash,
      };
      const dataJson = canonicalJson(grant.data);
      rows.push({ ...base, dataJson, hash: hashWithDataJson(base, dataJson) });
    }
    const column = <K extends keyof SeedRow>(key: K) => rows.map((r) => r[key]);
    await pool.query(
      `with streams as (insert into "${schema}".streams (stream_id, revision, last_hash) select * from unnest($1::text[], $2::bigint[], $14::text[]) returning 1)
       insert into "${schema}".events (position, stream_id, revision, event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source_system, prev_hash, hash)
       select pg_current_xact_id()::text::bigint * ${positionShift} + t.ordinality, t.stream_id, t.revision, t.event_id, t.type, t.schema_version, t.data, t.occurred_at, t.recorded_at, t.actor, t.correlation_id, t.causation_id, t.source_system, t.prev_hash, t.hash
       from unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::json[], $7::timestamptz[], $8::timestamptz[], $9::jsonb[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
         with ordinality as t(stream_id, revision, event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source_system, prev_hash, hash, ordinality)
       where (select count(*) from streams) = ${rows.length}`,
      [
        column('stream'),
        column('revision'),
        column('eventId'),
        column('type'),
        column('schemaVersion'),
        column('dataJson'),
        column('occurredAt'),
        column('recordedAt'),
        rows.map((r) => JSON.stringify(r.actor)),
        column('correlationId'),
        column('causationId'),
        column('sourceSystem'),
        column('prevHash'),
        column('hash'),
      ],
    );
  }
  return { entitlementIds: ids, totalFen: fen(total) };
}
