/**
 * The bank results an import will record, kept on disk between checking the file and appending
 * them, so the import holds neither the file nor its parsed lines: a city's file of a million
 * lines was a million result objects (~200 bytes each) beside the folded run, and the service
 * passed 2.5 GB importing it. Only results that change something are written (a file imported
 * again writes nothing), one JSON line each, parsed from the file once: the append pass reads
 * them back with JSON.parse instead of the CSV parser.
 */
import type { BankResult } from '@sa/domain-payments';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes of lines gathered before one write to the spool. */
const writeChunk = 1 << 20;

export class ResultSpool {
  private pending = '';
  private written = 0;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private handle: FileHandle | undefined,
  ) {}

  static async create(): Promise<ResultSpool> {
    const dir = await mkdtemp(join(tmpdir(), 'bank-results-'));
    const path = join(dir, 'results.jsonl');
    try {
      return new ResultSpool(dir, path, await open(path, 'w'));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Results spooled so far. */
  get count(): number {
    return this.written;
  }

  async write(results: readonly BankResult[]): Promise<void> {
    if (!this.handle) throw new Error('the result spool is closed for writing');
    for (const result of results) this.pending += `${JSON.stringify(result)}\n`;
    this.written += results.length;
    if (this.pending.length >= writeChunk) await this.flush();
  }

  /** The spooled results, `size` at a time, in the order written. */
  async *chunks(size: number): AsyncGenerator<BankResult[]> {
    await this.flush();
    await this.handle?.close();
    this.handle = undefined;
    let chunk: BankResult[] = [];
    let rest = '';
    for await (const text of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
      const lines = (rest + text).split('\n');
      rest = lines.pop() as string;
      for (const line of lines) {
        chunk.push(JSON.parse(line) as BankResult);
        if (chunk.length >= size) {
          yield chunk;
          chunk = [];
        }
      }
    }
    if (rest !== '') chunk.push(JSON.parse(rest) as BankResult);
    if (chunk.length > 0) yield chunk;
  }

  /** Removes the file (and closes it if still open); safe to call more than once. */
  async discard(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await rm(this.dir, { recursive: true, force: true });
  }

  private async flush(): Promise<void> {
    if (!this.handle || this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    await this.handle.write(text);
  }
}
