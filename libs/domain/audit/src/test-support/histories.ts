/**
 * Case histories for the audit's specs, folded in memory: the case builder's events as each source
 * store would record them (per-source positions, per-stream revisions), with counted ids.
 */
import type { Actor } from '@sa/domain-shared';
import { assembleCaseHistory, type CaseHistory } from '../case-history';
import type { SourcedEvent } from '../sourced-event';
import { writeDibaoCase as buildDibaoCase, type CaseOptions, type PlantedCase } from './case-builder';

export { people, residentId, type CaseOptions, type PlantedCase } from './case-builder';

let counter = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const nextId = () => uuid(++counter);

/** Appends events as each source store would: per-source positions, per-stream revisions. */
export class HistoryWriter {
  readonly events: SourcedEvent[] = [];
  private readonly positions = new Map<string, number>();
  private readonly revisions = new Map<string, number>();

  add(source: string, stream: string, type: string, data: unknown, actor: Actor, at: string): SourcedEvent {
    const position = (this.positions.get(source) ?? 0) + 1;
    const revision = (this.revisions.get(`${source}/${stream}`) ?? -1) + 1;
    this.positions.set(source, position);
    this.revisions.set(`${source}/${stream}`, revision);
    const eventId = nextId();
    const event: SourcedEvent = {
      source,
      eventId,
      stream,
      revision,
      position,
      type,
      data,
      occurredAt: at,
      recordedAt: at,
      actor,
      correlationId: eventId,
      causationId: null,
    };
    this.events.push(event);
    return event;
  }
}

/** The builder's dibao case, written into the history. */
export function writeDibaoCase(w: HistoryWriter, options: CaseOptions = {}): PlantedCase {
  return buildDibaoCase({ add: (...event) => w.add(...event).eventId }, nextId, options);
}

export function historyOf(w: HistoryWriter, applicationId: string): CaseHistory {
  return assembleCaseHistory(applicationId, w.events);
}
