/**
 * A consumer span around each `@EventPattern` handler: a child of the relay span that published
 * the message (its ce_traceparent), in the journey's trace, so the handler's appends — and what
 * the next relay publishes from them — stay in the trace the HTTP request began.
 */
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type IntegrationEventContext, parseTraceparent, spanIdOf, traceIdOf, traceparentHeader } from '@sa/messaging';
import { Observable } from 'rxjs';
import { currentSpan, type Tracer } from './tracer';

@Injectable()
export class ConsumerTracingInterceptor implements NestInterceptor {
  constructor(private readonly tracer: Tracer) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.tracer.enabled || context.getType() !== 'rpc') return next.handle();
    const { event } = context.switchToRpc().getContext<IntegrationEventContext>();
    const parent = parseTraceparent(event.headers.get(traceparentHeader));
    const span = { traceId: parent?.traceId ?? traceIdOf(event.correlationId ?? event.id), spanId: spanIdOf() };
    const startMs = Date.now();
    const finish = (ok: boolean) =>
      this.tracer.record({
        name: `consume ${event.type}`,
        kind: 'consumer',
        ...span,
        ...(parent ? { parentSpanId: parent.spanId } : {}),
        startMs,
        endMs: Date.now(),
        ok,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': event.topic, 'messaging.kafka.partition': event.partition },
      });
    return new Observable((subscriber) =>
      currentSpan.run(span, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            finish(false);
            subscriber.error(error);
          },
          complete: () => {
            finish(true);
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
