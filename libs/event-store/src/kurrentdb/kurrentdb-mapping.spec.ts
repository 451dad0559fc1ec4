/** The KurrentDB adapter's pure mappings: revisions, positions, the metadata envelope, filters, inbox names. No server. */
import * as kurrent from '@kurrent/kurrentdb-client';
import { computeEventHash, genesisHash, verifyChain } from '../integrity/hash-chain';
import type { Actor } from '../port/event-store';
import * as client from './client';
import { buildRecords, decodeEnvelope, encodeEnvelope, prepareEvents, toJsonData, toRecordedEvent, type NativeEvent, type PendingRecord } from './envelope';
import { acceptsFromAll, serverFilter } from './filters';
import { inboxStreamName } from './inbox';
import { UnrepresentablePositionError, comparePositions, readAllFrom, toNativePosition, toPortPosition } from './positions';
import {
  actualFromNative,
  actualRevision,
  batchStartFor,
  exactStreamState,
  fromNativeRevision,
  revisionMatches,
  toNativeRevision,
  validateExpectedRevision,
} from './revisions';

const actor: Actor = { userId: 'u-7', role: 'approver', orgUnit: '331002001' };

function stored(record: PendingRecord, position: bigint): NativeEvent {
  return {
    streamId: record.stream,
    id: record.eventId,
    revision: BigInt(record.revision),
    type: record.type,
    isJson: true,
    data: JSON.parse(JSON.stringify(record.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(encodeEnvelope(record))) as unknown,
    created: new Date('2025-03-01T00:00:01.000Z'),
    position: { commit: position, prepare: position },
  };
}

describe('expected revisions', () => {
  it.each([
    ['any', -1, true],
    ['any', 4, true],
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['stream_exists', -1, false],
    ['stream_exists', 0, true],
    [3, 3, true],
    [3, 4, false],
    [0, -1, false],
  ] as const)('%s against a stream at %i matches: %s', (expected, head, matches) => {
    expect(revisionMatches(expected, head)).toBe(matches);
  });

  it('always sends an exact state: NO_STREAM for an empty stream, else the head as a bigint', () => {
    expect(exactStreamState(-1)).toBe(kurrent.NO_STREAM);
    expect(exactStreamState(0)).toBe(0n);
    expect(exactStreamState(41)).toBe(41n);
  });

  it('converts revisions both ways within the safe integer range only', () => {
    expect(fromNativeRevision(7n)).toBe(7);
    expect(toNativeRevision(7)).toBe(7n);
    expect(() => fromNativeRevision(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => toNativeRevision(-1)).toThrow(RangeError);
  });

  it('names the actual revision of a conflict as the port does', () => {
    expect(actualRevision(-1)).toBe('no_stream');
    expect(actualRevision(5)).toBe(5);
    expect(actualFromNative('no_stream')).toBe('no_stream');
    expect(actualFromNative(-1n)).toBe('no_stream');
    expect(actualFromNative(9n)).toBe(9);
    expect(actualFromNative(undefined)).toBe('no_stream');
  });

  it('knows where a retried batch with an exact expectation starts', () => {
    expect(batchStartFor('no_stream')).toBe(0);
    expect(batchStartFor(4)).toBe(5);
    expect(batchStartFor('any')).toBeUndefined();
    expect(batchStartFor('stream_exists')).toBeUndefined();
  });

  it('refuses expected revisions that are not revisions', () => {
    expect(() => validateExpectedRevision(-1)).toThrow(/expectedRevision/);
    expect(() => validateExpectedRevision(1.5)).toThrow(/expectedRevision/);
    expect(() => validateExpectedRevision('latest' as never)).toThrow(/expectedRevision/);
    expect(() => validateExpectedRevision(0)).not.toThrow();
  });
});

describe('global positions', () => {
  it('is the commit position, which equals the prepare position of a self-committed event', () => {
    expect(toPortPosition({ commit: 1234n, prepare: 1234n }, 'e')).toBe(1234);
    expect(toNativePosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('raises instead of rounding or inventing a number', () => {
    expect(() => toPortPosition(undefined, 'e')).toThrow(UnrepresentablePositionError);
    expect(() => toPortPosition({ commit: 100n, prepare: 90n }, 'e')).toThrow(/legacy explicit transaction/);
    const beyond = BigInt(Number.MAX_SAFE_INTEGER) + 1n;
    expect(() => toPortPosition({ commit: beyond, prepare: beyond }, 'e')).toThrow(/safe integer/);
    expect(toPortPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER), prepare: BigInt(Number.MAX_SAFE_INTEGER) }, 'e')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toNativePosition(-1)).toThrow(RangeError);
    expect(() => toNativePosition(1.5)).toThrow(RangeError);
  });

  it('orders like $all and starts reads at the right end', () => {
    expect(comparePositions({ commit: 1n, prepare: 1n }, { commit: 2n, prepare: 2n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 2n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
    expect(readAllFrom(undefined, 'forwards')).toBe(kurrent.START);
    expect(readAllFrom(undefined, 'backwards')).toBe(kurrent.END);
    expect(readAllFrom(0, 'forwards')).toBe(kurrent.START);
    expect(readAllFrom(500, 'backwards')).toEqual({ commit: 500n, prepare: 500n });
  });
});

describe('the metadata envelope', () => {
  const [first, second] = buildRecords(
    'application-1',
    prepareEvents([
      {
        eventId: 'A0B1C2D3-0000-4000-8000-000000000001',
        type: 'Submitted',
        data: { members: 3, at: new Date('2025-01-02T03:04:05.000Z'), note: undefined },
        actor,
        occurredAt: '2025-03-01T10:00:00+08:00',
        correlationId: 'corr-1',
        causationId: 'cmd-1',
      },
      { type: 'Amended', data: null, actor, schemaVersion: 2, sourceSystem: 'legacy-import' },
    ]),
    0,
    genesisHash,
    '2025-03-01T02:00:01.000Z',
    'intake',
  ) as [PendingRecord, PendingRecord];

  it('chains and hashes exactly as integrity/hash-chain.ts defines it', () => {
    expect(first.prevHash).toBe(genesisHash);
    expect(first.hash).toBe(computeEventHash(first));
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(computeEventHash(second));
  });

  it('settles ids, defaults and data in their stored form', () => {
    expect(first.eventId).toBe('a0b1c2d3-0000-4000-8000-000000000001');
    expect(first).toMatchObject({
      revision: 0,
      schemaVersion: 1,
      occurredAt: '2025-03-01T02:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      sourceSystem: 'intake',
    });
    expect(first.data).toEqual({ members: 3, at: '2025-01-02T03:04:05.000Z' });
    expect(second).toMatchObject({
      revision: 1,
      schemaVersion: 2,
      occurredAt: '2025-03-01T02:00:01.000Z',
      correlationId: second.eventId,
      causationId: null,
      sourceSystem: 'legacy-import',
      data: null,
    });
    expect(() => toJsonData(() => 1, 'data')).toThrow(/JSON/);
  });

  it('puts the envelope in the metadata with KurrentDB correlation keys, and decodes it back', () => {
    expect(encodeEnvelope(first)).toEqual({
      envelope: 1,
      schemaVersion: 1,
      occurredAt: '2025-03-01T02:00:00.000Z',
      recordedAt: '2025-03-01T02:00:01.000Z',
      actor,
      $correlationId: 'corr-1',
      $causationId: 'cmd-1',
      sourceSystem: 'intake',
      prevHash: genesisHash,
      hash: first.hash,
    });
    expect(encodeEnvelope(second)).not.toHaveProperty('$causationId');
    expect(decodeEnvelope(JSON.parse(JSON.stringify(encodeEnvelope(second))))).toMatchObject({
      causationId: null,
      correlationId: second.eventId,
      schemaVersion: 2,
    });
  });

  it('maps stored events back to recorded events whose chain verifies', () => {
    const events = [toRecordedEvent(stored(first, 1000n)), toRecordedEvent(stored(second, 1187n))];
    expect(events[0]).toEqual({ ...first, position: 1000 });
    expect(events[1]).toEqual({ ...second, position: 1187 });
    expect(verifyChain('application-1', events)).toEqual({ ok: true, stream: 'application-1', events: 2 });
  });

  it('recognises only its own envelope', () => {
    expect(decodeEnvelope(undefined)).toBeUndefined();
    expect(decodeEnvelope({ ...encodeEnvelope(first), envelope: 2 })).toBeUndefined();
    expect(decodeEnvelope({ ...encodeEnvelope(first), actor: { userId: 'u' } })).toBeUndefined();
    expect(decodeEnvelope({ ...encodeEnvelope(first), hash: 42 })).toBeUndefined();
  });

  it('still shows an event written without the envelope, as a broken link', () => {
    const foreign: NativeEvent = { ...stored(second, 1187n), metadata: { $correlationId: 'x' } };
    const mapped = toRecordedEvent(foreign);
    expect(mapped).toMatchObject({
      type: 'Amended',
      revision: 1,
      hash: '',
      prevHash: '',
      schemaVersion: 0,
      recordedAt: '2025-03-01T00:00:01.000Z',
    });
    expect(verifyChain('application-1', [toRecordedEvent(stored(first, 1000n)), mapped])).toMatchObject({
      ok: false,
      firstBreak: { revision: 1, reason: 'prev-hash-mismatch' },
    });
  });

  it('detects changed data', () => {
    const tampered = { ...stored(first, 1000n), data: { members: 4, at: '2025-01-02T03:04:05.000Z' } };
    expect(verifyChain('application-1', [toRecordedEvent(tampered)])).toMatchObject({
      ok: false,
      firstBreak: { revision: 0, reason: 'hash-mismatch' },
    });
  });
});

describe('filters of $all', () => {
  const [record] = buildRecords(
    'application-9',
    prepareEvents([{ type: 'Submitted', data: {}, actor }]),
    0,
    genesisHash,
    '2025-03-01T02:00:01.000Z',
    'intake',
  ) as [PendingRecord];
  const ours = stored(record, 10n);

  it('lets the server filter by stream prefix, else by event type prefix, else drop system events', () => {
    expect(serverFilter({ streamPrefixes: ['application-'], eventTypes: ['Submitted'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['application-'],
    });
    expect(serverFilter({ streamPrefixes: [], eventTypes: ['Submitted'] })).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['Submitted'],
    });
    expect(serverFilter(undefined)).toEqual(kurrent.excludeSystemEvents());
  });

  it('checks every part exactly on the client and delivers only port events', () => {
    expect(acceptsFromAll(ours, undefined)).toBe(true);
    expect(acceptsFromAll(ours, { streamPrefixes: ['application-'], eventTypes: ['Submitted'] })).toBe(true);
    expect(acceptsFromAll(ours, { eventTypes: ['Submit'] })).toBe(false);
    expect(acceptsFromAll(ours, { streamPrefixes: ['case-'] })).toBe(false);
    expect(acceptsFromAll({ ...ours, type: '$metadata' }, undefined)).toBe(false);
    expect(acceptsFromAll({ ...ours, streamId: '$$application-9' }, undefined)).toBe(false);
    expect(acceptsFromAll({ ...ours, metadata: undefined, type: 'sa.inbox.MessageHandled' }, undefined)).toBe(false);
  });
});

describe('inbox streams', () => {
  it('are one stream per consumer and message, never a $ system stream', () => {
    const name = inboxStreamName({ consumer: 'approval', messageId: 'msg-1' });
    expect(name).toMatch(/^inbox-approval-[0-9a-f]{64}$/);
    expect(inboxStreamName({ consumer: 'approval', messageId: 'msg-1' })).toBe(name);
    expect(inboxStreamName({ consumer: 'approval', messageId: 'msg-2' })).not.toBe(name);
    expect(inboxStreamName({ consumer: 'payments', messageId: 'msg-1' })).not.toBe(name);
    expect(() => inboxStreamName({ consumer: ' ', messageId: 'msg-1' })).toThrow(/consumer/);
  });
});

describe('the client surface the adapter repeats instead of loading the client eagerly', () => {
  it('matches the client', () => {
    expect([client.FORWARDS, client.BACKWARDS, client.START, client.END, client.NO_STREAM]).toEqual([
      kurrent.FORWARDS,
      kurrent.BACKWARDS,
      kurrent.START,
      kurrent.END,
      kurrent.NO_STREAM,
    ]);
    expect(client.metastreamOf('case-1')).toBe(kurrent.metastreamOf('case-1'));
    expect(client.streamNamePrefixFilter(['a-'])).toEqual(kurrent.streamNameFilter({ prefixes: ['a-'] }));
    expect(client.eventTypePrefixFilter(['A'])).toEqual(kurrent.eventTypeFilter({ prefixes: ['A'] }));
    expect(client.excludeSystemEventsFilter()).toEqual(kurrent.excludeSystemEvents());
    const id = '5f0e7a42-0000-4000-8000-000000000000';
    expect(client.jsonEventData({ id, type: 'T', data: { a: 1 }, metadata: { m: 1 } })).toEqual(
      kurrent.jsonEvent({ id, type: 'T', data: { a: 1 }, metadata: { m: 1 } }),
    );
    expect(client.errorTypes).toEqual({
      wrongExpectedVersion: kurrent.ErrorType.WRONG_EXPECTED_VERSION,
      streamNotFound: kurrent.ErrorType.STREAM_NOT_FOUND,
      streamDeleted: kurrent.ErrorType.STREAM_DELETED,
      streamTombstoned: kurrent.ErrorType.STREAM_TOMBSTONED,
    });
  });

  it('recognises the client errors', () => {
    expect(client.isWrongExpectedVersion(new kurrent.WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n }))).toBe(true);
    expect(client.isStreamNotFound(new kurrent.StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(client.isNativelyDeleted(kurrent.StreamDeletedError.fromStreamName('s'))).toBe(true);
    expect(client.isWrongExpectedVersion(new Error('wrong-expected-version'))).toBe(false);
  });
});
