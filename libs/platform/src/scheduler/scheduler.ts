/**
 * Time-driven steps (a public notice ending, the monthly payroll, a referral unanswered too long)
 * run as named jobs: on an interval, and on demand through POST /admin/jobs/:name/run. Jobs take
 * the time from the injected Clock, so tests move the clock instead of waiting. A job never runs
 * twice at once; a failure is logged and the next tick tries again (jobs must be idempotent).
 *
 * A tick runs every job for every region. A run on demand has a scope: a county user's is their
 * region, so a job registered as `regional` acts only on that region; a job that cannot be scoped
 * is run on demand by a platform operator only (jobs.controller.ts).
 *
 * With several replicas, only the leader ticks (leadership.ts): a scheduled run happens on one
 * replica at a time, and moves to another within seconds when the leader dies. A run on demand
 * runs where it is asked (jobs stay idempotent for that, and for a run cut short by a crash).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { BaseConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { CONFIG, LOGGER } from '../platform.tokens';
import { Leadership, type LedTask } from '../leadership/leadership';
import { type Counter, type Histogram, MetricsRegistry } from '../metrics/metrics-registry';
import { Clock } from '../time/clock';

export interface JobResult {
  readonly [key: string]: unknown;
}

/** Where a run acts: within one (normalised) region, or, with no region, everywhere. */
export interface JobScope {
  readonly region?: string;
}

export type Job = (now: Date, scope: JobScope) => Promise<JobResult | void>;

export interface JobOptions {
  /** The job honours `scope.region`: it acts only on what lies within it. */
  readonly regional?: boolean;
}

@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs = new Map<string, Job>();
  private readonly regionalJobs = new Set<string>();
  private readonly running = new Map<string, Promise<JobResult | void>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) private readonly config: BaseConfig,
    private readonly leadership: Leadership,
    metrics: MetricsRegistry,
  ) {
    this.runs = metrics.counter('sa_job_runs_total', 'Job runs by job, trigger (tick: scheduled on the leader; demand: POST /admin/jobs) and outcome');
    this.durations = metrics.histogram('sa_job_duration_seconds', 'Job run duration by job', [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600]);
  }

  private readonly runs: Counter;
  private readonly durations: Histogram;

  register(name: string, job: Job, options: JobOptions = {}): void {
    this.jobs.set(name, job);
    if (options.regional) this.regionalJobs.add(name);
  }

  isRegional(name: string): boolean {
    return this.regionalJobs.has(name);
  }

  get jobNames(): string[] {
    return [...this.jobs.keys()];
  }

  /**
   * Runs a job now (or joins the run in progress for the same scope: a county's run never answers
   * with another scope's result). A scoped run of a job that is not regional is refused.
   */
  async run(name: string, scope: JobScope = {}, trigger: 'tick' | 'demand' = 'demand'): Promise<JobResult | void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}; jobs: ${this.jobNames.join(', ')}`);
    if (scope.region !== undefined && !this.isRegional(name)) throw new Error(`job ${name} runs for every region; it cannot be run for region ${scope.region}`);
    const key = `${name}@${scope.region ?? '*'}`;
    const inProgress = this.running.get(key);
    if (inProgress) return inProgress;
    const stop = this.durations.startTimer({ job: name });
    const run = job(this.clock.now(), scope).then(
      (result) => {
        this.runs.inc({ job: name, trigger, outcome: 'ok' });
        return result;
      },
      (error: unknown) => {
        this.runs.inc({ job: name, trigger, outcome: 'failed' });
        throw error;
      },
    );
    void run
      .finally(() => {
        stop();
        this.running.delete(key);
      })
      .catch(() => undefined);
    this.running.set(key, run);
    return run;
  }

  /** Ticks while this replica leads: started and stopped by the leadership. */
  private readonly ticking: LedTask = {
    name: 'scheduler',
    start: () => {
      this.timer = setInterval(() => void this.tick(), this.config.SCHEDULER_INTERVAL_MS);
      this.timer.unref();
    },
    stop: async () => {
      clearInterval(this.timer);
      this.timer = undefined;
      await Promise.allSettled([...this.running.values()]);
    },
  };

  async onApplicationBootstrap(): Promise<void> {
    if (this.jobs.size > 0) await this.leadership.lead(this.ticking);
  }

  async onModuleDestroy(): Promise<void> {
    await this.leadership.release(this.ticking);
    await Promise.allSettled([...this.running.values()]);
  }

  private async tick(): Promise<void> {
    for (const name of this.jobs.keys()) {
      try {
        const result = await this.run(name, {}, 'tick');
        if (result && Object.keys(result).length > 0) this.logger.info({ job: name, ...result }, 'scheduled job ran');
      } catch (error) {
        this.logger.error({ err: error, job: name }, 'scheduled job failed; it will run again on the next tick');
      }
    }
  }
}
