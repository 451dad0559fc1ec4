import { canonicalJson, ChainVerifier, computeEventHash, genesisHash, type RecordedEvent, type StoredEvent } from '@sa/event-store';
import { joinRanges, RangeChains } from './chain-spans';

/** A log of three interleaved, correctly chained streams. */
function chainedLog(): RecordedEvent[] {
  const heads = new Map<string, { revision: number; hash: string }>();
  const log: RecordedEvent[] = [];
  for (let i = 0; i < 30; i++) {
    const stream = `application-${i % 3}`;
    const previous = heads.get(stream);
    const revision = previous ? previous.revision + 1 : 0;
    const event = {
      eventId: `e-${i}`,
      type: 'HouseholdIncomeAssessed',
      schemaVersion: 1,
      stream,
      revision,
      position: i + 1,
      data: { monthlyIncomeFen: 100_000 + i },
      occurredAt: '2025-04-01T00:00:00.000Z',
      recordedAt: '2025-04-01T00:00:00.000Z',
      actor: { userId: 'u-1', role: 'investigator', orgUnit: '331002' },
      correlationId: 'c',
      causationId: null,
      sourceSystem: 'verification',
      prevHash: previous?.hash ?? genesisHash,
      hash: '',
    };
    const hashed = { ...event, hash: computeEventHash(event) };
    heads.set(stream, { revision, hash: hashed.hash });
    log.push(hashed);
  }
  return log;
}

/** As the PostgreSQL store keeps it: the data as its canonical JSON text. */
function asStored({ data, ...envelope }: RecordedEvent): StoredEvent {
  return { ...envelope, dataJson: canonicalJson(data) };
}

/** The first break of each stream found by joining the log cut at `cuts`. */
function joined(log: readonly RecordedEvent[], cuts: readonly number[]) {
  const bounds = [0, ...cuts, log.length];
  const ranges = bounds.slice(1).map((end, i) => {
    const chains = new RangeChains();
    for (const event of log.slice(bounds[i], end)) chains.add(asStored(event));
    return chains.spans;
  });
  const { breaks, last } = joinRanges(ranges);
  return { breaks: Object.fromEntries([...breaks].map(([stream, b]) => [stream, [b.revision, b.reason]])), streams: last.size };
}

/** ChainVerifier over the whole log: the answer one sequential pass gives. */
function sequential(log: readonly RecordedEvent[]) {
  const verifier = new ChainVerifier();
  for (const event of log) verifier.add(event);
  return { breaks: Object.fromEntries(verifier.firstBreaks.map((b) => [b.stream, [b.revision, b.reason]])), streams: verifier.streamsChecked };
}

const tamperings: [string, (log: RecordedEvent[]) => RecordedEvent[]][] = [
  ['nothing', (log) => log],
  ['data changed', (log) => log.map((e) => (e.eventId === 'e-13' ? { ...e, data: { monthlyIncomeFen: 1 } } : e))],
  ['an event removed', (log) => log.filter((e) => e.eventId !== 'e-16')],
  ['the first event removed', (log) => log.filter((e) => e.eventId !== 'e-2')],
  [
    'a rewritten event re-hashed (the next link breaks)',
    (log) => log.map((e) => (e.eventId === 'e-9' ? rehashed({ ...e, data: { monthlyIncomeFen: 1 } }) : e)),
  ],
  ['two streams broken', (log) => log.map((e) => (e.eventId === 'e-4' || e.eventId === 'e-23' ? { ...e, type: 'Forged' } : e))],
  ['events swapped', (log) => log.map((e) => (e.eventId === 'e-6' ? { ...e, revision: 3 } : e.eventId === 'e-9' ? { ...e, revision: 2 } : e))],
];

function rehashed(event: RecordedEvent): RecordedEvent {
  return { ...event, hash: computeEventHash(event) };
}

describe('hash chains checked in ranges of the log', () => {
  it.each(tamperings)('finds what one sequential pass finds, wherever the log is cut (%s)', (_label, tamper) => {
    // Given a log with this tampering
    const log = tamper(chainedLog());
    const expected = sequential(log);
    // When it is verified in one range, in two at every cut, and in three
    const splits = [[], ...log.map((_, i) => [i]), [5, 17], [1, 2], [10, 11]];
    // Then every split reports exactly the sequential pass's first breaks
    for (const cuts of splits) expect({ cuts, ...joined(log, cuts) }).toEqual({ cuts, ...expected });
  });

  it('reports an untouched log as unbroken', () => {
    expect(joined(chainedLog(), [7, 20])).toEqual({ breaks: {}, streams: 3 });
  });

  it('reports a changed event as a hash mismatch at its revision', () => {
    const log = tamperings[1]?.[1](chainedLog()) as RecordedEvent[];
    expect(joined(log, [13]).breaks).toEqual({ 'application-1': [4, 'hash-mismatch'] });
  });
});
