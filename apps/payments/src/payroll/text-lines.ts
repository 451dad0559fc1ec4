/**
 * The bank's result file read as it arrives, a line at a time, under the platform's input rules
 * (a content-coding we decode, UTF-8 only, a limit measured after inflating, no NUL): a city's
 * file of a million lines (about 90 MB) is never held as one text. Problems are thrown as the
 * platform's 4xx (InputRefusedException) while the lines are read.
 */
import { assertDecodable, bodyTooLarge, InputRefusedException } from '@sa/platform';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';

const decoders: Readonly<Record<string, (() => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress) | undefined>> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

export class StreamedTextBody {
  private used = false;

  /** Refuses at once (415) a coding or charset that could never be read. */
  constructor(
    private readonly req: Request,
    private readonly limitBytes: number,
  ) {
    assertDecodable(req);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) throw bodyTooLarge(limitBytes);
  }

  /** The lines (without their line break), in order; readable once. */
  async *lines(): AsyncGenerator<string> {
    if (this.used) throw new Error('the body has been read already');
    this.used = true;
    const coding = String(this.req.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    const decoder = decoders[coding]?.();
    const source: Readable = decoder ? this.req.pipe(decoder) : this.req;
    if (decoder) this.req.on('error', (error) => decoder.destroy(error));
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let size = 0;
    let rest = '';
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.limitBytes) throw bodyTooLarge(this.limitBytes);
        rest += decodeUtf8(utf8, chunk);
        const parts = rest.split('\n');
        rest = parts.pop() as string;
        for (const line of parts) yield checked(line);
      }
      rest += decodeUtf8(utf8);
      if (rest !== '') yield checked(rest);
    } catch (error) {
      throw refusalOf(error, decoder !== undefined, coding);
    } finally {
      // Stopped early (a refused line, an error): the rest of the body is drained unread.
      if (decoder) this.req.unpipe(decoder);
      this.req.resume();
    }
  }
}

function decodeUtf8(utf8: TextDecoder, chunk?: Buffer): string {
  try {
    return chunk ? utf8.decode(chunk, { stream: true }) : utf8.decode();
  } catch {
    throw new InputRefusedException(400, 'BODY_NOT_UTF8', 'body', 'must be valid UTF-8 text');
  }
}

function checked(line: string): string {
  if (line.includes('\u0000')) throw new InputRefusedException(400, 'NUL_CHARACTER', 'body', 'must not contain a NUL character');
  return line;
}

function refusalOf(error: unknown, inflating: boolean, coding: string): unknown {
  if (error instanceof InputRefusedException) return error;
  const code = (error as { code?: string }).code;
  if (code === 'ECONNRESET' || (error as Error).message === 'aborted') {
    return new InputRefusedException(400, 'BODY_ABORTED', 'body', 'the request ended before its body was complete');
  }
  if (inflating) {
    return new InputRefusedException(400, 'CORRUPT_CONTENT_ENCODING', 'body', `is not valid ${coding} data (${(error as Error).message})`);
  }
  return error;
}
