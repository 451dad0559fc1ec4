/**
 * HTTP requests counted and timed by route pattern (e.g. /applications/:applicationId, never the
 * path with its ids), method and status; a request no route matched counts as "unmatched".
 */
import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from './metrics-registry';

export function httpMetrics(registry: MetricsRegistry) {
  const requests = registry.counter('sa_http_requests_total', 'HTTP requests answered, by method, route pattern and status');
  const duration = registry.histogram('sa_http_request_duration_seconds', 'HTTP request duration by method, route pattern and status class');
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  };
}
