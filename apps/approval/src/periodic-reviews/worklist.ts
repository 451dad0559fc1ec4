/**
 * The township worklist (定期核查工作台账): reviews due, overdue or awaiting a decision in the
 * caller's jurisdiction, by due date, in keyset pages read through the schedule table's index.
 */
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate } from '@sa/domain-shared';
import { type AuthenticatedActor, Clock, isInJurisdiction } from '@sa/platform';
import type { WorklistQuery } from './requests';
import { REVIEW_SCHEDULE } from './review-schedule.provider';
import type { ReviewScheduleTable, ScheduledState, WorklistStatus } from './review-schedule-table';

function statusOf(review: ScheduledState, today: string): WorklistStatus {
  if (review.phase === 'scheduled') return 'upcoming';
  if (review.phase === 'rechecked') return 'awaiting-decision';
  return review.lapsed || (review.recheckDueBy !== undefined && review.recheckDueBy < today) ? 'overdue' : 'due';
}

@Injectable()
export class PeriodicReviewWorklist {
  constructor(
    @Inject(REVIEW_SCHEDULE) private readonly schedule: ReviewScheduleTable,
    private readonly clock: Clock,
  ) {}

  async list(query: WorklistQuery, actor: AuthenticatedActor) {
    const region = query.region ?? actor.orgUnit;
    if (!isInJurisdiction(actor, region)) return { items: [] };
    const today = chinaDate(this.clock.now());
    const after = query.after ? { dueOn: query.after.slice(0, 10), id: query.after.slice(11) } : undefined;
    const rows = await this.schedule.worklist(region, today, query.status, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        applicationId: r.applicationId,
        programme: r.programme,
        region: r.region,
        cycle: r.cycle,
        phase: r.phase,
        status: statusOf(r, today),
        dueOn: r.dueOn,
        ...(r.recheckDueBy ? { recheckDueBy: r.recheckDueBy } : {}),
        lapsed: r.lapsed,
        ...(r.recheck ? { proposedOutcome: r.recheck.proposal.outcome } : {}),
      })),
      ...(rows.length > query.limit && last ? { nextAfter: `${last.dueOn}|${last.applicationId}` } : {}),
    };
  }
}
