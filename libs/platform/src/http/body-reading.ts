/**
 * Reads a request body under the platform's rules, for JSON (body-parsing.ts) and for the text
 * uploads a service parses itself (payments' bank result file): the content-coding must be one we
 * decode, the charset UTF-8, the decoded body at most the limit (a gzip bomb is measured after
 * inflating), and the bytes valid UTF-8 — a body we would otherwise read as replacement characters.
 */
import type { Request } from 'express';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { bodyTooLarge, InputRefusedException } from './input-errors';

type Inflate = (input: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions) => Promise<Buffer>;

const decoders: Readonly<Record<string, Inflate | undefined>> = {
  identity: undefined,
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

/** Whether the request carries a body at all (the test body-parser uses). */
export function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/** The media type, lower case, and its charset parameter if any: `application/json; charset="UTF-8"` → ['application/json', 'utf-8']. */
export function parseContentType(header: string | undefined): { type: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';');
  const charset = params
    .map((p) => p.trim().split('='))
    .find(([name]) => name?.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  return { type: type.trim().toLowerCase(), ...(charset !== undefined ? { charset } : {}) };
}

/** Refuses, before reading, what we could never decode: an unknown content-coding or a charset other than UTF-8. */
export function assertDecodable(req: Request): void {
  const coding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (!(coding in decoders)) {
    throw new InputRefusedException(
      415,
      'UNSUPPORTED_CONTENT_ENCODING',
      'content-encoding',
      `must be one of ${Object.keys(decoders).join(', ')}; got "${coding}"`,
    );
  }
  const { charset } = parseContentType(req.headers['content-type']);
  // JSON is UTF-8 only (RFC 8259 §8.1), and every text the platform stores is read as UTF-8.
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new InputRefusedException(415, 'UNSUPPORTED_CHARSET', 'content-type', `charset must be utf-8; got "${charset}"`);
  }
}

/** The body's bytes as sent (still encoded), refused once more than `limitBytes` arrive; the rest is drained unread. */
function collect(req: Request, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      req.removeListener('data', onData);
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) fail(bodyTooLarge(limitBytes));
      else chunks.push(chunk);
    };
    if (Number.isFinite(declared) && declared > limitBytes) return fail(bodyTooLarge(limitBytes));
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('aborted', () => reject(new InputRefusedException(400, 'BODY_ABORTED', 'body', 'the request ended before its body was complete')));
    req.on('error', (error) => reject(error));
  });
}

async function inflate(req: Request, raw: Buffer, limitBytes: number): Promise<Buffer> {
  const coding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const decode = decoders[coding];
  if (!decode || raw.length === 0) return raw;
  try {
    return await decode(raw, { maxOutputLength: limitBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bodyTooLarge(limitBytes);
    throw new InputRefusedException(400, 'CORRUPT_CONTENT_ENCODING', 'body', `is not valid ${coding} data (${(error as Error).message})`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text: decodable, within the limit, valid UTF-8 (a leading BOM is dropped). */
export async function readTextBody(req: Request, limitBytes: number): Promise<string> {
  assertDecodable(req);
  const bytes = await inflate(req, await collect(req, limitBytes), limitBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InputRefusedException(400, 'BODY_NOT_UTF8', 'body', 'must be valid UTF-8 text');
  }
}

/** The path of the first string (or key) holding a NUL (U+0000), which PostgreSQL text and jsonb cannot store; undefined if none. */
export function nulPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = nulPath(item, here);
    if (found) return found;
  }
  return undefined;
}
