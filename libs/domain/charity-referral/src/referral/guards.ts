import { type Actor, withinJurisdiction } from '@sa/domain-shared';
import { problem, type ReferralRejection } from '../rejections';
import type { Referral, ReferralState } from './state';

type Live = Exclude<ReferralState, { status: 'not-opened' } | { status: 'closed' }>;

/**
 * The referral a command may act on: opened, this id, within the region of the case worker acting
 * (when one is: civil affairs acts only on households of its region, 403 otherwise), and not closed.
 */
export function liveReferral(state: ReferralState, referralId: string, caseWorker?: Actor): { live: Live } | { problem: ReferralRejection } {
  if (state.status === 'not-opened' || state.referral.referralId !== referralId) {
    return { problem: problem('REFERRAL_NOT_FOUND', `Referral ${referralId} has not been opened`, 'referralId') };
  }
  if (caseWorker && !withinJurisdiction(caseWorker.orgUnit, state.referral.region)) {
    const outside = `region ${state.referral.region} is outside the jurisdiction of organisation unit ${caseWorker.orgUnit}`;
    return { problem: problem('OUTSIDE_JURISDICTION', outside, 'referralId') };
  }
  if (state.status === 'closed') return { problem: problem('REFERRAL_CLOSED', `Referral ${referralId} is closed (${state.outcome})`, 'referralId') };
  return { live: state };
}

/** The offer an organisation may answer: open, and addressed to that organisation. */
export function openOfferFor(
  state: ReferralState,
  referralId: string,
  organisationId: string | undefined,
): { referral: Referral; organisationId: string; deadline: string } | { problem: ReferralRejection } {
  const found = liveReferral(state, referralId);
  if ('problem' in found) return found;
  const { live } = found;
  if (live.status === 'accepted') return { problem: problem('REFERRAL_ALREADY_ACCEPTED', `Referral ${referralId} was already accepted`, 'referralId') };
  if (live.status !== 'offered') return { problem: problem('NO_OPEN_OFFER', `Referral ${referralId} has no offer waiting for an answer`, 'referralId') };
  if (organisationId !== undefined && organisationId !== live.offer.organisationId) return { problem: notCurrent(referralId) };
  return { referral: live.referral, organisationId: live.offer.organisationId, deadline: live.offer.deadline };
}

export function notCurrent(referralId: string): ReferralRejection {
  return problem('NOT_CURRENT_ORGANISATION', `Referral ${referralId} is not with this organisation`, 'organisationId');
}
