/**
 * Time-driven steps (a public notice ending, the monthly payroll, a referral unanswered too long)
 * run as named jobs: on an interval, and on demand through POST /admin/jobs/:name/run. Jobs take
 * the time from the injected Clock, so tests move the clock instead of waiting. A job never runs
 * twice at once; a failure is logged and the next tick tries again (jobs must be idempotent).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { BaseConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { CONFIG, LOGGER } from '../platform.tokens';
import { Clock } from '../time/clock';

export interface JobResult {
  readonly [key: string]: unknown;
}

export type Job = (now: Date) => Promise<JobResult | void>;

@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, Promise<JobResult | void>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) private readonly config: BaseConfig,
  ) {}

  register(name: string, job: Job): void {
    this.jobs.set(name, job);
  }

  get jobNames(): string[] {
    return [...this.jobs.keys()];
  }

  /** Runs a job now (or joins the run already in progress). */
  async run(name: string): Promise<JobResult | void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}; jobs: ${this.jobNames.join(', ')}`);
    const inProgress = this.running.get(name);
    if (inProgress) return inProgress;
    const run = job(this.clock.now()).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.SCHEDULER_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  private async tick(): Promise<void> {
    for (const name of this.jobs.keys()) {
      try {
        const result = await this.run(name);
        if (result && Object.keys(result).length > 0) this.logger.info({ job: name, ...result }, 'scheduled job ran');
      } catch (error) {
        this.logger.error({ err: error, job: name }, 'scheduled job failed; it will run again on the next tick');
      }
    }
  }
}
