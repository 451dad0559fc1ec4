/**
 * The audit's integration tests and benchmark write the shared case builder's events
 * (@sa/domain-audit/test-support) into fresh source schemas (source-schemas.ts), each with a
 * random id and its record time.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@sa/domain-shared';
import { seedResidentIds, writeDibaoCase, type CaseOptions, type EventSink, type PlantedCase, type SourceName } from '@sa/domain-audit/test-support';

export { nextResidentId, people, residentId, type CaseOptions, type SourceName } from '@sa/domain-audit/test-support';
export type WrittenCase = PlantedCase;

seedResidentIds(Math.floor(Math.random() * 10_000));

/** One event as a service would append it, at the time it would be recorded. */
export interface EventDraft {
  readonly eventId: string;
  readonly source: SourceName;
  readonly stream: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly actor: Actor;
  readonly recordedAt: string;
}

export class Scenario implements EventSink {
  readonly drafts: EventDraft[] = [];

  add(source: SourceName, stream: string, type: string, data: Record<string, unknown>, actor: Actor, recordedAt: string): string {
    const eventId = randomUUID();
    this.drafts.push({ eventId, source, stream, type, data, actor, recordedAt });
    return eventId;
  }

  /** Drafts in the order the services would have recorded them. */
  inRecordOrder(): EventDraft[] {
    return [...this.drafts].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
  }

  dibaoCase(options: CaseOptions = {}): WrittenCase {
    return writeDibaoCase(this, randomUUID, options);
  }
}
