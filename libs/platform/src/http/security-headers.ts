/**
 * Security headers on every answer (helmet), and no `x-powered-by` naming the framework. The
 * content security policy keeps the API docs page (/docs, Swagger UI: its own scripts and an inline
 * start-up script) working and allows nothing from elsewhere.
 */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

export function installSecurityHeaders(app: INestApplication): void {
  (app as NestExpressApplication).disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
}
