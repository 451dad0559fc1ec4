/**
 * Verifying every chain of every store takes minutes on a county's store, far too long for one HTTP
 * request, so it runs in the background: `start` answers at once with the run, which is looked up
 * later by its id. One run at a time: verification is CPU-heavy, so asking while one is going
 * gets that run rather than a second.
 *
 * Runs are kept in memory, the last `keptRuns` only. That is enough: a run only reads, so it can
 * be repeated at any time with the same answer for the same stores, and the outcome of each run
 * (who asked, ok, events, streams, breaks, ms; or the error of a run that broke off) is also
 * recorded in the audit log, which is durable.
 * A restart loses only the list of recent runs.
 */
import { type BeforeApplicationShutdown, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Actor } from '@sa/domain-shared';
import { Clock, CONFIG, LOGGER, type Logger } from '@sa/platform';
import { randomUUID } from 'node:crypto';
import { AuditRecorder } from '../audit-log/audit-recorder';
import type { Config } from '../config';
import type { SourceStores } from '../sources/source-stores';
import { SOURCE_STORES } from '../tokens';
import { CHECKPOINTS, type Checkpoints } from '../checkpoints/checkpoints';
import { type StoresVerification, verifyStores } from './store-verifier';

export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface IntegrityRun {
  readonly runId: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly requestedBy: Pick<Actor, 'userId' | 'role' | 'orgUnit'>;
  /** What verifyStores found (succeeded runs only). */
  readonly result?: StoresVerification;
  /** Why the run failed (failed runs only). */
  readonly error?: string;
}

/** Runs remembered; older ones are forgotten (their outcome stays in the audit log). */
export const keptRuns = 50;
/** How long shutdown waits for a running verification before letting the service stop anyway. */
export const shutdownGraceMs = 10_000;

@Injectable()
export class IntegrityRuns implements BeforeApplicationShutdown {
  /** By run id, oldest first (a Map keeps insertion order). */
  private readonly runs = new Map<string, IntegrityRun>();
  private current?: { readonly runId: string; readonly done: Promise<void> };
  private stopping = false;

  constructor(
    @Inject(SOURCE_STORES) private readonly sources: SourceStores,
    @Inject(CONFIG) private readonly config: Config,
    private readonly recorder: AuditRecorder,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CHECKPOINTS) private readonly checkpoints: Checkpoints | null,
  ) {}

  /** Starts a run, or gives the one still running (started: false). */
  start(actor: Actor): { run: IntegrityRun; started: boolean } {
    const running = this.current && this.runs.get(this.current.runId);
    if (running) return { run: running, started: false };
    if (this.stopping) throw new ServiceUnavailableException('the audit service is shutting down; ask again once it is back');
    const run: IntegrityRun = {
      runId: randomUUID(),
      status: 'running',
      startedAt: this.clock.now().toISOString(),
      requestedBy: { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit },
    };
    this.remember(run);
    this.logger.info({ runId: run.runId, requestedBy: run.requestedBy }, 'integrity verification started');
    this.current = { runId: run.runId, done: this.execute(run, actor) };
    return { run, started: true };
  }

  get(runId: string): IntegrityRun | undefined {
    return this.runs.get(runId);
  }

  /** Newest first. */
  recent(limit = keptRuns): IntegrityRun[] {
    return [...this.runs.values()].reverse().slice(0, limit);
  }

  /**
   * Lets a nearly done run finish (and be recorded) before the stores close. A long one is not waited
   * for: its reads then fail on the closed stores, which ends it as failed (caught and logged), and on
   * SIGTERM/SIGINT Nest ends the process after closing, worker threads included. Asking again verifies again.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const done = this.current?.done;
    if (!done) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, shutdownGraceMs)));
    await Promise.race([done, grace]);
    clearTimeout(timer);
  }

  /** Never rejects: a failure becomes the run's outcome (and a log line), not an unhandled rejection. */
  private async execute(run: IntegrityRun, actor: Actor): Promise<void> {
    try {
      // The record is written (and the run reported succeeded) only once verified: never an unrecorded answer.
      const result = await this.recorder.run({ actor, channel: 'api', query: 'all-integrity', parameters: { runId: run.runId } }, async () => {
        const chains = await verifyStores(this.sources, { pageSize: this.config.AUDIT_SCAN_PAGE_SIZE, workers: this.config.AUDIT_INTEGRITY_WORKERS });
        // Against the signed checkpoints too: a rewrite with recomputed hashes passes the chains, not them.
        const value = this.checkpoints ? await this.checkpoints.verified(chains) : chains;
        return { value, result: summary(value) };
      });
      this.finish(run, { status: 'succeeded', result });
      this.logger.info({ runId: run.runId, ...summary(result) }, 'integrity verification finished');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.finish(run, { status: 'failed', error: message });
      this.logger.error({ runId: run.runId, err: error }, 'integrity verification failed');
    }
  }

  private finish(run: IntegrityRun, outcome: Pick<IntegrityRun, 'status' | 'result' | 'error'>): void {
    this.remember({ ...run, ...outcome, finishedAt: this.clock.now().toISOString() });
    if (this.current?.runId === run.runId) this.current = undefined;
  }

  private remember(run: IntegrityRun): void {
    this.runs.set(run.runId, run);
    for (const oldest of this.runs.keys()) {
      if (this.runs.size <= keptRuns) break;
      this.runs.delete(oldest);
    }
  }
}

/** The figures of a verification, as the audit log and the run list show them. */
export function summary(value: StoresVerification) {
  return { ok: value.ok, events: value.events, streams: value.streams, breaks: value.breaks.length, ms: value.ms };
}
