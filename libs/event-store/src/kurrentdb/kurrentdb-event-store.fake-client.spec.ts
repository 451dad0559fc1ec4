/**
 * The KurrentDB adapter's logic, without a server: the conformance suite and adapter specifics run
 * against FakeKurrentDbClient, an in-memory stand-in that models the client behaviour the adapter
 * relies on (see its header for what it does not model). Only kurrentdb-event-store.int.spec.ts,
 * run with KURRENTDB_URL set, checks the adapter against a real KurrentDB.
 */
import { randomUUID } from 'node:crypto';
import { describeEventStoreConformance } from '../conformance/conformance-suite';
import { EventIdConflictError, MessageAlreadyHandledError, StreamDeletedError, WrongExpectedRevisionError } from '../port/errors';
import type { Actor, NewEvent, RecordedEvent } from '../port/event-store';
import { jsonEventData } from './client';
import { FakeKurrentDbClient } from './fake-kurrentdb-client';
import { appendForgedCopy } from './forge';
import { createKurrentDbEventStore, kurrentDbPortMetadataKey, type KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';

describeEventStoreConformance('KurrentDB adapter on an in-memory client double (no server)', async () => {
  const fake = new FakeKurrentDbClient();
  const open = () => createKurrentDbEventStore({ client: fake.asClient(), sourceSystem: 'conformance', readPageSize: 64 });
  const store = open();
  const others: KurrentDbEventStore[] = [];
  return {
    store,
    async openAnother() {
      const other = open();
      others.push(other);
      return other;
    },
    tamper: (stream, revision, data) => appendForgedCopy(fake.asClient(), stream, revision, data),
    async cleanup() {
      await Promise.all(others.map((o) => o.close()));
      await store.close();
    },
  };
});

const actor: Actor = { userId: 'u-1', role: 'intake-worker', orgUnit: '331002001' };
const event = (type: string, data: unknown, extra: Partial<NewEvent> = {}): NewEvent => ({
  type,
  data,
  actor,
  ...extra,
});

describe('KurrentDB adapter specifics (in-memory client double)', () => {
  let fake: FakeKurrentDbClient;
  let store: KurrentDbEventStore;
  const open = (options: Partial<KurrentDbEventStoreOptions> = {}) =>
    createKurrentDbEventStore({ client: fake.asClient(), sourceSystem: 'intake', ...options });

  beforeEach(() => {
    fake = new FakeKurrentDbClient();
    store = open();
  });

  afterEach(() => store.close());

  it('puts the domain data in the event data and the envelope, hash chain included, in the metadata', async () => {
    await store.appendToStream('case-1', [event('Opened', { members: 3 }, { causationId: 'cmd-1' })], {
      expectedRevision: 'no_stream',
    });
    const [stored] = fake.streams.get('case-1') ?? [];
    expect(stored?.data).toEqual({ members: 3 });
    expect(stored?.metadata).toMatchObject({
      envelope: 1,
      schemaVersion: 1,
      actor,
      $causationId: 'cmd-1',
      sourceSystem: 'intake',
      prevHash: '0'.repeat(64),
    });
    expect(stored?.metadata).toHaveProperty('hash', (await store.readStream('case-1'))[0]?.hash);
  });

  it('always appends with an exact expected revision, also when the caller said any', async () => {
    const states: unknown[] = [];
    const spy = fake.appendToStream.bind(fake);
    fake.appendToStream = (name, events, options = {}) => {
      if (name === 'case-2') states.push(options.streamState);
      return spy(name, events, options);
    };
    await store.appendToStream('case-2', [event('A', {})], { expectedRevision: 'any' });
    await store.appendToStream('case-2', [event('B', {})], { expectedRevision: 'stream_exists' });
    await store.appendToStream('case-2', [event('C', {})], { expectedRevision: 'any' });
    expect(states).toEqual(['no_stream', 0n, 1n]);
  });

  it("lets concurrent 'any' writers all succeed, each retrying on the revision it lost, with an intact chain", async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => store.appendToStream('case-3', [event('Noted', { i })], { expectedRevision: 'any' })));
    expect((await store.readStream('case-3')).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await store.verifyStream('case-3')).ok).toBe(true);
  });

  it("recognises a retried batch with 'any' inside the idempotency window, and not beyond it", async () => {
    const narrow = open({ idempotencyWindow: 3 });
    const batch = [event('Paid', { fen: 1 }, { eventId: randomUUID() })];
    const first = await narrow.appendToStream('case-4', batch, { expectedRevision: 'any' });
    await narrow.appendToStream('case-4', [event('Noted', {}), event('Noted', {})], {
      expectedRevision: 'any',
    });
    expect(await narrow.appendToStream('case-4', batch, { expectedRevision: 'any' })).toEqual({
      ...first,
      nextExpectedRevision: 2,
      appended: 0,
    });
    await narrow.appendToStream('case-4', [event('Noted', {}), event('Noted', {}), event('Noted', {})], {
      expectedRevision: 'any',
    });
    expect((await narrow.appendToStream('case-4', batch, { expectedRevision: 'any' })).appended).toBe(1);
  });

  it('answers a batch that a concurrent copy stored first as a retry, and one stored with other content as a conflict', async () => {
    const batch = [event('Paid', { fen: 5 }, { eventId: randomUUID() }), event('Booked', { fen: 5 }, { eventId: randomUUID() })];
    const results = await Promise.all([
      store.appendToStream('case-5', batch, { expectedRevision: 'no_stream' }),
      open().appendToStream('case-5', batch, { expectedRevision: 'no_stream' }),
    ]);
    expect(results.map((r) => r.appended).sort()).toEqual([0, 2]);
    expect(results[0]?.position).toBe(results[1]?.position);
    expect(await store.readStream('case-5')).toHaveLength(2);
    await expect(
      store.appendToStream('case-5', [event('Paid', { fen: 6 }, { eventId: batch[0]?.eventId })], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toBeInstanceOf(EventIdConflictError);
  });

  it('names the stream, the expected and the actual revision in a conflict', async () => {
    await store.appendToStream('case-6', [event('A', {})], { expectedRevision: 'no_stream' });
    const error = await store.appendToStream('case-6', [event('B', {})], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ stream: 'case-6', expected: 'no_stream', actual: 0 });
  });

  it('soft-deletes in its own metadata key only, keeps other metadata keys, and never removes events', async () => {
    await store.appendToStream('case-7', [event('Opened', {})], { expectedRevision: 'no_stream' });
    await fake.appendToStream('$$case-7', jsonEventData({ type: '$metadata', data: { $acl: { $r: '$all' }, owner: 'ops' } }));
    await store.setStreamMetadata('case-7', { retention: 'permanent' });
    await store.softDeleteStream('case-7', actor, 'entered twice');
    await store.softDeleteStream('case-7', { ...actor, userId: 'u-2' }, 'again');
    const native = fake.streams.get('$$case-7') ?? [];
    const last = native[native.length - 1]?.data as Record<string, unknown>;
    expect(last).toMatchObject({
      $acl: { $r: '$all' },
      owner: 'ops',
      [kurrentDbPortMetadataKey]: { retention: 'permanent', deleted: { by: actor, reason: 'entered twice' } },
    });
    expect(Object.keys(last)).not.toContain('$tb');
    expect(fake.streams.get('case-7')).toHaveLength(1);
    await expect(store.readStream('case-7')).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.appendToStream('case-7', [event('Late', {})], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.setStreamMetadata('case-7', { deleted: undefined })).rejects.toThrow(/softDeleteStream/);
  });

  it('keeps inbox markers and metadata out of readAll and subscriptions', async () => {
    const handledMessage = { consumer: 'approval', messageId: randomUUID() };
    await store.appendToStream('case-8', [event('Opened', {})], {
      expectedRevision: 'no_stream',
      handledMessage,
    });
    await store.setStreamMetadata('case-8', { owner: 'intake' });
    await store.markMessageHandled({ consumer: 'approval', messageId: randomUUID() });
    expect([...fake.streams.keys()].filter((s) => s.startsWith('inbox-approval-'))).toHaveLength(2);
    expect((await store.readAll()).map((e) => e.stream)).toEqual(['case-8']);
    expect((await store.readAll({ filter: { streamPrefixes: ['inbox-'] } })).length).toBe(0);
    await expect(store.appendToStream('case-8', [event('Again', {})], { expectedRevision: 'any', handledMessage })).rejects.toBeInstanceOf(
      MessageAlreadyHandledError,
    );
  });

  it('reads $all backwards from a position inclusively, and pages through filtered events', async () => {
    const paged = open({ readPageSize: 2 });
    for (let i = 0; i < 5; i++)
      await paged.appendToStream(`keep-${i}`, [event('Kept', { i }), event('Dropped', { i })], {
        expectedRevision: 'no_stream',
      });
    const kept = await paged.readAll({ filter: { eventTypes: ['Kept'] } });
    expect(kept.map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
    const third = kept[2] as RecordedEvent;
    expect(
      (
        await paged.readAll({
          direction: 'backwards',
          fromPosition: third.position,
          filter: { eventTypes: ['Kept'] },
        })
      ).map((e) => e.data),
    ).toEqual([{ i: 2 }, { i: 1 }, { i: 0 }]);
    expect(
      (
        await paged.readAll({
          fromPosition: third.position,
          maxCount: 2,
          filter: { streamPrefixes: ['keep-'] },
        })
      ).map((e) => e.type),
    ).toEqual(['Kept', 'Dropped']);
  });

  it('calls onCaughtUp after every earlier event was handled and before live ones, one handler at a time', async () => {
    await store.appendToStream(
      'tick-1',
      [1, 2, 3].map((n) => event('Tick', { n })),
      { expectedRevision: 'no_stream' },
    );
    const seen: string[] = [];
    let running = 0;
    let overlapped = false;
    await new Promise<void>((resolve, reject) => {
      const subscription = store.subscribeToAll({
        filter: { streamPrefixes: ['tick-'] },
        onEvent: async (e) => {
          running++;
          overlapped ||= running > 1;
          await new Promise((r) => setTimeout(r, 5));
          seen.push(String((e.data as { n: number }).n));
          running--;
          if (seen.length === 6) void subscription.stop().then(resolve, reject);
        },
        onCaughtUp: () => {
          seen.push('caught-up');
          void store
            .appendToStream(
              'tick-1',
              [4, 5].map((n) => event('Tick', { n })),
              { expectedRevision: 2 },
            )
            .catch(reject);
        },
        onError: reject,
      });
    });
    expect(seen).toEqual(['1', '2', '3', 'caught-up', '4', '5']);
    expect(overlapped).toBe(false);
  });

  it('reports a handler failure once through onError and stops', async () => {
    await store.appendToStream('fail-1', [event('Boom', {}), event('Never', {})], {
      expectedRevision: 'no_stream',
    });
    const errors: Error[] = [];
    const handled: string[] = [];
    const subscription = store.subscribeToAll({
      filter: { streamPrefixes: ['fail-'] },
      onEvent: async (e) => {
        handled.push(e.type);
        throw new Error('handler failed');
      },
      onError: (error) => errors.push(error),
    });
    await subscription.done;
    expect(handled).toEqual(['Boom']);
    expect(errors.map((e) => e.message)).toEqual(['handler failed']);
  });

  it('disposes only a client it created', async () => {
    await store.close();
    expect(fake.disposed).toBe(false);
  });
});
