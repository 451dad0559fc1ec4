/**
 * The `resume-open-checks` job: finishes checks a run left open (the service stopped half-way, or
 * no policy was in force yet for the region). Idempotent: each run starts from the check's state,
 * and a check with nothing left to do is left alone.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type JobScope, LOGGER, type Logger, Scheduler } from '@sa/platform';
import { verificationSystem } from './check-commands';
import { CheckReadModel } from './check-read-model';
import { CheckRunner } from './check-runner';

export const resumeOpenChecksJob = 'resume-open-checks';

/** Checks per run, so one tick stays short; the next tick takes the rest. */
const batchSize = 50;

@Injectable()
export class ResumeOpenChecks implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly readModel: CheckReadModel,
    private readonly runner: CheckRunner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(resumeOpenChecksJob, (_now, scope) => this.run(scope), { regional: true });
  }

  /** Nothing is reported when no check is open, so an idle tick logs nothing. */
  async run(scope: JobScope = {}): Promise<{ open: number; completed: number; waiting: number; failed: number } | undefined> {
    const open = await this.readModel.model
      // Within the caller's region when a county user runs it (see the scheduler); region codes share their prefix with what they lie in.
      .find({ status: 'open', ...(scope.region === undefined ? {} : { region: { $regex: `^${scope.region.replace(/\D/g, '')}` } }) }, { region: 1 })
      .sort({ updatedAt: 1 })
      .limit(batchSize)
      .lean();
    if (open.length === 0) return undefined;
    const counts = { open: open.length, completed: 0, waiting: 0, failed: 0 };
    for (const check of open) {
      try {
        const outcome = await this.runner.run(check._id, { actor: verificationSystem(check.region), correlationId: check._id });
        if (outcome.state.status === 'completed') counts.completed += 1;
        else if (outcome.blocked) counts.waiting += 1;
      } catch (error) {
        // One check failing must not hold up the others; it is tried again on the next tick.
        counts.failed += 1;
        this.logger.error({ err: error, applicationId: check._id }, 'resuming an open check failed');
      }
    }
    return counts;
  }
}
