/**
 * What the conformance suites share: the harness an adapter provides, and helpers to write events,
 * name streams, follow a subscription and read the global log up to its safe horizon.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, EventStore, NewEvent, RecordedEvent, Subscription } from '../port/event-store';

export interface ConformanceHarness {
  readonly store: EventStore;
  /** Another store on the same data, as a second service instance would open it. */
  openAnother(): Promise<EventStore>;
  /**
   * Changes a stored event's data behind the store's back (as a DB owner could). Where stored events
   * cannot be changed in place (KurrentDB), it appends a forged copy with that data through the raw
   * client instead and returns the forged event's revision, where verification must report the break.
   */
  tamper?(stream: string, revision: number, data: unknown): Promise<void | { readonly forgedRevision: number }>;
  /** Appends one event inside a transaction kept open until `release()` is called. */
  holdOpenAppend?(stream: string, event: NewEvent): Promise<{ release(commit: boolean): Promise<void> }>;
  cleanup(): Promise<void>;
}

export const actor: Actor = { userId: 'u-conformance', role: 'intake-worker', orgUnit: '331002001' };

export function event(type: string, data: unknown, extra: Partial<NewEvent> = {}): NewEvent {
  return { type, data, actor, ...extra };
}

export function streamName(category = 'case'): string {
  return `${category}-${randomUUID()}`;
}

export async function collect(
  store: EventStore,
  options: { afterPosition?: number; filter?: { streamPrefixes?: string[]; eventTypes?: string[] } },
  until: (events: RecordedEvent[]) => boolean,
  timeoutMs = 60_000,
): Promise<{ events: RecordedEvent[]; caughtUpAt: number }> {
  const events: RecordedEvent[] = [];
  let caughtUpAt = -1;
  let subscription: Subscription | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`subscription received ${events.length} events before timing out`)), timeoutMs);
    subscription = store.subscribeToAll({
      ...options,
      onEvent: async (e) => {
        events.push(e);
        if (until(events)) {
          clearTimeout(timer);
          resolve();
        }
      },
      onCaughtUp: () => {
        caughtUpAt = events.length;
        if (until(events)) {
          clearTimeout(timer);
          resolve();
        }
      },
      onError: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
  });
  await subscription?.stop();
  return { events, caughtUpAt };
}

/** readAll from a position until `enough` holds (at most 30 s): reads stop at the store's safe horizon. */
export async function readAllUntil(store: EventStore, fromPosition: number, enough: (events: RecordedEvent[]) => boolean): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const events = await store.readAll({ fromPosition, maxCount: 100 });
    if (enough(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
