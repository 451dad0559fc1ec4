/**
 * The platform's one way into a request (installed by bootstrap.ts before every route): a NUL in
 * the path or query is refused (a decoded `%00` reaches PostgreSQL and MongoDB as text neither
 * can hold), every body's content-coding and charset are checked, and JSON bodies are read here —
 * at most `jsonBodyLimitBytes` decoded, valid UTF-8, well-formed, an object or array, and with no
 * NUL in any string or key. Each refusal is a 4xx naming the field and the rule (input-errors.ts),
 * never a 500. Other media types (payments' text/csv upload) are read by their own middleware
 * with readTextBody, under the same rules.
 */
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { assertDecodable, hasBody, nulPath, parseContentType, readTextBody } from './body-reading';
import { InputRefusedException } from './input-errors';

/** 100 kB, the limit the services have always had (Express's default). */
export const jsonBodyLimitBytes = 100 * 1024;

const isJson = (type: string) => type === 'application/json' || /^application\/[^/]+\+json$/.test(type);

function assertNoNulInUrl(req: Request): void {
  const queryAt = req.originalUrl.indexOf('?');
  const [path, query] = queryAt < 0 ? [req.originalUrl, ''] : [req.originalUrl.slice(0, queryAt), req.originalUrl.slice(queryAt)];
  if (/%00/i.test(path)) throw new InputRefusedException(400, 'NUL_CHARACTER', 'path', 'must not contain a NUL character (%00)');
  if (/%00/i.test(query)) throw new InputRefusedException(400, 'NUL_CHARACTER', 'query', 'must not contain a NUL character (%00)');
}

function parseJson(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed === '') return {};
  // As Express's strict JSON parser did: a bare string or number is not a request.
  if (trimmed[0] !== '{' && trimmed[0] !== '[') throw new InputRefusedException(400, 'INVALID_JSON', 'body', 'must be a JSON object or array');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputRefusedException(400, 'INVALID_JSON', 'body', `must be valid JSON (${(error as Error).message})`);
  }
  const at = nulPath(value);
  if (at) throw new InputRefusedException(400, 'NUL_CHARACTER', at, 'must not contain a NUL character (\\u0000)');
  return value;
}

export function bodyParsing(limitBytes = jsonBodyLimitBytes) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    try {
      assertNoNulInUrl(req);
      if (!hasBody(req)) return next();
      assertDecodable(req);
    } catch (error) {
      return next(error);
    }
    if (!isJson(parseContentType(req.headers['content-type']).type)) return next();
    readTextBody(req, limitBytes).then(
      // Once the stream is read, Express's own JSON parser sees a finished request and leaves the body alone.
      (text) => {
        try {
          req.body = parseJson(text);
          next();
        } catch (error) {
          next(error);
        }
      },
      (error: unknown) => next(error),
    );
  };
}

/** The one call bootstrap.ts makes. */
export function installBodyParsing(app: INestApplication): void {
  app.use(bodyParsing());
}
