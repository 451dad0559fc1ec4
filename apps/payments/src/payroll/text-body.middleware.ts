/**
 * The bank's result file may be posted as it is (Content-Type text/csv or text/plain). The
 * platform parses JSON bodies only, so this reads such a body as UTF-8 text, up to a limit, under
 * the platform's rules (readTextBody: known content-coding, UTF-8 charset and bytes, limit after
 * inflating) and without a NUL, which the file's text could not be stored with.
 */
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { InputRefusedException, readTextBody } from '@sa/platform';
import type { NextFunction, Request, Response } from 'express';

const limitBytes = 20 * 1024 * 1024;

@Injectable()
export class TextBodyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!/^text\/(csv|plain)\b/.test(type)) return next();
    readTextBody(req, limitBytes).then((text) => {
      if (text.includes('\u0000')) return next(new InputRefusedException(400, 'NUL_CHARACTER', 'body', 'must not contain a NUL character'));
      (req as Request & { body: unknown }).body = text;
      next();
    }, next);
  }
}
