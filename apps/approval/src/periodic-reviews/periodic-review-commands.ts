/**
 * The thin command side of periodic reviews: read the review's stream once, take the time from the
 * service Clock and the figures from the regional policy in force, let the decider decide, append.
 */
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  caseDecider,
  periodicReviewDecider,
  type PeriodicReviewCommand,
  type PeriodicReviewState,
  type Reason,
  type ReviewOutcome,
  amountOwed,
} from '@sa/domain-approval';
import { type Actor, chinaDate, fen } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import {
  assertJurisdiction,
  type AuthenticatedActor,
  Clock,
  type CommandContext,
  EVENT_STORE,
  executeCommand,
  loadAggregate,
  RegionalPolicies,
} from '@sa/platform';
import { caseStream } from '../cases/case-stream';
import { periodicReviewStream } from './integration';
import { reviewPolicyOrRefuse, reviewTermsIn } from './review-terms';

export interface RecheckRequest {
  readonly householdSize: number;
  readonly countedMonthlyIncomeFen: number;
  readonly incomeFromEmployment: boolean;
  readonly membersAbleToWork: boolean;
  readonly irregularIncome: boolean;
  readonly checkId?: string | undefined;
  readonly findings: string;
}

export interface DecisionRequest {
  readonly outcome: ReviewOutcome;
  readonly reasons: Reason[];
}

/** A command caused by a message or a job, acting as the service in the case's county. */
export type SystemContext = CommandContext & { readonly actor: Actor };

const actorOf = (a: Actor): Actor => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

/** Cases opened before the basis was kept are reviewed at the shorter interval: the safer side. */
const unknownBasis = { membersAbleToWork: true, irregularIncome: true };

@Injectable()
export class PeriodicReviewCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly policies: RegionalPolicies,
  ) {}

  /**
   * The first review of an approved case, from the case's own stream (the household figures of its
   * check, the review basis of its application) and the policy in force for the benefit's first month.
   * Answers what happened; 'no-policy' when the region runs no periodic reviews.
   */
  async scheduleFirst(
    applicationId: string,
    benefitStartMonth: string,
    context: SystemContext,
  ): Promise<'scheduled' | 'already-scheduled' | 'no-policy' | 'not-approved'> {
    const { state: caseState } = await loadAggregate(this.store, caseStream(applicationId), caseDecider);
    if (caseState.phase !== 'approved') return 'not-approved';
    const { facts, check } = caseState;
    const terms = reviewTermsIn(this.policies, facts.region, `${benefitStartMonth}-01`);
    if (!terms) return 'no-policy';
    const household = {
      householdSize: check.householdSize,
      countedMonthlyIncomeFen: check.countedMonthlyIncomeFen,
      standardFen: check.standardFen,
      monthlyAmountFen: amountOwed(facts.programme, check),
    };
    const loaded = await loadAggregate(this.store, periodicReviewStream(applicationId), periodicReviewDecider);
    if (loaded.state.phase !== 'unscheduled') return 'already-scheduled';
    const command: PeriodicReviewCommand = {
      type: 'ScheduleFirstReview',
      applicationId,
      programme: facts.programme,
      region: facts.region,
      benefitStartMonth,
      household,
      basis: facts.reviewBasis ?? unknownBasis,
      terms,
      scheduledBy: context.actor,
      scheduledAt: this.clock.now().toISOString(),
    };
    await executeCommand(this.store, periodicReviewStream(applicationId), periodicReviewDecider, command, context, { from: loaded });
    return 'scheduled';
  }

  /** Opens a due review (the job). Undefined when the region has no review terms in force today. */
  async open(applicationId: string, region: string, now: Date, context: SystemContext): Promise<PeriodicReviewState | undefined> {
    const today = chinaDate(now);
    const terms = reviewTermsIn(this.policies, region, today);
    if (!terms) return undefined;
    const command: PeriodicReviewCommand = { type: 'OpenReview', applicationId, today, terms, openedBy: context.actor, openedAt: now.toISOString() };
    return (await executeCommand(this.store, periodicReviewStream(applicationId), periodicReviewDecider, command, context)).state;
  }

  async lapse(applicationId: string, now: Date, context: SystemContext): Promise<PeriodicReviewState> {
    const command: PeriodicReviewCommand = { type: 'LapseReview', applicationId, today: chinaDate(now), lapsedBy: context.actor, lapsedAt: now.toISOString() };
    return (await executeCommand(this.store, periodicReviewStream(applicationId), periodicReviewDecider, command, context)).state;
  }

  async recheck(applicationId: string, body: RecheckRequest, actor: AuthenticatedActor): Promise<PeriodicReviewState> {
    const loaded = await this.loadVisible(applicationId, actor);
    const review = loaded.state as Exclude<PeriodicReviewState, { phase: 'unscheduled' }>;
    const now = this.clock.now().toISOString();
    const { terms, standardFen } = reviewPolicyOrRefuse(this.policies, review.programme, review.region, chinaDate(now));
    const command: PeriodicReviewCommand = {
      type: 'RecordRecheck',
      applicationId,
      recheck: {
        householdSize: body.householdSize,
        countedMonthlyIncomeFen: fen(body.countedMonthlyIncomeFen),
        standardFen,
        incomeFromEmployment: body.incomeFromEmployment,
        basis: { membersAbleToWork: body.membersAbleToWork, irregularIncome: body.irregularIncome },
        ...(body.checkId ? { checkId: body.checkId } : {}),
        findings: body.findings,
      },
      terms,
      recordedBy: actorOf(actor),
      recordedAt: now,
    };
    return this.execute(applicationId, command, actor, loaded);
  }

  async decide(applicationId: string, body: DecisionRequest, actor: AuthenticatedActor): Promise<PeriodicReviewState> {
    const loaded = await this.loadVisible(applicationId, actor);
    const review = loaded.state as Exclude<PeriodicReviewState, { phase: 'unscheduled' }>;
    const now = this.clock.now().toISOString();
    const { terms } = reviewPolicyOrRefuse(this.policies, review.programme, review.region, chinaDate(now));
    const command: PeriodicReviewCommand = {
      type: 'DecideReview',
      applicationId,
      outcome: body.outcome,
      reasons: body.reasons,
      terms,
      decidedBy: actorOf(actor),
      decidedAt: now,
    };
    return this.execute(applicationId, command, actor, loaded);
  }

  /** The review as its events say now; 404 when the case has none, 403 outside the caller's jurisdiction. */
  async loadVisible(applicationId: string, actor: AuthenticatedActor) {
    const loaded = await loadAggregate(this.store, periodicReviewStream(applicationId), periodicReviewDecider);
    if (loaded.state.phase === 'unscheduled') throw new NotFoundException(`case ${applicationId} has no periodic review`);
    assertJurisdiction(actor, loaded.state.region);
    return loaded;
  }

  private async execute(applicationId: string, command: PeriodicReviewCommand, actor: Actor, from: Awaited<ReturnType<PeriodicReviewCommands['loadVisible']>>) {
    const context = { actor: actorOf(actor), correlationId: applicationId };
    return (await executeCommand(this.store, periodicReviewStream(applicationId), periodicReviewDecider, command, context, { from })).state;
  }
}
