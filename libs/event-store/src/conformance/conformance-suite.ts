/**
 * The one conformance suite every adapter must pass (Jest). Adapter-specific abilities — altering a
 * stored row as a malicious DB owner would, holding a transaction open to provoke the gap problem —
 * come as optional hooks of the harness.
 */
import { randomUUID } from 'node:crypto';
import { EventIdConflictError, MessageAlreadyHandledError, StreamDeletedError, WrongExpectedRevisionError } from '../port/errors';
import type { EventStore, RecordedEvent } from '../port/event-store';
import { actor, type ConformanceHarness, event, streamName } from './conformance-support';
import { describeGlobalLogConformance } from './global-log-conformance';

export type { ConformanceHarness } from './conformance-support';

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

      it('reads several streams at once as each alone, empty for one never written, and refuses a soft-deleted one', async () => {
        const [first, second, never] = [streamName(), streamName(), streamName()];
        await store.appendToStream(first, [event('Opened', { n: 1 }), event('Noted', { n: 2 })], { expectedRevision: 'no_stream' });
        await store.appendToStream(second, [event('Opened', { n: 3 })], { expectedRevision: 'no_stream' });
        const read = await store.readStreams([second, never, first]);
        expect(read.get(first)).toEqual(await store.readStream(first));
        expect(read.get(second)).toEqual(await store.readStream(second));
        expect(read.get(never)).toEqual([]);
        await store.softDeleteStream(second, actor, 'entered twice');
        await expect(store.readStreams([first, second])).rejects.toBeInstanceOf(StreamDeletedError);
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

    describeGlobalLogConformance(() => h);

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
        // Refused too at the exact next revision and as a new stream's first append (a store's one-statement path): nothing of either is written
        await expect(store.appendToStream(stream, [event('Closed', {})], { expectedRevision: 0, handledMessage })).rejects.toBeInstanceOf(
          MessageAlreadyHandledError,
        );
        const fresh = streamName();
        await expect(store.appendToStream(fresh, [event('Opened', {})], { expectedRevision: 'no_stream', handledMessage })).rejects.toBeInstanceOf(
          MessageAlreadyHandledError,
        );
        expect(await store.readStream(fresh)).toEqual([]);
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.isMessageHandled(handledMessage)).toBe(true);
        expect(await store.markMessageHandled(handledMessage)).toBe(false); // recorded with the append already
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
  });
}
