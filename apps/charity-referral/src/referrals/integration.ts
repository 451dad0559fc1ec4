/**
 * Charity referral's messaging. Published, explicitly: an offer is referral-made (each offer
 * discloses the contact to one organisation, so each is one referral-made), then accepted,
 * declined, assistance-recorded and referral-closed. Opening, lapses and exhaustion stay inside
 * (no contract). Consumed: approval's case decisions; a rejected case, or an approved one still in
 * hardship, opens a referral only when the household consented (the decider refuses otherwise).
 */
import {
  approvalContracts,
  assistanceRecordedV1,
  caseApprovedV1,
  caseRejectedV1,
  referralAcceptedV1,
  referralClosedV1,
  referralDeclinedV1,
  referralMadeV1,
} from '@sa/contracts';
import type { AssistanceRecorded, ReferralEvent, ReferralOffered } from '@sa/domain-charity-referral';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';
import { serviceActor } from '../command-context';

function referralMade(d: ReferralOffered['data']) {
  const { name, phone, address } = d.contact;
  return integrationEvent(referralMadeV1, {
    referralId: d.referralId,
    applicationId: d.applicationId,
    organisationId: d.organisationId,
    region: d.region,
    needs: [...d.needs],
    contact: { name, ...(phone ? { phone } : {}), ...(address ? { address } : {}) },
    consentRecordedAt: d.consentRecordedAt,
    // After a decline the service moved the referral on, not the organisation that declined it.
    referredBy: d.trigger === 'previous-declined' ? serviceActor(d.region) : d.offeredBy,
    referredAt: d.offeredAt,
  });
}

function assistanceRecorded(d: AssistanceRecorded['data']) {
  const { assistance } = d;
  const valueFen = assistance.kind === 'money' ? assistance.amountFen : assistance.kind === 'goods' ? assistance.valueFen : undefined;
  return integrationEvent(assistanceRecordedV1, {
    referralId: d.referralId,
    applicationId: d.applicationId,
    organisationId: d.organisationId,
    assistanceId: d.assistanceId,
    kind: assistance.kind,
    ...(valueFen === undefined ? {} : { valueFen }),
    description: assistance.description,
    providedOn: d.providedOn,
    recordedBy: d.recordedBy,
    recordedAt: d.recordedAt,
  });
}

const mapping = mappingOf<ReferralEvent>({
  ReferralOpened: () => null,
  ReferralOffered: (e) => referralMade(e.data),
  ReferralAccepted: (e) => {
    const d = e.data;
    return integrationEvent(referralAcceptedV1, {
      referralId: d.referralId,
      applicationId: d.applicationId,
      organisationId: d.organisationId,
      acceptedBy: d.acceptedBy,
      acceptedAt: d.acceptedAt,
    });
  },
  ReferralDeclined: (e) => {
    const d = e.data;
    return integrationEvent(referralDeclinedV1, {
      referralId: d.referralId,
      applicationId: d.applicationId,
      organisationId: d.organisationId,
      reason: d.reason,
      declinedBy: d.declinedBy,
      declinedAt: d.declinedAt,
    });
  },
  ReferralOfferTimedOut: () => null,
  ReferralExhausted: () => null,
  AssistanceRecorded: (e) => assistanceRecorded(e.data),
  ReferralClosed: (e) => {
    const d = e.data;
    return integrationEvent(referralClosedV1, {
      referralId: d.referralId,
      applicationId: d.applicationId,
      outcome: d.outcome,
      closedBy: d.closedBy,
      closedAt: d.closedAt,
    });
  },
});

export const referralPublication: PublicationDefinition = {
  // Only referrals leave the service; the organisation registry's events stay inside.
  streamPrefixes: ['referral-'],
  mapping,
  contracts: [referralMadeV1, referralAcceptedV1, referralDeclinedV1, assistanceRecordedV1, referralClosedV1],
};

/** Approval's case decisions; handled by CaseDecisionsController. */
export const referralConsumption: ConsumptionDefinition = {
  name: 'charity-referral-case-decisions',
  inbox: 'event-store',
  handles: [caseRejectedV1, caseApprovedV1],
  // Every other event on approval's topic is deliberately not acted on (new ones too: never dead-lettered as unknown).
  ignore: approvalContracts.filter((c) => c !== caseApprovedV1 && c !== caseRejectedV1),
};
