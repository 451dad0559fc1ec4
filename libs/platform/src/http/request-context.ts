/**
 * Per-request correlation id (from `x-correlation-id`, or a new one) and one structured log line
 * per request with status, duration and the acting user — never the body.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOfTrace, parseTraceparent } from '@sa/messaging';
import type { Logger } from '../logging/logger';

export interface CorrelatedRequest extends Request {
  correlationId?: string;
}

const correlationPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: Logger) {
  return (req: CorrelatedRequest, res: Response, next: NextFunction): void => {
    const given = req.header('x-correlation-id');
    // A caller's W3C trace continues here when it names no correlation id of its own (tracing/http-tracing.ts).
    const trace = parseTraceparent(req.header('traceparent'));
    req.correlationId = given && correlationPattern.test(given) ? given : trace ? correlationIdOfTrace(trace.traceId) : randomUUID();
    res.setHeader('x-correlation-id', req.correlationId);
    const began = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path.startsWith('/health') || req.path === '/metrics') return;
      const ms = Number(process.hrtime.bigint() - began) / 1e6;
      const actor = (req as CorrelatedRequest & { actor?: { userId: string; role: string } }).actor;
      logger.info(
        {
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
          ms: Math.round(ms),
          correlationId: req.correlationId,
          user: actor?.userId,
          role: actor?.role,
        },
        'request',
      );
    });
    next();
  };
}
