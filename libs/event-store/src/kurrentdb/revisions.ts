/**
 * Expected-revision mapping between the port and KurrentDB.
 *
 * The port counts revisions with JavaScript numbers from 0, and -1 stands for "no stream" here.
 * KurrentDB counts with unsigned 64-bit bigints and has the states ANY, NO_STREAM and STREAM_EXISTS.
 *
 * Every append this adapter sends names an EXACT state: the revision of the stream's last event as
 * just read (a bigint), or NO_STREAM when the stream has no events. It never sends ANY or
 * STREAM_EXISTS, because KurrentDB only reliably de-duplicates a re-sent event id when the append
 * names its expected revision. The adapter checks the caller's 'any' or 'stream_exists' against the
 * head it read. If another writer gets in between, the adapter reads the head again and retries (see
 * KurrentDbEventStore.appendToStream).
 */
import type { AppendStreamState, CurrentStreamState } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../port/event-store';
import { NO_STREAM } from './client';

/** The head revision of a stream that has no events. */
export const noStreamRevision = -1;

export function validateExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new Error(`expectedRevision must be 'any', 'no_stream', 'stream_exists' or a revision (a non-negative integer), not ${String(expected)}`);
  }
}

/** Whether a stream whose last revision is `head` (-1: no events) satisfies the caller's expectation. */
export function revisionMatches(expected: ExpectedRevision, head: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return head === noStreamRevision;
  if (expected === 'stream_exists') return head > noStreamRevision;
  return expected === head;
}

/** The exact state an append to a stream whose last revision is `head` sends to KurrentDB. */
export function exactStreamState(head: number): AppendStreamState {
  return head <= noStreamRevision ? NO_STREAM : toNativeRevision(head);
}

export function toNativeRevision(revision: number): bigint {
  if (!Number.isSafeInteger(revision) || revision < 0) throw new RangeError(`not a stream revision: ${revision}`);
  return BigInt(revision);
}

/** A KurrentDB revision as a port revision. Revisions above 2^53 − 1 raise instead of rounding. */
export function fromNativeRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`stream revision ${revision} is outside the safe integer range of the event store port`);
  }
  return Number(revision);
}

/** The `actual` of a WrongExpectedRevisionError for a stream whose last revision is `head`. */
export function actualRevision(head: number): number | 'no_stream' {
  return head <= noStreamRevision ? 'no_stream' : head;
}

/** The `actual` of a WrongExpectedRevisionError from the state named by a KurrentDB conflict. */
export function actualFromNative(current: CurrentStreamState | undefined): number | 'no_stream' {
  if (current === undefined || current === NO_STREAM || current < 0n) return 'no_stream';
  return fromNativeRevision(current);
}

/**
 * For an exact expectation ('no_stream' or a revision), the revision at which the caller's batch
 * starts if it was already stored, e.g. by an earlier attempt whose reply was lost. Returns
 * undefined for 'any' and 'stream_exists', because such a batch may have been stored anywhere.
 */
export function batchStartFor(expected: ExpectedRevision): number | undefined {
  if (expected === 'no_stream') return 0;
  if (typeof expected === 'number') return expected + 1;
  return undefined;
}
