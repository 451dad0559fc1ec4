/** 慈善转介 — the Referral aggregate: opened with consent, offered in turn to matching organisations, helped, closed. */
import type { Decider, Decision } from '@sa/domain-shared';
import { addToTotals, decideRecordAssistance } from './assistance';
import { decideClose } from './close';
import type { ReferralCommand } from './commands';
import type { ReferralEvent } from './events';
import { decideOffer } from './offer';
import { decideOpen } from './open';
import { decideAccept, decideDecline, decideTimeOut } from './respond';
import { initialReferralState, openedReferral, type ReferralState } from './state';

function decide(command: ReferralCommand, state: ReferralState): Decision<ReferralEvent> {
  switch (command.type) {
    case 'OpenReferral':
      return decideOpen(command, state);
    case 'OfferReferral':
      return decideOffer(command, state);
    case 'AcceptReferral':
      return decideAccept(command, state);
    case 'DeclineReferral':
      return decideDecline(command, state);
    case 'TimeOutOffer':
      return decideTimeOut(command, state);
    case 'RecordAssistance':
      return decideRecordAssistance(command, state);
    case 'CloseReferral':
      return decideClose(command, state);
  }
}

function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  if (event.type === 'ReferralOpened') return { status: 'awaiting-offer', referral: openedReferral(event.data) };
  // Later events refine a referral that exists; a stray one cannot conjure it up.
  if (state.status === 'not-opened') return state;
  const { referral } = state;
  switch (event.type) {
    case 'ReferralOffered':
      return {
        status: 'offered',
        referral: { ...referral, triedOrganisationIds: [...referral.triedOrganisationIds, event.data.organisationId] },
        offer: { organisationId: event.data.organisationId, deadline: event.data.deadline },
      };
    case 'ReferralAccepted':
      return { status: 'accepted', referral, organisationId: event.data.organisationId };
    case 'ReferralDeclined':
    case 'ReferralOfferTimedOut':
      // Normally followed in the same decision by the next offer or exhaustion.
      return { status: 'awaiting-offer', referral };
    case 'ReferralExhausted':
      return { status: 'exhausted', referral };
    case 'AssistanceRecorded':
      return {
        ...state,
        referral: {
          ...referral,
          assistanceIds: [...referral.assistanceIds, event.data.assistanceId],
          totals: addToTotals(referral.totals, event.data.assistance),
        },
      };
    case 'ReferralClosed':
      return { status: 'closed', referral, outcome: event.data.outcome };
  }
}

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  initialState: initialReferralState,
  decide,
  evolve,
};
