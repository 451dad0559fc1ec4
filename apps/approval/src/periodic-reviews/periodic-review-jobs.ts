/**
 * Two jobs make reviews happen by themselves. 'periodic-reviews-open' opens every scheduled review
 * whose due date has come; 'periodic-reviews-lapse' suspends payment for each open review whose
 * re-check deadline passed. Each reads only what is due through its index (a batch a run: cost grows
 * with what falls due, never with the caseload) and is idempotent: a review opened or lapsed
 * meanwhile is refused by the decider and counted as skipped.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type Actor, ancestorAt, chinaDate, parseRegionCode } from '@sa/domain-shared';
import { CommandRejectedError, type JobScope, type Logger, LOGGER, Scheduler } from '@sa/platform';
import { PeriodicReviewCommands } from './periodic-review-commands';
import { REVIEW_SCHEDULE } from './review-schedule.provider';
import type { ReviewScheduleTable, ScheduledState } from './review-schedule-table';

export const openReviewsJob = 'periodic-reviews-open';
export const lapseReviewsJob = 'periodic-reviews-lapse';
const batchSize = 500;

/** The approval service acting in the county of the case. */
export function reviewSystemActor(region: string): Actor {
  const code = parseRegionCode(region);
  return { userId: 'approval-service', role: 'county-system', orgUnit: ancestorAt(code, 'county') ?? code };
}

type RunResult = { done: number; skipped: number; failed: number };

@Injectable()
export class PeriodicReviewJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    @Inject(REVIEW_SCHEDULE) private readonly schedule: ReviewScheduleTable,
    private readonly commands: PeriodicReviewCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(openReviewsJob, (now, scope) => this.openDue(now, scope), { regional: true });
    this.scheduler.register(lapseReviewsJob, (now, scope) => this.lapseOverdue(now, scope), { regional: true });
  }

  async openDue(now: Date, scope: JobScope = {}): Promise<RunResult> {
    const due = await this.schedule.due(chinaDate(now), batchSize, scope.region);
    return this.each(
      due,
      'opening a due review failed',
      async (review, context) => {
        const opened = await this.commands.open(review.applicationId, review.region, now, context);
        return opened !== undefined;
      },
      (review) => `open-${review.applicationId}-${review.cycle}`,
    );
  }

  async lapseOverdue(now: Date, scope: JobScope = {}): Promise<RunResult> {
    const overdue = await this.schedule.overdue(chinaDate(now), batchSize, scope.region);
    return this.each(
      overdue,
      'lapsing an overdue review failed',
      async (review, context) => {
        await this.commands.lapse(review.applicationId, now, context);
        return true;
      },
      (review) => `lapse-${review.applicationId}-${review.cycle}`,
    );
  }

  private async each(
    reviews: readonly ScheduledState[],
    failure: string,
    step: (review: ScheduledState, context: { actor: Actor; correlationId: string; idempotencyKey: string }) => Promise<boolean>,
    key: (review: ScheduledState) => string,
  ): Promise<RunResult> {
    const result = { done: 0, skipped: 0, failed: 0 };
    for (const review of reviews) {
      const context = { actor: reviewSystemActor(review.region), correlationId: review.applicationId, idempotencyKey: key(review) };
      try {
        if (await step(review, context)) result.done++;
        else result.skipped++;
      } catch (error) {
        if (error instanceof CommandRejectedError) result.skipped++;
        else {
          result.failed++;
          this.logger.error({ err: error, applicationId: review.applicationId, cycle: review.cycle }, failure);
        }
      }
    }
    return result;
  }
}
