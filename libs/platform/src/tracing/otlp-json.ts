/** Spans in the OTLP/HTTP JSON encoding (opentelemetry-proto, ExportTraceServiceRequest). */
import type { FinishedSpan } from '@sa/messaging';

const kinds = { internal: 1, server: 2, producer: 4, consumer: 5 } as const;
const nanos = (ms: number) => `${BigInt(Math.round(ms * 1000)) * 1000n}`;

export function otlpBody(serviceName: string, spans: readonly FinishedSpan[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: '@sa/platform' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: kinds[s.kind],
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.endMs),
              attributes: Object.entries(s.attributes).map(([key, value]) => ({
                key,
                value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
              })),
              status: { code: s.ok ? 1 : 2 },
            })),
          },
        ],
      },
    ],
  };
}
