/**
 * The bank's result file may be posted as it is (Content-Type text/csv or text/plain). The
 * platform parses JSON bodies only, so this reads such a body as UTF-8 text, up to a limit.
 */
import { Injectable, type NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const limitBytes = 20 * 1024 * 1024;

@Injectable()
export class TextBodyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!/^text\/(csv|plain)\b/.test(type)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      next(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.removeAllListeners('data');
        req.resume();
        finish(new PayloadTooLargeException(`body: the file must be at most ${limitBytes} bytes`));
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      (req as Request & { body: unknown }).body = Buffer.concat(chunks).toString('utf8');
      finish();
    });
    req.on('error', (error) => finish(error));
  }
}
