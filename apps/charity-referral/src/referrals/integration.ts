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
import { handle, integrationEvent, mappingOf, type ReceivedEvent, type HandlerContext } from '@sa/messaging';
import { type ConsumptionDefinition, type Logger, type PublicationDefinition, refusedAs } from '@sa/platform';
import { serviceActor } from '../command-context';
import type { CaseDecision, ReferralCommands } from './referral-commands';

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

/** Any offset form the contract admits, as one UTC instant. */
const asUtc = (instant: string) => new Date(instant).toISOString();

/**
 * Refusals that mean "nothing to do": forbidden (no consent to refer) or a conflict (approved and
 * no longer in hardship, or the case's referral already opened by an earlier delivery).
 */
const nothingToDo = ['forbidden', 'conflict'] as const;

export function referralConsumption(commands: ReferralCommands, logger: Logger): ConsumptionDefinition {
  const open = async (decision: CaseDecision, e: ReceivedEvent<unknown>, ctx: HandlerContext) => {
    try {
      const state = await commands.openFromCase(decision, {
        eventId: e.id,
        ...(e.correlationId ? { correlationId: e.correlationId } : {}),
        handledMessage: ctx.handledMessage,
      });
      logger.info({ applicationId: decision.applicationId, referralStatus: state.status }, 'referral opened from a case decision');
    } catch (error) {
      if (!refusedAs(error, ...nothingToDo)) throw error;
      logger.info({ applicationId: decision.applicationId, code: error.rejection.code }, 'case decision opens no referral');
    }
  };
  return {
    name: 'charity-referral-case-decisions',
    inbox: 'event-store',
    handlers: [
      handle(caseRejectedV1, (e, ctx) => {
        const p = e.payload;
        return open(
          {
            applicationId: p.applicationId,
            region: p.region,
            caseOutcome: { outcome: 'rejected' },
            // The case event carries the consent but not when it was given; it held when the case was decided.
            consent: { charityReferral: p.consents.charityReferral, recordedAt: asUtc(p.rejectedAt) },
            contact: { name: p.contact.applicantName, ...(p.contact.phone ? { phone: p.contact.phone } : {}) },
          },
          e,
          ctx,
        );
      }),
      handle(caseApprovedV1, (e, ctx) => {
        const p = e.payload;
        return open(
          {
            applicationId: p.applicationId,
            region: p.region,
            caseOutcome: { outcome: 'approved', stillInHardship: p.stillInHardship },
            consent: { charityReferral: p.consents.charityReferral, recordedAt: asUtc(p.confirmedAt) },
            // case-approved names the members but no phone; the first member listed is the applicant.
            contact: { name: p.members[0]?.name ?? '申请人' },
          },
          e,
          ctx,
        );
      }),
    ],
    // Every other event on approval's topic is deliberately not acted on (new ones too: never dead-lettered as unknown).
    ignore: approvalContracts.filter((c) => c !== caseApprovedV1 && c !== caseRejectedV1),
  };
}
