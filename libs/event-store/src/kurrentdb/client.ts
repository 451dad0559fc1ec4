/**
 * The adapter's view of the KurrentDB client: the operations it calls, the client's constants and
 * builders, how to recognise its errors, and how to collect its reads.
 *
 * At module level this file, like the whole adapter, imports only the client's TYPES. The gRPC
 * client and its native bridge load on first use, in KurrentDbEventStore.getClient. PostgreSQL
 * deployments import `@sa/event-store` too, and they must never load it (see
 * libs/platform/src/event-store/open-event-store.ts). The few constants and builders repeated
 * below are plain values of the client's public API. kurrentdb-mapping.spec.ts checks them
 * against the client.
 */
import { randomUUID } from 'node:crypto';
import type {
  AllStreamResolvedEvent,
  EventData,
  JSONEventType,
  JSONType,
  KurrentDBClient,
  PrefixesFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RegexFilter,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { NativeEvent } from './native-event';

/** The operations the adapter calls. A KurrentDBClient is one, and so is the test double. */
export type KurrentDbClientLike = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export const FORWARDS = 'forwards' as const;
export const BACKWARDS = 'backwards' as const;
export const START = 'start' as const;
export const END = 'end' as const;
export const NO_STREAM = 'no_stream' as const;

/** `$$<stream>`: where KurrentDB keeps a stream's metadata. */
export function metastreamOf(stream: string): string {
  return `$$${stream}`;
}

/** A JSON event to append, as the client's `jsonEvent` builds it. */
export function jsonEventData(event: { type: string; data: JSONType; metadata?: JSONType; id?: string }): EventData<JSONEventType> {
  return {
    id: event.id ?? randomUUID(),
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  } as EventData<JSONEventType>;
}

export function streamNamePrefixFilter(prefixes: string[]): PrefixesFilter {
  return { filterOn: 'streamName', prefixes, checkpointInterval: 1 };
}

export function eventTypePrefixFilter(prefixes: string[]): PrefixesFilter {
  return { filterOn: 'eventType', prefixes, checkpointInterval: 1 };
}

/** The client's `excludeSystemEvents()`: event types not starting with `$`. */
export function excludeSystemEventsFilter(): RegexFilter {
  return { filterOn: 'eventType', regex: '^[^$].*', checkpointInterval: 1 };
}

// The client's ErrorType values. Its errors are recognised by these values and not with
// instanceof, which would need the client loaded (and would fail across two copies of it).
export const errorTypes = {
  wrongExpectedVersion: 'wrong-expected-version',
  streamNotFound: 'stream-not-found',
  streamDeleted: 'stream-deleted',
  streamTombstoned: 'stream-tombstoned',
} as const;

function errorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return errorType(error) === errorTypes.wrongExpectedVersion;
}

export function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === errorTypes.streamNotFound;
}

/** Deleted or tombstoned by KurrentDB itself (never by this adapter, which only soft-deletes in metadata). */
export function isNativelyDeleted(error: unknown): boolean {
  const type = errorType(error);
  return type === errorTypes.streamDeleted || type === errorTypes.streamTombstoned;
}

/** Reads events of one stream into an array; a stream that does not exist reads as empty. */
export async function readStreamEvents(client: KurrentDbClientLike, stream: string, options: ReadStreamOptions): Promise<NativeEvent[]> {
  const events: NativeEvent[] = [];
  try {
    for await (const resolved of client.readStream(stream, options)) {
      if (resolved.event) events.push(resolved.event as NativeEvent);
    }
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
  return events;
}

/** One page of $all. The array holds every raw entry, including the ones the caller's filter will drop. */
export async function readAllPage(client: KurrentDbClientLike, options: ReadAllOptions): Promise<AllStreamResolvedEvent[]> {
  const page: AllStreamResolvedEvent[] = [];
  for await (const resolved of client.readAll({ ...options, resolveLinkTos: false })) page.push(resolved);
  return page;
}
