/**
 * A server span per HTTP request, in the trace of its correlation id (request-context.ts takes the
 * correlation id from an incoming traceparent when no x-correlation-id is given, so a caller's
 * trace continues here). The response carries this span's traceparent.
 */
import { formatTraceparent, parseTraceparent, spanIdOf, traceIdOf } from '@sa/messaging';
import type { NextFunction, Request, Response } from 'express';
import type { CorrelatedRequest } from '../http/request-context';
import { currentSpan, type Tracer } from './tracer';

export function httpTracing(tracer: Tracer) {
  return (req: CorrelatedRequest, res: Response, next: NextFunction): void => {
    if (!tracer.enabled || req.path.startsWith('/health') || req.path === '/metrics') return next();
    const context = { traceId: traceIdOf(req.correlationId ?? spanIdOf()), spanId: spanIdOf() };
    const incoming = parseTraceparent(req.header('traceparent'));
    res.setHeader('traceparent', formatTraceparent(context));
    const startMs = Date.now();
    res.on('finish', () => {
      const route = (req as Request).route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched';
      tracer.record({
        name: `${req.method} ${route}`,
        kind: 'server',
        ...context,
        ...(incoming?.traceId === context.traceId ? { parentSpanId: incoming.spanId } : {}),
        startMs,
        endMs: Date.now(),
        ok: res.statusCode < 500,
        attributes: { 'http.request.method': req.method, 'http.route': route, 'http.response.status_code': res.statusCode },
      });
    });
    currentSpan.run(context, () => next());
  };
}
