/**
 * The services' event stores, opened READ-ONLY: the adapter refuses every write, and each database
 * session the audit opens is itself read-only (default_transaction_read_only), so not even a bug
 * here could alter the history it audits. One connection pool serves every source.
 */
import { createPostgresEventStore, type PostgresEventStore, type RecordedEvent } from '@sa/event-store';
import type { SourcedEvent } from '@sa/domain-audit';
import { Pool } from 'pg';
import type { SourceDefinition } from './source-config';

export interface AuditSource extends SourceDefinition {
  readonly store: PostgresEventStore;
}

export interface SourceStoresOptions {
  readonly databaseUrl: string;
  readonly sources: readonly SourceDefinition[];
  readonly poolSize?: number;
}

export class SourceStores {
  private constructor(
    private readonly pool: Pool,
    readonly all: readonly AuditSource[],
    /** Where they live, for workers that open their own connections. */
    readonly databaseUrl: string,
  ) {}

  static open(options: SourceStoresOptions): SourceStores {
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 6,
      options: '-c default_transaction_read_only=on -c TimeZone=UTC',
    });
    pool.on('error', () => undefined); // an idle client's error surfaces on the next query
    const all = options.sources.map((source) => ({
      ...source,
      store: createPostgresEventStore({
        pool,
        schema: source.schema,
        sourceSystem: `audit-reader:${source.name}`,
        readOnly: true,
        subscriptionBatchSize: 2000,
      }),
    }));
    return new SourceStores(pool, all, options.databaseUrl);
  }

  /** Source names in timeline order. */
  get order(): string[] {
    return this.all.map((s) => s.name);
  }

  get(name: string): AuditSource {
    const source = this.all.find((s) => s.name === name);
    if (!source) throw new Error(`no audit source named ${name}`);
    return source;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((s) => s.store.close().catch(() => undefined)));
    await this.pool.end().catch(() => undefined);
  }
}

export function sourced(source: string, event: RecordedEvent): SourcedEvent {
  return {
    source,
    eventId: event.eventId,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: event.data,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
  };
}

/** Pages through a store's global log after `afterPosition` (see scanPages). */
export function scanStore(
  store: PostgresEventStore,
  pageSize: number,
  onPage: (events: RecordedEvent[]) => void | Promise<void>,
  afterPosition = 0,
): Promise<number> {
  return scanPages((from) => store.readAll({ fromPosition: from, maxCount: pageSize }), pageSize, onPage, afterPosition);
}

/**
 * Pages through a log from `afterPosition` with `read` (pages of at most `pageSize` from a
 * position), reading the next page while the caller handles the current one (the database and the
 * caller's work overlap on two cores). Returns how many events were handled.
 */
export async function scanPages<E extends { readonly position: number }>(
  read: (fromPosition: number) => Promise<E[]>,
  pageSize: number,
  onPage: (events: E[]) => void | Promise<void>,
  afterPosition = 0,
): Promise<number> {
  const readAhead = (from: number) => {
    const page = read(from);
    page.catch(() => undefined); // awaited below; this only keeps a failure during onPage from going unhandled
    return page;
  };
  let next = readAhead(afterPosition + 1);
  let count = 0;
  for (;;) {
    const page = await next;
    if (page.length === 0) return count;
    const last = page[page.length - 1] as E;
    next = page.length < pageSize ? Promise.resolve([]) : readAhead(last.position + 1);
    count += page.length;
    await onPage(page);
  }
}
