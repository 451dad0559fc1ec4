/**
 * Fresh source schemas on the real PostgreSQL server, one per service, seeded directly with
 * createPostgresEventStore as the services would have written them (each event recorded at its
 * scenario time), plus the tampering a dishonest database owner could do.
 */
import { createPostgresEventStore, type PostgresEventStore } from '@sa/event-store';
import { uniqueName } from '@sa/testing';
import type { EventDraft, SourceName } from './scenarios';

export const sourceNames: readonly SourceName[] = ['intake', 'verification', 'approval', 'payments', 'charity-referral'];

export interface SourceSchemas {
  readonly schemas: Readonly<Record<SourceName, string>>;
  /** The AUDIT_SOURCE_SCHEMAS value naming them. */
  readonly env: string;
  readonly stores: Readonly<Record<SourceName, PostgresEventStore>>;
  seed(drafts: readonly EventDraft[]): Promise<void>;
  /** Changes a stored event's data behind the store's back (the immutability trigger switched off). */
  tamper(source: SourceName, stream: string, revision: number, data: unknown): Promise<void>;
  /** Removes a stream's last event behind the store's back. */
  removeLast(source: SourceName, stream: string): Promise<void>;
  drop(): Promise<void>;
}

export async function createSourceSchemas(databaseUrl: string): Promise<SourceSchemas> {
  let now = new Date();
  const schemas = Object.fromEntries(sourceNames.map((name) => [name, uniqueName(`audit_src_${name.replace(/-/g, '_')}`)])) as Record<SourceName, string>;
  const stores = Object.fromEntries(
    sourceNames.map((name) => [
      name,
      createPostgresEventStore({ connectionString: databaseUrl, schema: schemas[name], sourceSystem: name, clock: () => now, poolSize: 2 }),
    ]),
  ) as Record<SourceName, PostgresEventStore>;
  for (const store of Object.values(stores)) await store.migrate();
  const sql = async (source: SourceName, statements: (q: string) => [string, unknown[]][]) => {
    const client = await stores[source].pool.connect();
    try {
      for (const [text, values] of statements(`"${schemas[source]}"`)) await client.query(text, values);
    } finally {
      client.release();
    }
  };
  return {
    schemas,
    env: sourceNames.map((name) => `${name}:${schemas[name]}`).join(','),
    stores,
    async seed(drafts) {
      const ordered = [...drafts].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
      for (const draft of ordered) {
        now = new Date(draft.recordedAt);
        await stores[draft.source].appendToStream(
          draft.stream,
          [{ eventId: draft.eventId, type: draft.type, data: draft.data, actor: draft.actor, occurredAt: draft.recordedAt }],
          { expectedRevision: 'any' },
        );
      }
      now = new Date();
    },
    async tamper(source, stream, revision, data) {
      await sql(source, (q) => [
        [`alter table ${q}.events disable trigger events_immutable`, []],
        [`update ${q}.events set data = $3 where stream_id = $1 and revision = $2`, [stream, revision, JSON.stringify(data)]],
        [`alter table ${q}.events enable trigger events_immutable`, []],
      ]);
    },
    async removeLast(source, stream) {
      await sql(source, (q) => [
        [`alter table ${q}.events disable trigger events_immutable`, []],
        [`delete from ${q}.events where stream_id = $1 and revision = (select max(revision) from ${q}.events where stream_id = $1)`, [stream]],
        [`alter table ${q}.events enable trigger events_immutable`, []],
      ]);
    },
    async drop() {
      for (const name of sourceNames) {
        await stores[name].pool.query(`drop schema if exists "${schemas[name]}" cascade`).catch(() => undefined);
        await stores[name].close();
      }
    },
  };
}
