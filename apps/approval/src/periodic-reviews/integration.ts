/**
 * Periodic reviews' messaging at approval. Approval reads its own case-approved messages (its own
 * consumer group) to schedule each approved case's first review, and publishes each review's
 * decision — or its lapse into suspension — on sa.approval.periodic-reviews.v1 for payments.
 */
import { approvalContracts, caseApprovedV1, periodicReviewDecidedV1 } from '@sa/contracts';
import type { PeriodicReviewEvent } from '@sa/domain-approval';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';

export const periodicReviewStreamPrefix = 'periodic-review-';
export const periodicReviewStream = (applicationId: string) => `${periodicReviewStreamPrefix}${applicationId}`;

const mapping = mappingOf<PeriodicReviewEvent>({
  PeriodicReviewScheduled: () => null,
  PeriodicReviewOpened: () => null,
  PeriodicRecheckRecorded: () => null,
  PeriodicReviewLapsed: (e) => {
    const d = e.data;
    return integrationEvent(periodicReviewDecidedV1, {
      applicationId: d.applicationId,
      programme: d.programme,
      region: d.region,
      cycle: d.cycle,
      outcome: 'suspend',
      lapsed: true,
      reasons: [...d.reasons],
      effectiveMonth: d.suspendFromMonth,
      // A lapse has no re-check, so no figures and no policy: payment is only suspended.
      resumesSuspension: false,
      decidedBy: d.lapsedBy,
      decidedAt: d.lapsedAt,
    });
  },
  PeriodicReviewDecided: (e) => {
    const d = e.data;
    return integrationEvent(periodicReviewDecidedV1, {
      applicationId: d.applicationId,
      programme: d.programme,
      region: d.region,
      cycle: d.cycle,
      outcome: d.outcome,
      lapsed: false,
      reasons: [...d.reasons],
      effectiveMonth: d.effectiveMonth,
      householdSize: d.household.householdSize,
      countedMonthlyIncomeFen: d.household.countedMonthlyIncomeFen,
      standardFen: d.household.standardFen,
      perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen,
      ...(d.gradualExitMonths === undefined ? {} : { gradualExitMonths: d.gradualExitMonths }),
      resumesSuspension: d.resumesSuspension,
      policyId: d.policyId,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt,
    });
  },
});

export const periodicReviewPublication: PublicationDefinition = {
  streamPrefixes: [periodicReviewStreamPrefix],
  mapping,
  contracts: [periodicReviewDecidedV1],
};

/** Approval's own approvals schedule the first review; handled by PeriodicReviewEventsController. */
export const periodicReviewConsumption: ConsumptionDefinition = {
  name: 'approval-periodic-review-schedule',
  inbox: 'event-store',
  handles: [caseApprovedV1],
  ignore: approvalContracts.filter((c) => c !== caseApprovedV1),
};
