/**
 * Loads one case's complete history from the services' stores. The case index says which streams
 * to read; everything recorded after the index's last position is found by reading the rest of
 * each store's log, so a case is complete even while the index lags (or without any index: the CLI
 * reads the whole log). The events themselves always come from the stores, each stream read in
 * full and its hash chain verified on the way.
 */
import {
  applicationKey,
  assembleCaseHistory,
  type CaseHistory,
  joinKeysOf,
  leadIdsOf,
  leadKey,
  membersOf,
  record,
  residentKey,
  type SourcedEvent,
} from '@sa/domain-audit';
import { verifyChain } from '@sa/event-store';
import { headMissing, recordedHead, type SourcedBreak } from '../integrity/breaks';
import { scanStore, sourced, type SourceStores } from '../sources/source-stores';
import type { StreamDirectory, StreamRef } from './stream-directory';

export interface StreamCheck {
  readonly source: string;
  readonly stream: string;
  readonly events: number;
  readonly ok: boolean;
  readonly firstBreak?: SourcedBreak;
}

export interface LoadedCase {
  readonly history: CaseHistory;
  /** Every stream read for the case, with its hash-chain verification. */
  readonly streams: readonly StreamCheck[];
  readonly integrityOk: boolean;
}

const refId = (ref: StreamRef) => `${ref.source}\u0000${ref.stream}`;

/** The keys → streams of everything recorded after the directory's positions. */
class UnindexedTail {
  private readonly byKey = new Map<string, Map<string, StreamRef>>();

  static async read(sources: SourceStores, directory: StreamDirectory, pageSize: number): Promise<UnindexedTail> {
    const tail = new UnindexedTail();
    await Promise.all(
      sources.all.map((source) =>
        scanStore(
          source.store,
          pageSize,
          (page) => {
            for (const event of page) for (const key of joinKeysOf(event.data)) tail.add(key, { source: source.name, stream: event.stream });
          },
          directory.indexedThrough(source.name),
        ),
      ),
    );
    return tail;
  }

  private add(key: string, ref: StreamRef): void {
    const refs = this.byKey.get(key) ?? new Map<string, StreamRef>();
    refs.set(refId(ref), ref);
    this.byKey.set(key, refs);
  }

  lookup(keys: readonly string[]): StreamRef[] {
    return keys.flatMap((key) => [...(this.byKey.get(key)?.values() ?? [])]);
  }
}

/** The stream's chain, then its end against the recorded head. */
function checkStream(ref: StreamRef, recorded: Parameters<typeof verifyChain>[1], head: Awaited<ReturnType<typeof recordedHead>>): StreamCheck {
  const base = { source: ref.source, stream: ref.stream, events: recorded.length };
  const verified = verifyChain(ref.stream, recorded);
  if (!verified.ok) return { ...base, ok: false, firstBreak: { ...verified.firstBreak, source: ref.source } };
  if (head && headMissing(head, recorded.at(-1)))
    return { ...base, ok: false, firstBreak: { source: ref.source, stream: ref.stream, revision: head.revision, eventId: null, reason: 'head-mismatch' } };
  return { ...base, ok: true };
}

export class CaseHistoryLoader {
  constructor(
    private readonly sources: SourceStores,
    private readonly directory: StreamDirectory,
    private readonly pageSize = 5000,
  ) {}

  async load(applicationId: string): Promise<LoadedCase> {
    return this.loadWith(await UnindexedTail.read(this.sources, this.directory, this.pageSize), applicationId);
  }

  /** Several cases, the log's unindexed tail read once for all of them (the findings watch's pass). */
  async loadMany(applicationIds: Iterable<string>): Promise<Map<string, LoadedCase>> {
    const tail = await UnindexedTail.read(this.sources, this.directory, this.pageSize);
    const loaded = new Map<string, LoadedCase>();
    for (const id of applicationIds) loaded.set(id, await this.loadWith(tail, id));
    return loaded;
  }

  private async loadWith(tail: UnindexedTail, applicationId: string): Promise<LoadedCase> {
    const find = async (keys: string[]) => [...(await this.directory.lookup(keys)), ...tail.lookup(keys)];
    const read = new Map<string, { events: SourcedEvent[]; check: StreamCheck }>();
    await this.readStreams(await find([applicationKey(applicationId)]), read);
    const own = [...read.values()].flatMap((r) => r.events).filter((e) => record(e.data).applicationId === applicationId);
    const related = [...[...leadIdsOf(own)].map(leadKey), ...[...membersOf(own).keys()].map(residentKey)];
    await this.readStreams(await find(related), read);
    const all = [...read.values()];
    const history = assembleCaseHistory(
      applicationId,
      all.flatMap((r) => r.events),
      this.sources.order,
    );
    const streams = all
      .map((r) => r.check)
      .sort((a, b) => this.sources.order.indexOf(a.source) - this.sources.order.indexOf(b.source) || a.stream.localeCompare(b.stream));
    return { history, streams, integrityOk: streams.every((s) => s.ok) };
  }

  private async readStreams(refs: readonly StreamRef[], into: Map<string, { events: SourcedEvent[]; check: StreamCheck }>): Promise<void> {
    const fresh = [...new Map(refs.map((r) => [refId(r), r])).values()].filter((r) => !into.has(refId(r)));
    await Promise.all(
      fresh.map(async (ref) => {
        const { store, schema } = this.sources.get(ref.source);
        // The head first: anything appended meanwhile only makes the stream longer than it.
        const head = await recordedHead(store, schema, ref.stream);
        const recorded = await store.readStream(ref.stream, { includeDeleted: true });
        into.set(refId(ref), { events: recorded.map((e) => sourced(ref.source, e)), check: checkStream(ref, recorded, head) });
      }),
    );
  }
}
