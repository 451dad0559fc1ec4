/**
 * For unit tests only: the slice of the EventStore port a relay uses (subscribeToAll), kept in
 * memory with the port's semantics: sparse increasing positions, catch-up then live, sequential
 * onEvent, onError once when onEvent throws, stop() waits for the running onEvent.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent, SubscribeOptions, Subscription } from '@sa/event-store';

export class InMemoryEventStore {
  readonly events: RecordedEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private nextPosition = 10;

  private readonly revisions = new Map<string, number>();

  append(stream: string, type: string, data: unknown, occurredAt = '2025-03-05T06:30:00.000Z'): RecordedEvent {
    const revision = this.revisions.get(stream) ?? 0;
    this.revisions.set(stream, revision + 1);
    const event: RecordedEvent = {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      stream,
      revision,
      position: this.nextPosition,
      data,
      occurredAt,
      recordedAt: occurredAt,
      actor: { userId: 'u-1', role: 'intake-worker', orgUnit: '330102001' },
      correlationId: 'corr-1',
      causationId: null,
      sourceSystem: 'test',
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    };
    this.nextPosition += 3; // sparse, like a real store
    this.events.push(event);
    for (const wake of this.waiters) wake();
    return event;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    let stopped = false;
    let wake: (() => void) | undefined;
    let running: Promise<void> = Promise.resolve();
    const matches = (e: RecordedEvent) =>
      (!options.filter?.streamPrefixes || options.filter.streamPrefixes.some((p) => e.stream.startsWith(p))) &&
      (!options.filter?.eventTypes || options.filter.eventTypes.includes(e.type));
    const done = (async () => {
      let after = options.afterPosition ?? -1;
      let index = 0; // events are kept in position order: walk them once
      let caughtUp = false;
      while (!stopped) {
        while (index < this.events.length && (this.events[index].position <= after || !matches(this.events[index]))) index++;
        const next = this.events[index];
        if (!next) {
          if (!caughtUp) {
            caughtUp = true;
            options.onCaughtUp?.(after >= 0 ? after : undefined);
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            this.waiters.add(resolve);
          });
          if (wake) this.waiters.delete(wake);
          continue;
        }
        after = next.position;
        try {
          running = options.onEvent(next);
          await running;
        } catch (error) {
          options.onError?.(error as Error);
          return;
        }
      }
    })();
    return {
      done,
      stop: async () => {
        stopped = true;
        wake?.();
        await running.catch(() => undefined);
        await done;
      },
    };
  }

  asEventStore(): EventStore {
    return this as unknown as EventStore;
  }
}
