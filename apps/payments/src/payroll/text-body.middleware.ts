/**
 * The bank's result file may be posted as it is (Content-Type text/csv or text/plain). The
 * platform parses JSON bodies only, so such a body is handed to the route as a StreamedTextBody:
 * read a line at a time under the platform's rules (known content-coding, UTF-8 charset and
 * bytes, the limit measured after inflating, no NUL), never held whole — a city's file is a
 * million lines. A coding or charset that could never be read is refused here, before anything.
 */
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { CONFIG } from '@sa/platform';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config';
import { StreamedTextBody } from './text-lines';

@Injectable()
export class TextBodyMiddleware implements NestMiddleware {
  constructor(@Inject(CONFIG) private readonly config: Config) {}

  use(req: Request, _res: Response, next: NextFunction): void {
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!/^text\/(csv|plain)\b/.test(type)) return next();
    try {
      (req as Request & { body: unknown }).body = new StreamedTextBody(req, this.config.BANK_RESULT_FILE_LIMIT_MB * 1024 * 1024);
      next();
    } catch (error) {
      next(error);
    }
  }
}
