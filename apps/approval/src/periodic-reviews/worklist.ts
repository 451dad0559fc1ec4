/**
 * The township worklist (定期核查工作台账): reviews due, overdue or awaiting a decision in the
 * caller's jurisdiction, by due date, in keyset pages read through the (phase, region, dueOn) index.
 */
import { Injectable } from '@nestjs/common';
import { chinaDate } from '@sa/domain-shared';
import { type AuthenticatedActor, Clock, isInJurisdiction } from '@sa/platform';
import { PeriodicReviewReadModel, type PeriodicReviewView } from './periodic-review-read-model';
import type { WorklistQuery } from './requests';

type WorklistStatus = 'due' | 'overdue' | 'awaiting-decision' | 'upcoming';

function statusOf(view: PeriodicReviewView, today: string): WorklistStatus {
  if (view.phase === 'scheduled') return 'upcoming';
  if (view.phase === 'rechecked') return 'awaiting-decision';
  return view.lapsed || (view.recheckDueBy !== undefined && view.recheckDueBy < today) ? 'overdue' : 'due';
}

function filterFor(status: WorklistStatus | undefined, today: string): Record<string, unknown> {
  switch (status) {
    case 'upcoming':
      return { phase: 'scheduled' };
    case 'awaiting-decision':
      return { phase: 'rechecked' };
    case 'due':
      return { phase: 'open', lapsed: false, recheckDueBy: { $gte: today } };
    case 'overdue':
      return { phase: 'open', $or: [{ lapsed: true }, { recheckDueBy: { $lt: today } }] };
    case undefined:
      return { phase: { $in: ['open', 'rechecked'] } };
  }
}

@Injectable()
export class PeriodicReviewWorklist {
  constructor(
    private readonly readModel: PeriodicReviewReadModel,
    private readonly clock: Clock,
  ) {}

  async list(query: WorklistQuery, actor: AuthenticatedActor) {
    const region = query.region ?? actor.orgUnit;
    if (!isInJurisdiction(actor, region)) return { items: [] };
    const today = chinaDate(this.clock.now());
    const conditions: Record<string, unknown>[] = [filterFor(query.status, today), { region: { $regex: `^${region}` } }];
    if (query.after) {
      const [dueOn, id] = query.after.split('|') as [string, string];
      conditions.push({ $or: [{ dueOn: { $gt: dueOn } }, { dueOn, _id: { $gt: id } }] });
    }
    const docs = await this.readModel.model
      .find({ $and: conditions })
      .sort({ dueOn: 1, _id: 1 })
      .limit(query.limit + 1)
      .lean();
    const page = docs.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((v) => ({
        applicationId: v._id,
        programme: v.programme,
        region: v.region,
        cycle: v.cycle,
        phase: v.phase,
        status: statusOf(v, today),
        dueOn: v.dueOn,
        ...(v.recheckDueBy ? { recheckDueBy: v.recheckDueBy } : {}),
        lapsed: v.lapsed,
        ...(v.proposedOutcome ? { proposedOutcome: v.proposedOutcome } : {}),
      })),
      ...(docs.length > query.limit && last ? { nextAfter: `${last.dueOn}|${last._id}` } : {}),
    };
  }
}
