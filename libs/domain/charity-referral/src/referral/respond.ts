/** The organisation's answer to an offer, or the lapse of the offer when no answer came in time. */
import { accept, type Decision } from '@sa/domain-shared';
import { problem, rejectWith } from '../rejections';
import { isBlank } from '../validation';
import type { AcceptReferral, DeclineReferral, TimeOutOffer } from './commands';
import { isPastDeadline } from './deadline';
import type { ReferralEvent } from './events';
import { openOfferFor } from './guards';
import { instantProblem, nextOffer, termsProblem } from './offer';
import type { ReferralState } from './state';

/**
 * After the deadline an answer no longer counts, even if the scheduler has not yet timed the offer
 * out: the outcome must not depend on when the scheduler happened to run.
 */
function lateAnswer(at: string, deadline: string) {
  return isPastDeadline(at, deadline) ? problem('OFFER_DEADLINE_PASSED', `The offer lapsed at ${deadline}`, 'referralId') : undefined;
}

export function decideAccept(command: AcceptReferral, state: ReferralState): Decision<ReferralEvent> {
  const offer = openOfferFor(state, command.referralId, command.organisationId);
  if ('problem' in offer) return rejectWith(offer.problem);
  const invalid = instantProblem(command.acceptedAt, 'acceptedAt') ?? lateAnswer(command.acceptedAt, offer.deadline);
  if (invalid) return rejectWith(invalid);
  const { referral, organisationId } = offer;
  return accept<ReferralEvent>({
    type: 'ReferralAccepted',
    data: {
      referralId: referral.referralId,
      applicationId: referral.applicationId,
      organisationId,
      acceptedBy: command.acceptedBy,
      acceptedAt: command.acceptedAt,
    },
  });
}

export function decideDecline(command: DeclineReferral, state: ReferralState): Decision<ReferralEvent> {
  const offer = openOfferFor(state, command.referralId, command.organisationId);
  if ('problem' in offer) return rejectWith(offer.problem);
  const invalid =
    (isBlank(command.reason) ? problem('REASON_REQUIRED', 'Say why the referral is declined', 'reason') : undefined) ??
    termsProblem(command) ??
    instantProblem(command.declinedAt, 'declinedAt') ??
    lateAnswer(command.declinedAt, offer.deadline);
  if (invalid) return rejectWith(invalid);
  const { referral, organisationId } = offer;
  const next = nextOffer(referral, command, { trigger: 'previous-declined', by: command.declinedBy, at: command.declinedAt });
  if ('code' in next) return rejectWith(next);
  return accept<ReferralEvent>(
    {
      type: 'ReferralDeclined',
      data: {
        referralId: referral.referralId,
        applicationId: referral.applicationId,
        organisationId,
        reason: command.reason,
        declinedBy: command.declinedBy,
        declinedAt: command.declinedAt,
      },
    },
    next,
  );
}

export function decideTimeOut(command: TimeOutOffer, state: ReferralState): Decision<ReferralEvent> {
  const offer = openOfferFor(state, command.referralId, undefined);
  if ('problem' in offer) return rejectWith(offer.problem);
  const invalid = termsProblem(command) ?? instantProblem(command.now, 'now');
  if (invalid) return rejectWith(invalid);
  if (!isPastDeadline(command.now, offer.deadline)) return rejectWith(problem('OFFER_NOT_YET_DUE', `The offer is open until ${offer.deadline}`, 'now'));
  const { referral, organisationId, deadline } = offer;
  const next = nextOffer(referral, command, { trigger: 'previous-timed-out', by: command.timedOutBy, at: command.now });
  if ('code' in next) return rejectWith(next);
  return accept<ReferralEvent>(
    {
      type: 'ReferralOfferTimedOut',
      data: {
        referralId: referral.referralId,
        applicationId: referral.applicationId,
        organisationId,
        deadline,
        timedOutBy: command.timedOutBy,
        timedOutAt: command.now,
      },
    },
    next,
  );
}
