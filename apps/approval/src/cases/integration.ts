/**
 * Approval's messaging. Publishes, explicitly, the steps other services act on (review, notice,
 * objections, a send-back for re-investigation, the decision); the case's internal steps (opening,
 * checks, home visit, amendments, withdrawal, green channel) stay inside. Consumes intake's applications and verification's checks,
 * which arrive on different topics in either order: the Case decider opens the case when both are in.
 */
import {
  applicationAmendedV1,
  applicationSubmittedV1,
  applicationSubmittedV2,
  applicationWithdrawnV1,
  caseApprovedV1,
  caseRejectedV1,
  caseSentBackForReinvestigationV1,
  economicCheckCompletedV1,
  objectionLodgedV1,
  objectionResolvedV1,
  publicNoticePostedV1,
  townshipReviewCompletedV1,
} from '@sa/contracts';
import { type CaseEvent, type CaseSentBackForReinvestigation } from '@sa/domain-approval';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';

const mapping = mappingOf<CaseEvent>({
  TownshipReviewCompleted: (e) => {
    const d = e.data;
    return integrationEvent(townshipReviewCompletedV1, {
      applicationId: d.applicationId,
      recommendation: d.recommendation,
      reasons: [...d.reasons],
      reviewedBy: d.reviewedBy,
      reviewedAt: d.reviewedAt,
    });
  },
  PublicNoticePosted: (e) => {
    const d = e.data;
    return integrationEvent(publicNoticePostedV1, {
      applicationId: d.applicationId,
      region: d.region,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      published: d.published,
      postedAt: d.postedAt,
    });
  },
  ObjectionLodged: (e) => {
    const d = e.data;
    return integrationEvent(objectionLodgedV1, {
      applicationId: d.applicationId,
      objectionId: d.objectionId,
      summary: d.summary,
      lodgedAt: d.lodgedAt,
      recordedBy: d.recordedBy,
    });
  },
  ObjectionResolved: (e) => {
    const d = e.data;
    return integrationEvent(objectionResolvedV1, {
      applicationId: d.applicationId,
      objectionId: d.objectionId,
      outcome: d.outcome,
      explanation: d.explanation,
      resolvedBy: d.resolvedBy,
      resolvedAt: d.resolvedAt,
    });
  },
  CaseSentBackForReinvestigation: (e) => {
    const d: Partial<CaseSentBackForReinvestigation['data']> = e.data;
    // Recorded before the event was public it lacks the region, ruling and actor: a relay replaying
    // old history publishes nothing for it rather than stopping on a payload the contract refuses.
    if (!d.applicationId || !d.objectionId || !d.region || !d.reason || !d.sentBackBy || !d.sentBackAt) return null;
    return integrationEvent(caseSentBackForReinvestigationV1, {
      applicationId: d.applicationId,
      region: d.region,
      objectionId: d.objectionId,
      reason: d.reason,
      sentBackBy: d.sentBackBy,
      sentBackAt: d.sentBackAt,
    });
  },
  CaseApproved: (e) => {
    const d = e.data;
    // checkId and standardFen stay for auditors; payments recomputes from policyId.
    return integrationEvent(caseApprovedV1, {
      applicationId: d.applicationId,
      programme: d.programme,
      region: d.region,
      confirmedBy: d.confirmedBy,
      confirmationLevel: d.confirmationLevel,
      confirmedAt: d.confirmedAt,
      benefitStartMonth: d.benefitStartMonth,
      householdSize: d.householdSize,
      perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen,
      countedMonthlyIncomeFen: d.countedMonthlyIncomeFen,
      policyId: d.policyId,
      members: [...d.members],
      bankAccount: d.bankAccount,
      stillInHardship: d.stillInHardship,
      consents: d.consents,
      // 单人保: one member covered alone (householdSize 1); payments grants for that member only.
      ...(d.singlePersonOf ? { singlePersonCoverage: { ...d.singlePersonOf } } : {}),
    });
  },
  CaseRejected: (e) => {
    const d = e.data;
    return integrationEvent(caseRejectedV1, {
      applicationId: d.applicationId,
      programme: d.programme,
      region: d.region,
      stage: d.stage,
      reasons: [...d.reasons],
      rejectedBy: d.rejectedBy,
      rejectedAt: d.rejectedAt,
      noticeText: d.noticeText,
      consents: d.consents,
      contact: d.contact,
    });
  },
  CaseOpened: () => null,
  ApplicationReceived: () => null,
  EconomicCheckRecorded: () => null,
  CountyHomeVisitRecorded: () => null,
  ApplicationAmended: () => null,
  CaseWithdrawn: () => null,
  GreenChannelReliefGranted: () => null,
});

export const approvalPublication: PublicationDefinition = {
  streamPrefixes: ['case-'],
  mapping,
  contracts: [
    townshipReviewCompletedV1,
    publicNoticePostedV1,
    objectionLodgedV1,
    objectionResolvedV1,
    caseSentBackForReinvestigationV1,
    caseApprovedV1,
    caseRejectedV1,
  ],
};

/** Intake's applications and verification's checks, in either order; each handled by CaseInputsController. */
export const approvalConsumption: ConsumptionDefinition = {
  name: 'approval-case-inputs',
  inbox: 'event-store',
  handles: [applicationSubmittedV1, applicationSubmittedV2, economicCheckCompletedV1, applicationAmendedV1, applicationWithdrawnV1],
};
