/**
 * The one conformance suite every adapter must pass (Jest). Adapter-specific abilities — altering a
 * stored row as a malicious DB owner would, holding a transaction open to provoke the gap problem —
 * come as optional hooks of the harness.
 */
import { randomUUID } from 'node:crypto';
import { EventIdConflictError, MessageAlreadyHandledError, StreamDeletedError, WrongExpectedRevisionError } from '../port/errors';
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

const actor: Actor = { userId: 'u-conformance', role: 'intake-worker', orgUnit: '331002001' };

function event(type: string, data: unknown, extra: Partial<NewEvent> = {}): NewEvent {
  return { type, data, actor, ...extra };
}

function streamName(category = 'case'): string {
  return `${category}-${randomUUID()}`;
}

async function collect(
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

export function describeEventStoreConformance(adapter: string, createHarness: () => Promise<ConformanceHarness>): void {
  describe(`event store conformance: ${adapter}`, () => {
    let h: ConformanceHarness;
    let store: EventStore;

    beforeAll(async () => {
      h = await createHarness();
      store = h.store;
    });

    afterAll(async () => {
      await h?.cleanup();
    });

    describe('appending and reading a stream', () => {
      it('stores events with their full envelope and dense revisions', async () => {
        const stream = streamName('application');
        const result = await store.appendToStream(
          stream,
          [
            event('ApplicationSubmitted', { members: 3 }, { occurredAt: '2025-03-01T02:00:00.000Z', correlationId: 'corr-1', causationId: 'cmd-1' }),
            event('ApplicationAmended', { members: 4 }),
          ],
          { expectedRevision: 'no_stream' },
        );
        expect(result).toMatchObject({ nextExpectedRevision: 1, appended: 2 });
        const read = await store.readStream(stream);
        expect(read.map((e) => [e.revision, e.type, e.data])).toEqual([
          [0, 'ApplicationSubmitted', { members: 3 }],
          [1, 'ApplicationAmended', { members: 4 }],
        ]);
        const [first, second] = read as [RecordedEvent, RecordedEvent];
        expect(first).toMatchObject({
          stream,
          schemaVersion: 1,
          occurredAt: '2025-03-01T02:00:00.000Z',
          actor,
          correlationId: 'corr-1',
          causationId: 'cmd-1',
          prevHash: '0'.repeat(64),
        });
        expect(second.correlationId).toBe(second.eventId);
        expect(second.prevHash).toBe(first.hash);
        expect(second.position).toBeGreaterThan(first.position);
        expect(result.position).toBe(second.position);
        expect(Date.parse(first.recordedAt)).not.toBeNaN();
      });

      it('reads forwards and backwards, from a revision, with a maximum count', async () => {
        const stream = streamName();
        await store.appendToStream(
          stream,
          [0, 1, 2, 3, 4].map((n) => event('Counted', { n })),
          { expectedRevision: 'no_stream' },
        );
        const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revisions(await store.readStream(stream, { from: 2 }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream(stream, { from: 1, maxCount: 2 }))).toEqual([1, 2]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', from: 2, maxCount: 2 }))).toEqual([2, 1]);
        expect(await store.readStream(streamName())).toEqual([]);
      });
    });

    describe('optimistic concurrency', () => {
      it('raises a typed conflict naming the stream, the expected and the actual revision', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('A', {}), event('B', {})], { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(stream, [event('C', {})], { expectedRevision: 0 })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          stream,
          expected: 0,
          actual: 1,
        });
        await expect(store.appendToStream(stream, [event('C', {})], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.appendToStream(streamName(), [event('C', {})], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          actual: 'no_stream',
        });
        await expect(store.appendToStream(stream, [event('C', {})], { expectedRevision: 1 })).resolves.toMatchObject({ nextExpectedRevision: 2 });
        await expect(store.appendToStream(stream, [event('D', {})], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({ nextExpectedRevision: 3 });
        await expect(store.appendToStream(stream, [event('E', {})], { expectedRevision: 'any' })).resolves.toMatchObject({ nextExpectedRevision: 4 });
      });

      it('lets exactly one of many concurrent writers with the same expected revision win', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('Opened', {})], { expectedRevision: 'no_stream' });
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.appendToStream(stream, [event('Decided', { by: i })], { expectedRevision: 0 })),
        );
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        expect(attempts.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason instanceof WrongExpectedRevisionError)).toBe(
          true,
        );
        expect((await store.verifyStream(stream)).ok).toBe(true);
      });

      it('refuses a decision taken on a stale read by another instance, and keeps the chain whole', async () => {
        // Given two service instances that both read the stream at revision 0
        const stream = streamName();
        const other = await h.openAnother();
        await store.appendToStream(stream, [event('Opened', {})], { expectedRevision: 'no_stream' });
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await other.readStream(stream)).toHaveLength(1);
        // When the first appends on what it read, and the second then appends on the same read
        await store.appendToStream(stream, [event('Reviewed', { by: 'a' })], { expectedRevision: 0 });
        await store.appendToStream(stream, [event('Noticed', { by: 'a' })], { expectedRevision: 1 });
        await expect(other.appendToStream(stream, [event('Reviewed', { by: 'b' })], { expectedRevision: 0 })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        // Then, after reading again, the second appends on the real head and the chain verifies
        const fresh = await other.readStream(stream);
        await other.appendToStream(stream, [event('Confirmed', { by: 'b' })], { expectedRevision: fresh.length - 1 });
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'Reviewed', 'Noticed', 'Confirmed']);
        expect((await store.verifyStream(stream)).ok).toBe(true);
      });
    });

    describe('idempotent appends', () => {
      it('treats a retried batch (same event ids) as a no-op, even with a stale expected revision', async () => {
        const stream = streamName();
        const batch = [
          event('PaymentIssued', { fen: 212700 }, { eventId: randomUUID() }),
          event('PaymentRecorded', { fen: 212700 }, { eventId: randomUUID() }),
        ];
        const first = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        expect(retry).toEqual({ ...first, appended: 0 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('stores a batch once when the same retry races itself (a client timeout and a second delivery)', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('EntitlementGranted', { fen: 212700 })], { expectedRevision: 'no_stream' });
        for (const expectedRevision of [0, 'any'] as const) {
          const batch = [event('PaymentIssued', { fen: 212700, expectedRevision }, { eventId: randomUUID() })];
          const results = await Promise.all(Array.from({ length: 6 }, () => store.appendToStream(stream, batch, { expectedRevision })));
          expect(results.map((r) => r.appended).sort()).toEqual([0, 0, 0, 0, 0, 1]);
          expect(new Set(results.map((r) => r.position)).size).toBe(1);
        }
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('refuses an event id that is stored with different content', async () => {
        const stream = streamName();
        const eventId = randomUUID();
        await store.appendToStream(stream, [event('PaymentIssued', { fen: 100 }, { eventId })], { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(stream, [event('PaymentIssued', { fen: 999 }, { eventId })], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
      });
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

    describe('stream metadata and soft deletion', () => {
      it('keeps metadata', async () => {
        const stream = streamName();
        await store.setStreamMetadata(stream, { retention: 'permanent', owner: 'intake' });
        expect(await store.getStreamMetadata(stream)).toMatchObject({ retention: 'permanent', owner: 'intake' });
      });

      it('hides a soft-deleted stream and refuses appends, but never loses its events', async () => {
        const stream = streamName('deleted');
        const written = await store.appendToStream(stream, [event('Opened', {}), event('Noted', {})], { expectedRevision: 'no_stream' });
        await store.softDeleteStream(stream, actor, 'duplicate registration entered in error');
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
        await expect(store.appendToStream(stream, [event('Late', {})], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StreamDeletedError);
        expect(await store.readStream(stream, { includeDeleted: true })).toHaveLength(2);
        const all = await store.readAll({ fromPosition: written.position, maxCount: 10 });
        expect(all.some((e) => e.stream === stream)).toBe(true);
        expect((await store.getStreamMetadata(stream)).deleted).toMatchObject({ by: actor, reason: 'duplicate registration entered in error' });
        expect((await store.verifyStream(stream)).ok).toBe(true);
      });
    });

    describe('inbox', () => {
      it('records a handled message with the append it caused, and refuses it a second time', async () => {
        const stream = streamName();
        const handledMessage = { consumer: 'approval', messageId: randomUUID() };
        await store.appendToStream(stream, [event('Opened', {})], { expectedRevision: 'no_stream', handledMessage });
        await expect(store.appendToStream(stream, [event('Opened', {})], { expectedRevision: 'any', handledMessage })).rejects.toBeInstanceOf(
          MessageAlreadyHandledError,
        );
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.isMessageHandled(handledMessage)).toBe(true);
        const other = { consumer: 'approval', messageId: randomUUID() };
        expect(await store.isMessageHandled(other)).toBe(false);
        expect(await store.markMessageHandled(other)).toBe(true);
        expect(await store.markMessageHandled(other)).toBe(false);
      });

      it('records each of many messages handled at once exactly once, whoever asks', async () => {
        // Given 200 messages, each delivered three times at the same moment (two consumer instances and a redelivery)
        const messages = Array.from({ length: 200 }, (_, i) => ({ consumer: i % 2 === 0 ? 'payments' : 'intake', messageId: randomUUID() }));
        const attempts = await Promise.all([...messages, ...messages, ...messages].map((m) => store.markMessageHandled(m)));
        // Then exactly one call per message recorded it, and every one reads back as handled
        for (const [i, message] of messages.entries()) {
          expect([attempts[i], attempts[i + 200], attempts[i + 400]].filter(Boolean)).toHaveLength(1);
          expect(await store.isMessageHandled(message)).toBe(true);
        }
        expect(await store.isMessageHandled({ consumer: 'payments', messageId: messages[1]?.messageId as string })).toBe(false);
      });
    });

    describe('integrity', () => {
      it('verifies an intact chain and reports the first tampered event', async () => {
        const stream = streamName('audit');
        await store.appendToStream(
          stream,
          [1, 2, 3, 4].map((n) => event('PaymentIssued', { fen: n * 100 })),
          { expectedRevision: 'no_stream' },
        );
        expect(await store.verifyStream(stream)).toEqual({ ok: true, stream, events: 4 });
        if (!h.tamper) return;
        const forged = await h.tamper(stream, 2, { fen: 999_999 });
        const result = await store.verifyStream(stream);
        expect(result).toMatchObject({ ok: false, firstBreak: { stream, revision: forged ? forged.forgedRevision : 2, reason: 'hash-mismatch' } });
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
  });
}

/** readAll from a position until `enough` holds (at most 30 s): reads stop at the store's safe horizon. */
async function readAllUntil(store: EventStore, fromPosition: number, enough: (events: RecordedEvent[]) => boolean): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const events = await store.readAll({ fromPosition, maxCount: 100 });
    if (enough(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
