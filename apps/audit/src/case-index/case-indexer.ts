/**
 * Feeds the case index from every source: one catch-up subscription per service store, from a
 * checkpoint kept beside the index, turning live. A source that is not there yet (its service has
 * not created its schema) or fails is retried with a growing pause, without stopping the others.
 * `indexedThrough(source)` says how far the index is complete, so a replay can read the rest.
 *
 * One writer: only the leader replica (Leadership) follows the sources and writes the index; the
 * others read the checkpoints it saved, so their `indexedThrough` never claims more than is there.
 */
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { joinKeysOf } from '@sa/domain-audit';
import type { RecordedEvent, Subscription } from '@sa/event-store';
import { Leadership, type LedTask, LOGGER, type Logger } from '@sa/platform';
import { type AuditSource, SourceStores } from '../sources/source-stores';
import { SOURCE_STORES } from '../tokens';
import { CaseIndex } from './case-index';

interface SourceProgress {
  position: number;
  saved: number;
  caughtUp: boolean;
  subscription?: Subscription;
  retryMs: number;
  retryTimer?: NodeJS.Timeout;
}

@Injectable()
export class CaseIndexer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly progress = new Map<string, SourceProgress>();
  /** Entries already written, so a busy stream costs one index write, not one per event. */
  private readonly known = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    @Inject(SOURCE_STORES) private readonly sources: SourceStores,
    private readonly index: CaseIndex,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly leadership: Leadership,
  ) {}

  private readonly writing: LedTask = {
    name: 'case-index',
    start: async () => {
      this.stopping = false;
      await this.loadCheckpoints();
      for (const source of this.sources.all) this.subscribe(source);
    },
    stop: () => this.stopWriting(),
  };

  async onApplicationBootstrap(): Promise<void> {
    await this.loadCheckpoints();
    // The leader saves its checkpoints; a follower reads them (how far the leader's index is complete).
    this.flushTimer = setInterval(() => {
      const step = this.leadership.isLeader ? this.flush() : this.loadCheckpoints();
      void step.catch((error: unknown) => this.logger.warn({ err: error }, 'case index checkpoint not saved or read; will retry'));
    }, 500);
    this.flushTimer.unref();
    await this.leadership.lead(this.writing);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.leadership.release(this.writing);
  }

  private async loadCheckpoints(): Promise<void> {
    for (const source of this.sources.all) {
      const position = await this.index.checkpoint(source.name);
      const known = this.progress.get(source.name);
      if (known?.subscription) continue;
      this.progress.set(source.name, { position, saved: position, caughtUp: known?.caughtUp ?? false, retryMs: 1000 });
    }
  }

  private async stopWriting(): Promise<void> {
    this.stopping = true;
    for (const p of this.progress.values()) clearTimeout(p.retryTimer);
    await Promise.all([...this.progress.values()].map((p) => p.subscription?.stop()));
    await this.flush().catch(() => undefined);
    for (const p of this.progress.values()) p.subscription = undefined;
  }

  /** The position up to which every event of the source is in the index (0: nothing yet). */
  indexedThrough(source: string): number {
    return this.progress.get(source)?.position ?? 0;
  }

  get caughtUp(): boolean {
    return [...this.progress.values()].every((p) => p.caughtUp);
  }

  private subscribe(source: AuditSource): void {
    const progress = this.progress.get(source.name) as SourceProgress;
    progress.subscription = source.store.subscribeToAll({
      ...(progress.position > 0 ? { afterPosition: progress.position } : {}),
      onEvent: (event) => this.apply(source.name, event),
      onCaughtUp: () => {
        progress.caughtUp = true;
        progress.retryMs = 1000;
      },
      onError: (error) => {
        if (this.stopping) return;
        this.logger.warn({ err: error, source: source.name, retryInMs: progress.retryMs }, 'case index: source unreadable; retrying');
        progress.retryTimer = setTimeout(() => this.subscribe(source), progress.retryMs);
        progress.retryTimer.unref();
        progress.retryMs = Math.min(progress.retryMs * 2, 30_000);
      },
    });
  }

  private async apply(source: string, event: RecordedEvent): Promise<void> {
    for (const key of joinKeysOf(event.data)) {
      const entry = `${key}|${source}|${event.stream}`;
      if (this.known.has(entry)) continue;
      await this.index.add(key, { source, stream: event.stream });
      if (this.known.size > 200_000) this.known.clear();
      this.known.add(entry);
    }
    (this.progress.get(source) as SourceProgress).position = event.position;
  }

  private async flush(): Promise<void> {
    for (const [source, p] of this.progress) {
      if (p.position === p.saved) continue;
      const position = p.position;
      await this.index.saveCheckpoint(source, position);
      p.saved = position;
    }
  }
}
