/**
 * Continuous detection over the event flow. One catch-up subscription per source, from the
 * watch's own checkpoint, notes which cases each new event touches: its application directly, or
 * — for a county fact or a lead — the cases that resident or lead belongs to (case-links.ts). Every
 * few seconds the touched cases, and only they, are loaded through the case index and examined;
 * the duplicate-benefit check takes in every other case of their members, the temporary-assistance
 * checks every other temporary case of their household. Findings are recorded
 * once (and so published once); the checkpoint moves only after a pass succeeded, so a crash
 * examines the same cases again rather than skip one.
 *
 * A large backlog (first start over a long history, a long outage) is cheaper to read once than
 * case by case: past `backlogScanThreshold` cases the pass is a full scan instead.
 */
import {
  detectDuplicateBenefits,
  detectInCase,
  detectTemporaryAssistancePatterns,
  joinKeysOf,
  membersOf,
  residentKey,
  temporaryHouseholdKeysOf,
  type CaseHistory,
  type Finding,
} from '@sa/domain-audit';
import type { RecordedEvent, Subscription } from '@sa/event-store';
import type { JobResult, Logger } from '@sa/platform';
import { deterministicUuid } from '@sa/platform';
import type { Collection, Db } from 'mongodb';
import type { CaseHistoryLoader } from '../cases/case-history-loader';
import type { AuditSource, SourceStores } from '../sources/source-stores';
import type { CaseLinks } from './case-links';
import { byTheService } from './audit-system-actor';
import type { FindingsRecorder } from './findings-recorder';
import type { FindingsScanner } from './findings-scanner';

export interface FindingsWatchOptions {
  readonly intervalMs: number;
  readonly backlogScanThreshold: number;
}

interface CheckpointDocument {
  _id: string;
  position: number;
}

interface Touched {
  readonly applications: Set<string>;
  /** Resident and lead keys, resolved to cases at the pass. */
  readonly others: Set<string>;
}

export class FindingsWatch {
  private touched: Touched = { applications: new Set(), others: new Set() };
  private readonly seen = new Map<string, number>();
  private readonly saved = new Map<string, number>();
  private readonly subscriptions: Subscription[] = [];
  private readonly caughtUpSources = new Set<string>();
  private readonly checkpoints: Collection<CheckpointDocument>;
  private timer?: NodeJS.Timeout;
  private passing?: Promise<JobResult>;
  private stopped = false;

  constructor(
    private readonly sources: SourceStores,
    private readonly loader: CaseHistoryLoader,
    private readonly links: CaseLinks,
    private readonly recorder: FindingsRecorder,
    private readonly scanner: FindingsScanner,
    db: Db,
    private readonly logger: Logger,
    private readonly options: FindingsWatchOptions,
  ) {
    this.checkpoints = db.collection<CheckpointDocument>('audit_findings_watch');
  }

  /** Starts following from the saved checkpoints (again after a stop: a replica that leads anew). */
  async start(): Promise<void> {
    this.stopped = false;
    this.subscriptions.length = 0;
    this.caughtUpSources.clear();
    this.touched = { applications: new Set(), others: new Set() };
    for (const source of this.sources.all) {
      const saved = await this.checkpoints.findOne({ _id: source.name });
      this.seen.set(source.name, saved?.position ?? 0);
      this.saved.set(source.name, saved?.position ?? 0);
      this.follow(source, saved?.position ?? 0);
    }
    this.timer = setInterval(() => void this.pass(new Date()).catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    await this.passing?.catch(() => undefined);
  }

  private follow(source: AuditSource, after: number): void {
    const subscription = source.store.subscribeToAll({
      ...(after > 0 ? { afterPosition: after } : {}),
      onEvent: async (event) => this.note(source.name, event),
      onCaughtUp: () => void this.caughtUpSources.add(source.name),
      onError: (error) => {
        if (this.stopped) return;
        this.logger.warn({ err: error, source: source.name }, 'findings watch: source unreadable; following it again shortly');
        setTimeout(() => !this.stopped && this.follow(source, this.seen.get(source.name) ?? 0), 5_000).unref();
      },
    });
    this.subscriptions.push(subscription);
  }

  /** The last position of the source the watch has noted (for status and tests). */
  seenThrough(source: string): number {
    return this.seen.get(source) ?? 0;
  }

  /** Whether every source's log has been read to its end once (everything recorded so far is noted). */
  get caughtUp(): boolean {
    return this.caughtUpSources.size === this.sources.all.length;
  }

  private note(source: string, event: RecordedEvent): void {
    for (const key of joinKeysOf(event.data)) {
      if (key.startsWith('application:')) this.touched.applications.add(key.slice('application:'.length));
      else this.touched.others.add(key);
    }
    this.seen.set(source, event.position);
  }

  /** Examines the cases touched since the last pass (one pass at a time). */
  pass(now: Date): Promise<JobResult> {
    this.passing ??= this.examineTouched(now).finally(() => (this.passing = undefined));
    return this.passing;
  }

  private async examineTouched(now: Date): Promise<JobResult> {
    const positions = new Map(this.seen);
    const touched = this.touched;
    this.touched = { applications: new Set(), others: new Set() };
    if (touched.applications.size + touched.others.size === 0) return this.saveCheckpoints(positions, {});
    try {
      const result = touched.applications.size > this.options.backlogScanThreshold ? await this.scanEverything(now) : await this.examine(touched, now);
      return await this.saveCheckpoints(positions, result);
    } catch (error) {
      // Examined again at the next pass, with whatever arrived meanwhile.
      for (const id of touched.applications) this.touched.applications.add(id);
      for (const key of touched.others) this.touched.others.add(key);
      this.logger.warn({ err: error, cases: touched.applications.size }, 'findings watch: pass failed; will retry');
      throw error;
    }
  }

  private async examine(touched: Touched, now: Date): Promise<JobResult> {
    const loaded = new Map<string, CaseHistory>();
    const load = async (ids: Iterable<string>) => {
      const fresh = [...ids].filter((id) => !loaded.has(id));
      for (const [id, one] of await this.loader.loadMany(fresh)) loaded.set(id, one.history);
    };
    await load(touched.applications);
    await this.links.addAll([...loaded.values()]);
    await load(await this.links.applicationsOf([...touched.others]));
    const examined = [...loaded.values()];
    // The same resident in another case: every case of the examined cases' members takes part.
    const members = examined.flatMap((h) => [...membersOf(h.events).keys()].map(residentKey));
    await load(await this.links.applicationsOf(members));
    // A temporary case's household: its other temporary cases (the yearly cap, split approvals).
    const households = examined.flatMap(temporaryHouseholdKeysOf);
    await load(await this.links.applicationsOf(households));
    const all = [...loaded.values()];
    const found: Finding[] = [...examined.flatMap(detectInCase), ...detectDuplicateBenefits(all), ...detectTemporaryAssistancePatterns(all)];
    return this.record(found, now, { cases: examined.length });
  }

  private async scanEverything(now: Date): Promise<JobResult> {
    const result = await this.scanner.scan(byTheService, now);
    await this.links.addAll(result.histories);
    return result.newFindings > 0 ? { cases: result.cases, newFindings: result.newFindings, fullScan: true } : { cases: result.cases, fullScan: true };
  }

  private async record(found: readonly Finding[], now: Date, summary: { cases: number }): Promise<JobResult> {
    const scanId = deterministicUuid('audit-watch', now.toISOString());
    const { newFindings, unattributed } = await this.recorder.recordAll(found, byTheService, now.toISOString(), scanId);
    if (newFindings > 0) this.logger.info({ ...summary, newFindings }, 'findings watch: new findings recorded');
    if (unattributed > 0)
      this.logger.warn({ unattributed }, 'findings watch: findings whose cases share no region were not recorded; an auditor’s scan records them');
    return newFindings > 0 ? { ...summary, newFindings } : summary;
  }

  private async saveCheckpoints(positions: ReadonlyMap<string, number>, result: JobResult): Promise<JobResult> {
    for (const [source, position] of positions) {
      if (position <= (this.saved.get(source) ?? 0)) continue;
      await this.checkpoints.updateOne({ _id: source }, { $set: { position } }, { upsert: true });
      this.saved.set(source, position);
    }
    return result;
  }
}
