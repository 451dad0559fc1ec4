/**
 * Hash chains checked a stretch of the log at a time, so that several workers can each take a
 * range of positions. Inside a range every event is checked against the previous one of its
 * stream (checkStoredLink); the first event of a stream in a range can only have its own hash checked
 * there, and is linked to the stream's last event of the earlier ranges when the ranges are joined.
 * One range covering the whole log gives exactly ChainVerifier's answer.
 */
import { checkStoredLink, linkOrderBreak, storedHashMatches, type StoredEvent } from '@sa/event-store';
import type { BreakReason } from './breaks';

/** One range of a source's log, scanned: what the worker sends back. */
export interface RangeScan {
  readonly events: number;
  readonly spans: Map<string, StreamSpan>;
}

export interface Link {
  readonly revision: number;
  readonly hash: string;
}

export interface SpanBreak {
  readonly revision: number;
  readonly eventId: string;
  readonly reason: BreakReason;
}

/** One stream within one range: its first event (to link later), its last link, its first break there. */
export interface StreamSpan {
  readonly first: { readonly revision: number; readonly prevHash: string; readonly eventId: string };
  last: Link;
  broken?: SpanBreak;
}

/** Spans of the streams met in one range, in the order met. */
export class RangeChains {
  readonly spans = new Map<string, StreamSpan>();
  events = 0;

  add(event: StoredEvent): void {
    this.events++;
    const span = this.spans.get(event.stream);
    if (!span) {
      const broken = storedHashMatches(event) ? undefined : { revision: event.revision, eventId: event.eventId, reason: 'hash-mismatch' as const };
      this.spans.set(event.stream, {
        first: { revision: event.revision, prevHash: event.prevHash, eventId: event.eventId },
        last: { revision: event.revision, hash: event.hash },
        ...(broken ? { broken } : {}),
      });
      return;
    }
    const reason = checkStoredLink(event, span.last);
    span.last = { revision: event.revision, hash: event.hash };
    if (reason && !span.broken) span.broken = { revision: event.revision, eventId: event.eventId, reason };
  }
}

/** The streams' last links and first breaks, from the ranges' spans given in log order. */
export function joinRanges(ranges: readonly ReadonlyMap<string, StreamSpan>[]): { last: Map<string, Link>; breaks: Map<string, SpanBreak> } {
  const last = new Map<string, Link>();
  const breaks = new Map<string, SpanBreak>();
  for (const spans of ranges) {
    for (const [stream, span] of spans) {
      if (!breaks.has(stream)) {
        const found = linkBreak(span, last.get(stream)) ?? span.broken;
        if (found) breaks.set(stream, found);
      }
      last.set(stream, span.last);
    }
  }
  return { last, breaks };
}

/** The chain's order rules for a span's first event against the stream's earlier last link. */
function linkBreak(span: StreamSpan, previous: Link | undefined): SpanBreak | undefined {
  const reason = linkOrderBreak(span.first, previous);
  return reason ? { revision: span.first.revision, eventId: span.first.eventId, reason } : undefined;
}
