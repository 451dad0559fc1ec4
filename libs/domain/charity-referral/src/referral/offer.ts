import { accept, type Actor, type Decision } from '@sa/domain-shared';
import { problem, rejectWith, type ReferralRejection } from '../rejections';
import type { OfferReferral, OfferTerms } from './commands';
import { isInstant, isResponseWindow, maxResponseWindowHours, offerDeadline } from './deadline';
import type { OfferTrigger, ReferralEvent, ReferralExhausted, ReferralOffered } from './events';
import { liveReferral } from './guards';
import { rankOrganisations } from './matching';
import type { Referral, ReferralState } from './state';

export interface NextOfferContext {
  readonly trigger: OfferTrigger;
  readonly by: Actor;
  readonly at: string;
  /** A case worker's choice; otherwise the best-ranked match. */
  readonly organisationId?: string;
}

export function decideOffer(command: OfferReferral, state: ReferralState): Decision<ReferralEvent> {
  // A case worker offers referrals of households in their region; the service's own offers (a newcomer registered) are its to make.
  const caseWorker = (command.trigger ?? 'case-worker') === 'case-worker' ? command.offeredBy : undefined;
  const found = liveReferral(state, command.referralId, caseWorker);
  if ('problem' in found) return rejectWith(found.problem);
  const { live } = found;
  if (live.status === 'offered')
    return rejectWith(problem('OFFER_ALREADY_OPEN', `Referral ${command.referralId} is waiting for ${live.offer.organisationId} to answer`, 'referralId'));
  if (live.status === 'accepted') return rejectWith(problem('REFERRAL_ALREADY_ACCEPTED', `Referral ${command.referralId} was already accepted`, 'referralId'));
  const invalid = termsProblem(command) ?? instantProblem(command.offeredAt, 'offeredAt');
  if (invalid) return rejectWith(invalid);
  const next = nextOffer(live.referral, command, {
    trigger: command.trigger ?? 'case-worker',
    by: command.offeredBy,
    at: command.offeredAt,
    ...(command.organisationId === undefined ? {} : { organisationId: command.organisationId }),
  });
  if ('code' in next) return rejectWith(next);
  // Exhausting an already exhausted referral would say nothing new.
  if (next.type === 'ReferralExhausted' && live.status === 'exhausted') {
    return rejectWith(
      problem('NO_MATCHING_ORGANISATION', 'No registered organisation not yet tried serves this household’s region and needs', 'organisations'),
    );
  }
  return accept<ReferralEvent>(next);
}

/** The next organisation to ask, or exhaustion when none is left. */
export function nextOffer(referral: Referral, terms: OfferTerms, context: NextOfferContext): ReferralOffered | ReferralExhausted | ReferralRejection {
  const matches = rankOrganisations({
    householdRegion: referral.region,
    needs: referral.needs,
    alreadyTried: referral.triedOrganisationIds,
    organisations: terms.organisations,
  });
  const chosen = context.organisationId === undefined ? matches[0] : matches.find((match) => match.organisationId === context.organisationId);
  if (context.organisationId !== undefined && chosen === undefined) return notAMatch(referral, context.organisationId);
  if (chosen === undefined) {
    return {
      type: 'ReferralExhausted',
      data: {
        referralId: referral.referralId,
        applicationId: referral.applicationId,
        triedOrganisationIds: referral.triedOrganisationIds,
        exhaustedAt: context.at,
      },
    };
  }
  return {
    type: 'ReferralOffered',
    data: {
      referralId: referral.referralId,
      applicationId: referral.applicationId,
      organisationId: chosen.organisationId,
      coveredNeeds: chosen.coveredNeeds,
      attempt: referral.triedOrganisationIds.length + 1,
      trigger: context.trigger,
      region: referral.region,
      needs: referral.needs,
      contact: referral.contact,
      consentRecordedAt: referral.consentRecordedAt,
      deadline: offerDeadline(context.at, terms.responseWindowHours),
      offeredBy: context.by,
      offeredAt: context.at,
    },
  };
}

function notAMatch(referral: Referral, organisationId: string): ReferralRejection {
  if (referral.triedOrganisationIds.includes(organisationId)) {
    return problem('ORGANISATION_ALREADY_TRIED', `Organisation ${organisationId} was already offered this referral`, 'organisationId');
  }
  return problem('ORGANISATION_NOT_A_MATCH', `Organisation ${organisationId} is not registered for this household’s region and needs`, 'organisationId');
}

export function termsProblem(terms: OfferTerms): ReferralRejection | undefined {
  if (isResponseWindow(terms.responseWindowHours)) return undefined;
  return problem('INVALID_RESPONSE_WINDOW', `Response window must be a whole number of hours from 1 to ${maxResponseWindowHours}`, 'responseWindowHours');
}

export function instantProblem(value: unknown, field: string): ReferralRejection | undefined {
  return isInstant(value) ? undefined : problem('INVALID_TIMESTAMP', 'Time must be an ISO 8601 instant with Z or an offset', field);
}
