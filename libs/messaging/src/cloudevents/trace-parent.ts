/**
 * W3C Trace Context (traceparent: version-traceid-parentid-flags) for one application's journey.
 * The trace id is derived from the correlation id every event of the journey already carries (the
 * HTTP request's, kept by each append and each consumer's appends): a UUID's 32 hex digits, any
 * other id's SHA-256 prefix. So the trace needs nothing new stored with the events, and a relay
 * publishing hours later still joins the request's trace. On Kafka it travels as the CloudEvents
 * distributed-tracing extension, header `ce_traceparent`.
 */
import { createHash, randomBytes } from 'node:crypto';

export const traceparentHeader = 'ce_traceparent';

export interface TraceContext {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  /** 16 lower-case hex digits: the span this one descends from. */
  readonly spanId: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The trace id of a journey, from its correlation id. */
export function traceIdOf(correlationId: string): string {
  const hex = uuidPattern.test(correlationId) ? correlationId.replace(/-/g, '').toLowerCase() : '';
  return hex !== '' && !/^0+$/.test(hex) ? hex : createHash('sha256').update(correlationId).digest('hex').slice(0, 32);
}

/** A trace id as a UUID: the correlation id of a journey begun by a request that came with a traceparent. */
export function correlationIdOfTrace(traceId: string): string {
  return `${traceId.slice(0, 8)}-${traceId.slice(8, 12)}-${traceId.slice(12, 16)}-${traceId.slice(16, 20)}-${traceId.slice(20)}`;
}

/** A span id: derived from a seed (an event id, so a republished event keeps its span) or random. */
export function spanIdOf(seed?: string): string {
  return seed === undefined ? randomBytes(8).toString('hex') : createHash('sha256').update(`span:${seed}`).digest('hex').slice(0, 16);
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-01`;
}

/** The context a valid traceparent names; undefined for anything else (an invalid one is ignored, as the W3C spec says). */
export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  const match = value === undefined ? null : traceparentPattern.exec(value.trim());
  if (!match || /^0+$/.test(match[1] as string) || /^0+$/.test(match[2] as string)) return undefined;
  return { traceId: match[1] as string, spanId: match[2] as string };
}

/** A finished span, as the platform's tracer exports it (OTLP). */
export interface FinishedSpan {
  readonly name: string;
  readonly kind: 'server' | 'producer' | 'consumer' | 'internal';
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly ok: boolean;
  /** Route patterns, topics, event types — never an id of a person or a case. */
  readonly attributes: Readonly<Record<string, string | number>>;
}

/** Where a component hands its spans (the platform's tracer; nothing when tracing is off). */
export interface SpanSink {
  record(span: FinishedSpan): void;
}
