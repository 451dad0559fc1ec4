/**
 * The bank's result file kept on disk while it is imported, so the import reads it more than once
 * instead of holding its parsed lines: a city's file of a million lines was a million result
 * objects (~200 bytes each) beside the folded run, and the service passed 2.5 GB importing it.
 * Written while the first pass parses it (the file's syntax, duplicates and control line); read
 * back chunk by chunk by the next passes (checked against the run, then appended). Lines are
 * stored as received, separated by LF (a line never holds one), and parsed again with the same
 * parser, so every pass sees the same results with the same line numbers.
 */
import { BankResultFileReader, type BankResult } from '@sa/domain-payments';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes of lines gathered before one write to the spool. */
const writeChunk = 1 << 20;

export class ResultSpool {
  private constructor(
    private readonly dir: string,
    private readonly path: string,
  ) {}

  /** Parses the lines while writing them to a new spool file; answers the spool and what the parser found. */
  static async write(lines: AsyncIterable<string> | Iterable<string>, reader: BankResultFileReader) {
    const dir = await mkdtemp(join(tmpdir(), 'bank-results-'));
    const spool = new ResultSpool(dir, join(dir, 'file.csv'));
    let handle: FileHandle | undefined;
    try {
      handle = await open(spool.path, 'w');
      let pending = '';
      for await (const line of lines) {
        reader.line(line);
        // Only the file's validity is wanted in this pass: its results are read again later.
        if (reader.pending >= 1000) reader.takeResults();
        pending += `${line}\n`;
        if (pending.length >= writeChunk) {
          await handle.write(pending);
          pending = '';
        }
      }
      await handle.write(pending);
      await handle.close();
      handle = undefined;
      return { spool, parsed: reader.finish() };
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await spool.discard();
      throw error;
    }
  }

  /** The file's results again, `size` at a time, in file order (the same parser, the same line numbers). */
  async *chunks(size: number): AsyncGenerator<BankResult[]> {
    const reader = new BankResultFileReader();
    let rest = '';
    for await (const text of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
      const lines = (rest + text).split('\n');
      rest = lines.pop() as string;
      for (const line of lines) {
        reader.line(line);
        if (reader.pending >= size) yield reader.takeResults();
      }
    }
    if (rest !== '') reader.line(rest);
    const last = reader.finish();
    // The spool was valid when written; a different answer now means it changed under us.
    if (!last.ok) throw new Error(`the spooled bank-result file no longer parses: ${last.errors[0]?.message ?? ''}`);
    if (last.results.length > 0) yield [...last.results];
  }

  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
