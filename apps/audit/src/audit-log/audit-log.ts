/**
 * The audit service's own log of audit queries, in its own (writable) event store: who looked at
 * which case, when, through which channel, and what came back. Recording comes first: a query whose
 * record cannot be written is not answered.
 */
import { randomUUID } from 'node:crypto';
import { auditLogStream, auditLogStreamPrefix, auditQueryEvent, auditQueryEventTypes, type AuditQueryRecord } from '@sa/domain-audit';
import type { Actor } from '@sa/domain-shared';
import type { EventStore, RecordedEvent } from '@sa/event-store';

export interface AuditLogEntry extends AuditQueryRecord {
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
}

export interface AuditLogFilter {
  readonly auditorId?: string;
  readonly applicationId?: string;
  /** Only entries this predicate accepts (the viewer's jurisdiction). */
  readonly visible?: (entry: AuditLogEntry) => boolean;
  readonly limit: number;
}

/** Newest entries are read backwards in pages; a query looks through at most this many. */
const maxScanned = 100_000;

export class AuditLog {
  constructor(private readonly store: EventStore) {}

  async record(entry: Omit<AuditQueryRecord, 'queryId'> & { queryId?: string }): Promise<AuditQueryRecord> {
    const full: AuditQueryRecord = { ...entry, queryId: entry.queryId ?? randomUUID() };
    const event = auditQueryEvent(full);
    const actor: Actor = full.auditedBy;
    await this.store.appendToStream(
      auditLogStream(full),
      [{ type: event.type, data: event.data, actor, occurredAt: full.queriedAt, correlationId: full.queryId }],
      { expectedRevision: 'any' },
    );
    return full;
  }

  /** Newest first. */
  async list(filter: AuditLogFilter): Promise<AuditLogEntry[]> {
    const found: AuditLogEntry[] = [];
    let from: number | undefined;
    let scanned = 0;
    while (found.length < filter.limit && scanned < maxScanned) {
      const page = await this.store.readAll({
        direction: 'backwards',
        ...(from !== undefined ? { fromPosition: from } : {}),
        maxCount: 1000,
        filter: { streamPrefixes: [auditLogStreamPrefix], eventTypes: auditQueryEventTypes },
      });
      if (page.length === 0) break;
      scanned += page.length;
      for (const event of page) {
        const entry = toEntry(event);
        if (matches(entry, filter)) found.push(entry);
        if (found.length >= filter.limit) break;
      }
      from = (page[page.length - 1] as RecordedEvent).position - 1;
      if (from < 1) break;
    }
    return found;
  }

  /** Every earlier look at one case, oldest first. */
  async ofCase(applicationId: string): Promise<AuditLogEntry[]> {
    return (await this.store.readStream(auditLogStream({ applicationId, queriedAt: '' }))).map(toEntry);
  }
}

function toEntry(event: RecordedEvent): AuditLogEntry {
  return { ...(event.data as AuditQueryRecord), eventId: event.eventId, type: event.type, recordedAt: event.recordedAt };
}

function matches(entry: AuditLogEntry, filter: AuditLogFilter): boolean {
  if (filter.auditorId && entry.auditedBy.userId !== filter.auditorId) return false;
  if (filter.applicationId && entry.applicationId !== filter.applicationId) return false;
  return filter.visible ? filter.visible(entry) : true;
}
