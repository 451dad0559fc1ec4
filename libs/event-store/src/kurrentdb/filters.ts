/**
 * Filtering $all (readAll and subscriptions). KurrentDB filters on the server by one thing at a
 * time, stream-name prefixes or event-type prefixes/regex. The adapter lets the server do the most
 * selective part and checks everything exactly on the client:
 *   - stream prefixes given  -> server: stream-name prefixes;  client: exact event types;
 *   - only event types given -> server: event-type prefixes;   client: exact types (a prefix also matches longer types);
 *   - no filter              -> server: exclude system events (types starting with `$`).
 * Always skipped on the client: system events and streams (`$…`: metadata, links, statistics).
 * Also skipped: events without the port's envelope, such as the inbox markers and other applications' events.
 */
import type { Filter } from '@kurrent/kurrentdb-client';
import type { EventFilter } from '../port/event-store';
import { eventTypePrefixFilter, excludeSystemEventsFilter, streamNamePrefixFilter } from './client';
import { isPortEvent, type NativeEvent } from './envelope';

function nonEmpty(values: readonly string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? [...values] : undefined;
}

/** The server-side part of a filter. */
export function serverFilter(filter: EventFilter | undefined): Filter {
  const prefixes = nonEmpty(filter?.streamPrefixes);
  if (prefixes) return streamNamePrefixFilter(prefixes);
  const types = nonEmpty(filter?.eventTypes);
  if (types) return eventTypePrefixFilter(types);
  return excludeSystemEventsFilter();
}

/** Whether an event read from $all is delivered to the port's reader. */
export function acceptsFromAll(native: NativeEvent, filter: EventFilter | undefined): boolean {
  if (native.type.startsWith('$') || native.streamId.startsWith('$')) return false;
  const prefixes = nonEmpty(filter?.streamPrefixes);
  if (prefixes && !prefixes.some((prefix) => native.streamId.startsWith(prefix))) return false;
  const types = nonEmpty(filter?.eventTypes);
  if (types && !types.includes(native.type)) return false;
  return isPortEvent(native);
}
