/**
 * Per-request correlation id (from `x-correlation-id`, or a new one) and one structured log line
 * per request with status, duration and the acting user — never the body.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger';

export interface CorrelatedRequest extends Request {
  correlationId?: string;
}

const correlationPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: Logger) {
  return (req: CorrelatedRequest, res: Response, next: NextFunction): void => {
    const given = req.header('x-correlation-id');
    req.correlationId = given && correlationPattern.test(given) ? given : randomUUID();
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
