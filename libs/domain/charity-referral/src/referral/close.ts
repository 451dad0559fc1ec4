import { accept, type Decision } from '@sa/domain-shared';
import { problem, rejectWith, type ReferralRejection } from '../rejections';
import { isBlank } from '../validation';
import { referralOutcomes, type CloseReferral } from './commands';
import type { ReferralEvent } from './events';
import { liveReferral, notCurrent } from './guards';
import { instantProblem } from './offer';
import type { ReferralState } from './state';

type Live = Exclude<ReferralState, { status: 'not-opened' } | { status: 'closed' }>;

export function decideClose(command: CloseReferral, state: ReferralState): Decision<ReferralEvent> {
  // Civil affairs closes referrals of its own region only; an organisation the one it holds (closerProblem).
  const caseWorker = command.closedBy.role === 'charity-organisation' ? undefined : command.closedBy;
  const found = liveReferral(state, command.referralId, caseWorker);
  if ('problem' in found) return rejectWith(found.problem);
  const { live } = found;
  const invalid = closeProblem(command, live);
  if (invalid) return rejectWith(invalid);
  const { referral } = live;
  return accept<ReferralEvent>({
    type: 'ReferralClosed',
    data: {
      referralId: referral.referralId,
      applicationId: referral.applicationId,
      outcome: command.outcome,
      summary: command.summary,
      totals: referral.totals,
      closedBy: command.closedBy,
      closedAt: command.closedAt,
    },
  });
}

function closeProblem(command: CloseReferral, live: Live): ReferralRejection | undefined {
  if (!(referralOutcomes as readonly string[]).includes(command.outcome)) {
    return problem('INVALID_OUTCOME', `Outcome must be one of ${referralOutcomes.join(', ')}`, 'outcome');
  }
  if (isBlank(command.summary)) return problem('SUMMARY_REQUIRED', 'Summarise what the referral achieved', 'summary');
  return instantProblem(command.closedAt, 'closedAt') ?? closerProblem(command, live) ?? outcomeFitProblem(command, live);
}

/** Civil affairs may close any referral (e.g. consent withdrawn); an organisation only the one it holds. */
function closerProblem(command: CloseReferral, live: Live): ReferralRejection | undefined {
  if (command.closedBy.role !== 'charity-organisation') return undefined;
  if (live.status === 'accepted' && command.organisationId === live.organisationId) return undefined;
  return notCurrent(command.referralId);
}

/** "Needs met" presupposes an organisation took the referral; "declined" that every one refused. */
function outcomeFitProblem(command: CloseReferral, live: Live): ReferralRejection | undefined {
  if (command.outcome === 'needs-met' && live.status !== 'accepted') {
    return problem('OUTCOME_DOES_NOT_FIT_STATUS', 'Needs can be met only through an accepted referral', 'outcome');
  }
  if (command.outcome === 'declined' && live.status !== 'exhausted') {
    return problem('OUTCOME_DOES_NOT_FIT_STATUS', 'A referral closes as declined only when no organisation is left to ask', 'outcome');
  }
  return undefined;
}
