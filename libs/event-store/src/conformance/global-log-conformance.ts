/**
 * The global log's part of the conformance suite: reads in position order with filters, catch-up
 * subscriptions, and every event delivered exactly once across concurrent writers (the gap problem).
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../port/event-store';
import { collect, type ConformanceHarness, event, readAllUntil, streamName } from './conformance-support';

export function describeGlobalLogConformance(harness: () => ConformanceHarness): void {
  let h: ConformanceHarness;
  let store: EventStore;
  beforeAll(() => {
    h = harness();
    store = h.store;
  });

  describe('the global log', () => {
    it('reads all events forwards and backwards in position order, with filters', async () => {
      const a = streamName('filtera');
      const b = streamName('filterb');
      const first = await store.appendToStream(a, [event('X', { n: 1 })], { expectedRevision: 'no_stream' });
      await store.appendToStream(b, [event('Y', { n: 2 })], { expectedRevision: 'no_stream' });
      await store.appendToStream(a, [event('Z', { n: 3 })], { expectedRevision: 0 });
      const firstPosition = first.position;
      // The global log never outruns its safe horizon (PostgreSQL: cluster-wide, so another test's
      // open transaction holds it back for a moment): wait until our three events are below it.
      const forwards = await readAllUntil(store, firstPosition, (events) => events.filter((e) => e.stream === a || e.stream === b).length >= 3);
      const ours = forwards.filter((e) => e.stream === a || e.stream === b);
      expect(ours.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(forwards.every((e, i) => i === 0 || e.position > (forwards[i - 1] as RecordedEvent).position)).toBe(true);
      const filtered = await store.readAll({ fromPosition: firstPosition, filter: { streamPrefixes: ['filtera-'] } });
      expect(filtered.filter((e) => e.stream === a).map((e) => e.type)).toEqual(['X', 'Z']);
      expect(filtered.every((e) => e.stream.startsWith('filtera-'))).toBe(true);
      const byType = await store.readAll({ fromPosition: firstPosition, filter: { eventTypes: ['Y'] } });
      expect(byType.map((e) => e.stream)).toContain(b);
      expect(byType.every((e) => e.type === 'Y')).toBe(true);
      const backwards = await store.readAll({ direction: 'backwards', maxCount: 3 });
      expect(backwards.every((e, i) => i === 0 || e.position < (backwards[i - 1] as RecordedEvent).position)).toBe(true);
    });
  });

  describe('catch-up subscriptions', () => {
    it('delivers from a checkpoint, reports catching up, then delivers live events in order', async () => {
      const stream = streamName('live');
      await store.appendToStream(
        stream,
        [1, 2, 3, 4, 5].map((n) => event('Tick', { n })),
        { expectedRevision: 'no_stream' },
      );
      const history = await store.readStream(stream);
      const checkpoint = (history[1] as RecordedEvent).position;
      const received: number[] = [];
      let caughtUp = false;
      let liveAppended = false;
      const other = await h.openAnother();
      await new Promise<void>((resolve, reject) => {
        const subscription = store.subscribeToAll({
          afterPosition: checkpoint,
          filter: { streamPrefixes: [stream] },
          onEvent: async (e) => {
            received.push((e.data as { n: number }).n);
            if (received.length === 6) void subscription.stop().then(resolve);
          },
          onCaughtUp: () => {
            caughtUp = true;
            if (liveAppended) return;
            liveAppended = true;
            void other
              .appendToStream(
                stream,
                [6, 7, 8].map((n) => event('Tick', { n })),
                { expectedRevision: 4 },
              )
              .catch(reject);
          },
          onError: reject,
        });
      });
      await other.close();
      expect(caughtUp).toBe(true);
      expect(received).toEqual([3, 4, 5, 6, 7, 8]);
    });

    it('honours event-type filters and never repeats an event', async () => {
      const stream = streamName('typed');
      await store.appendToStream(stream, [event('Wanted', { n: 1 }), event('Other', {}), event('Wanted', { n: 2 })], { expectedRevision: 'no_stream' });
      const { events } = await collect(store, { filter: { streamPrefixes: [stream], eventTypes: ['Wanted'] } }, (es) => es.length >= 2);
      expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
      expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    });
  });

  describe('concurrency torture', () => {
    it('delivers every event of 16 concurrent writers × 500 events exactly once, in position order, across the gap problem', async () => {
      const prefix = `torture${randomUUID().slice(0, 8)}-`;
      const writers = 16;
      const perWriter = 500;
      // A transaction holding a lower position commits after many later ones; another rolls back.
      const slow = h.holdOpenAppend ? await h.holdOpenAppend(`${prefix}slow`, event('Slow', {})) : undefined;
      const abandoned = h.holdOpenAppend ? await h.holdOpenAppend(`${prefix}abandoned`, event('Abandoned', {})) : undefined;
      const expected = writers * perWriter + (slow ? 1 : 0);
      // Given one subscriber following the live log from before the writers start
      const live = collect(store, { filter: { streamPrefixes: [prefix] } }, (events) => events.length >= expected, 300_000);
      const stores = await Promise.all(Array.from({ length: 4 }, () => h.openAnother()));
      // When 16 writers append concurrently through 4 store instances
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const writerStore = stores[w % stores.length] as EventStore;
          for (let i = 0; i < perWriter; i++) {
            await writerStore.appendToStream(`${prefix}${w}`, [event('Written', { w, i })], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
            if (w === 0 && i === perWriter / 2) {
              await slow?.release(true);
              await abandoned?.release(false);
            }
          }
        }),
      );
      await Promise.all(stores.map((s) => s.close()));
      // Then it receives every committed event exactly once, in increasing position order
      const { events } = await live;
      const ids = events.map((e) => e.eventId);
      expect(events).toHaveLength(expected);
      expect(new Set(ids).size).toBe(expected);
      expect(events.every((e, i) => i === 0 || e.position > (events[i - 1] as RecordedEvent).position)).toBe(true);
      if (slow) expect(events.filter((e) => e.type === 'Slow')).toHaveLength(1);
      expect(events.some((e) => e.type === 'Abandoned')).toBe(false);
      // And a second subscriber replaying from the start sees the same sequence
      const replay = await collect(store, { filter: { streamPrefixes: [prefix] } }, (es) => es.length >= expected, 120_000);
      expect(replay.events.map((e) => e.eventId)).toEqual(ids);
    });
  });
}
