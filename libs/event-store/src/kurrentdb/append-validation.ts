/** What the KurrentDB store refuses before an append touches the server (names starting with $ are KurrentDB's own). */
import type { NewEvent } from '../port/event-store';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateBatch(stream: string, events: readonly NewEvent[]): void {
  if (typeof stream !== 'string' || stream.trim() === '' || stream.length > 500) throw new Error('stream name must be 1 to 500 characters');
  if (stream.startsWith('$')) throw new Error(`stream ${stream}: names starting with $ are KurrentDB system streams`);
  if (events.length === 0) throw new Error('an append needs at least one event');
  const ids = new Set<string>();
  for (const [i, event] of events.entries()) {
    if (event.eventId !== undefined) {
      if (!uuidPattern.test(event.eventId)) throw new Error(`events[${i}].eventId must be a UUID`);
      if (ids.has(event.eventId.toLowerCase())) throw new Error(`events[${i}].eventId repeats an earlier event of the batch`);
      ids.add(event.eventId.toLowerCase());
    }
    if (!event.type) throw new Error(`events[${i}].type is required`);
    if (event.type.startsWith('$')) throw new Error(`events[${i}].type: types starting with $ are KurrentDB system event types`);
    if (!event.actor?.userId || !event.actor.role || !event.actor.orgUnit) throw new Error(`events[${i}].actor needs userId, role and orgUnit`);
    if (event.occurredAt !== undefined && Number.isNaN(Date.parse(event.occurredAt))) throw new Error(`events[${i}].occurredAt must be an ISO 8601 instant`);
  }
}
