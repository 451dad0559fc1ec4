/**
 * Verifies the hash chains of every stream in every source store: the whole global log is read in
 * pages and each event is checked against the previous one of its stream (ChainVerifier's rule),
 * keeping only the last link per stream in memory. Afterwards each stream's recorded head (the
 * streams table) is compared with the last event actually found, which also catches events removed
 * from the END of a stream — a removal the chain alone cannot show.
 *
 * Reading and hashing are CPU work on the client, so with several workers each one takes a range
 * of positions (verify-worker.ts) and the ranges' chains are joined here (chain-spans.ts).
 */
import type { PositionRange, PostgresEventStore } from '@sa/event-store';
import { scanPages, type SourceStores } from '../sources/source-stores';
import { headMissing, type SourcedBreak } from './breaks';
import { joinRanges, RangeChains, type Link, type RangeScan } from './chain-spans';
import { runVerifyWorker } from './verify-worker-client';

export type { SourcedBreak } from './breaks';

export interface SourceVerification {
  readonly source: string;
  readonly schema: string;
  readonly events: number;
  readonly streams: number;
  readonly ok: boolean;
  readonly breaks: readonly SourcedBreak[];
  readonly ms: number;
}

export interface StoresVerification {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly ms: number;
  readonly eventsPerSecond: number;
  readonly sources: readonly SourceVerification[];
  /** The first broken link of each broken stream, every source. */
  readonly breaks: readonly SourcedBreak[];
}

interface HeadRow {
  stream_id: string;
  revision: string;
  last_hash: string;
}

/** Streams whose recorded head is not the last event found (taken before the scan, re-read when it differs). */
async function headMismatches(
  store: PostgresEventStore,
  heads: readonly HeadRow[],
  last: ReadonlyMap<string, Link>,
): Promise<{ stream: string; revision: number }[]> {
  const headOf = (h: HeadRow) => (Number(h.revision) >= 0 ? { revision: Number(h.revision), hash: h.last_hash } : undefined);
  const suspects = heads.filter((h) => headMissing(headOf(h), last.get(h.stream_id)));
  const confirmed: { stream: string; revision: number }[] = [];
  for (const head of suspects) {
    // A slow writer may hide an event from the global log for a moment; the stream read is exact.
    const [tip] = await store.readStream(head.stream_id, { direction: 'backwards', maxCount: 1, includeDeleted: true });
    if (headMissing(headOf(head), tip)) {
      confirmed.push({ stream: head.stream_id, revision: Number(head.revision) });
    }
  }
  return confirmed;
}

export async function scanRange(store: PostgresEventStore, pageSize: number, range: PositionRange): Promise<RangeScan> {
  const chains = new RangeChains();
  const read = (fromPosition: number) => store.readStoredInRange(range, { fromPosition, maxCount: pageSize });
  await scanPages(
    read,
    pageSize,
    (page) => {
      for (const event of page) chains.add(event);
    },
    range.from - 1,
  );
  return { events: chains.events, spans: chains.spans };
}

/** Joins a source's range scans (in log order) and checks the recorded heads against the chains' ends. */
async function concludeSource(
  source: { name: string; schema: string; store: PostgresEventStore },
  heads: readonly HeadRow[],
  scans: readonly RangeScan[],
  began: number,
): Promise<SourceVerification> {
  const { last, breaks } = joinRanges(scans.map((scan) => scan.spans));
  const broken = new Map<string, SourcedBreak>([...breaks].map(([stream, b]) => [stream, { source: source.name, stream, ...b }]));
  for (const mismatch of await headMismatches(source.store, heads, last)) {
    if (!broken.has(mismatch.stream))
      broken.set(mismatch.stream, { source: source.name, stream: mismatch.stream, revision: mismatch.revision, eventId: null, reason: 'head-mismatch' });
  }
  const found = [...broken.values()].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  return {
    source: source.name,
    schema: source.schema,
    events: scans.reduce((n, scan) => n + scan.events, 0),
    streams: last.size,
    ok: found.length === 0,
    breaks: found,
    ms: Math.round(performance.now() - began),
  };
}

async function recordedHeads(store: PostgresEventStore, schema: string): Promise<HeadRow[]> {
  return (await store.pool.query<HeadRow>(`select stream_id, revision, last_hash from "${schema}".streams`)).rows;
}

export interface VerifyOptions {
  readonly pageSize: number;
  /** Worker threads, each scanning one range of the log; 1 verifies in this thread. */
  readonly workers: number;
  /** Fewest events worth a worker (default 50,000): below that its start-up costs more than it saves. */
  readonly minEventsPerWorker?: number;
}

/** Verifies one source, its log split into `workers` ranges scanned in parallel worker threads (1: here). */
export async function verifySource(source: { name: string; schema: string; store: PostgresEventStore }, options: VerifyOptions & { databaseUrl: string }) {
  const began = performance.now();
  // Heads first: an event appended after this read can only make a head look older, never hide a removal.
  const heads = await recordedHeads(source.store, source.schema);
  const ranges = options.workers > 1 ? await source.store.splitLog(options.workers, options.minEventsPerWorker ?? 50_000) : [{ from: 1 }];
  const scans =
    ranges.length > 1
      ? await Promise.all(
          ranges.map((range) =>
            runVerifyWorker({ databaseUrl: options.databaseUrl, source: { name: source.name, schema: source.schema }, pageSize: options.pageSize, range }),
          ),
        )
      : [await scanRange(source.store, options.pageSize, ranges[0] as PositionRange)];
  return concludeSource(source, heads, scans, began);
}

export async function verifyStores(sources: SourceStores, options: VerifyOptions): Promise<StoresVerification> {
  const began = performance.now();
  const results: SourceVerification[] = [];
  // One source at a time; within a source the workers share the machine.
  for (const source of sources.all) results.push(await verifySource(source, { ...options, databaseUrl: sources.databaseUrl }));
  const ms = Math.max(1, Math.round(performance.now() - began));
  const events = results.reduce((n, r) => n + r.events, 0);
  const breaks = results.flatMap((r) => r.breaks);
  return {
    ok: breaks.length === 0,
    events,
    streams: results.reduce((n, r) => n + r.streams, 0),
    ms,
    eventsPerSecond: Math.round((events * 1000) / ms),
    sources: results,
    breaks,
  };
}
