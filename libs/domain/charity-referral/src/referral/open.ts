import { accept, isRegionCode, parseRegionCode, type Decision } from '@sa/domain-shared';
import { problem, rejectWith, type ReferralRejection } from '../rejections';
import { isBlank } from '../validation';
import type { CaseOutcome, HouseholdContact, OpenReferral } from './commands';
import { isInstant } from './deadline';
import type { ReferralBasis, ReferralEvent, ReferralOpened } from './events';
import { isNeed, type Need } from './needs';
import { instantProblem, nextOffer, termsProblem } from './offer';
import { openedReferral, type ReferralState } from './state';

/** 慈善转介 needs the household's consent and a reason to help: a rejected case, or hardship that approval did not end. */
export function decideOpen(command: OpenReferral, state: ReferralState): Decision<ReferralEvent> {
  if (state.status !== 'not-opened') {
    return rejectWith(problem('REFERRAL_ALREADY_OPENED', `Referral ${command.referralId} has already been opened`, 'referralId'));
  }
  const invalid = idsProblem(command) ?? consentProblem(command);
  if (invalid) return rejectWith(invalid);
  const basis = basisOf(command.caseOutcome);
  if (typeof basis !== 'string') return rejectWith(basis);
  const invalidRest =
    householdProblem(command) ?? instantProblem(command.openedAt, 'openedAt') ?? (command.autoOffer ? termsProblem(command.autoOffer) : undefined);
  if (invalidRest) return rejectWith(invalidRest);
  const opened: ReferralOpened = {
    type: 'ReferralOpened',
    data: {
      referralId: command.referralId,
      applicationId: command.applicationId,
      basis,
      region: parseRegionCode(command.region),
      needs: command.needs,
      contact: command.contact,
      consentRecordedAt: command.consent.recordedAt,
      openedBy: command.openedBy,
      openedAt: command.openedAt,
    },
  };
  if (!command.autoOffer) return accept<ReferralEvent>(opened);
  // Opening and the first offer are one decision: no referral is ever left opened but never offered.
  const first = nextOffer(openedReferral(opened.data), command.autoOffer, { trigger: 'on-opening', by: command.openedBy, at: command.openedAt });
  if ('code' in first) return rejectWith(first);
  return accept<ReferralEvent>(opened, first);
}

function idsProblem(command: OpenReferral): ReferralRejection | undefined {
  if (isBlank(command.referralId)) return problem('REFERRAL_ID_REQUIRED', 'A referral needs an id', 'referralId');
  if (isBlank(command.applicationId)) return problem('APPLICATION_ID_REQUIRED', 'A referral must name the application it comes from', 'applicationId');
  return undefined;
}

/** Without consent the household's details must not leave civil affairs at all. */
function consentProblem(command: OpenReferral): ReferralRejection | undefined {
  if (command.consent.charityReferral !== true) {
    return problem('CHARITY_REFERRAL_CONSENT_REQUIRED', 'The household has not consented to charity referral (慈善转介)', 'consent.charityReferral');
  }
  if (!isInstant(command.consent.recordedAt))
    return problem('INVALID_TIMESTAMP', 'Consent time must be an ISO 8601 instant with Z or an offset', 'consent.recordedAt');
  return undefined;
}

function basisOf(caseOutcome: CaseOutcome): ReferralBasis | ReferralRejection {
  if (caseOutcome.outcome === 'rejected') return 'case-rejected';
  if (caseOutcome.outcome !== 'approved') return problem('INVALID_OUTCOME', 'Case outcome must be rejected or approved', 'caseOutcome.outcome');
  if (caseOutcome.stillInHardship === true) return 'approved-still-in-hardship';
  return problem(
    'HOUSEHOLD_NOT_IN_HARDSHIP',
    'An approved household is referred only when the case worker judged it still in hardship',
    'caseOutcome.stillInHardship',
  );
}

function householdProblem(command: OpenReferral): ReferralRejection | undefined {
  if (typeof command.region !== 'string' || !isRegionCode(command.region)) {
    return problem('INVALID_REGION_CODE', 'Region must be an administrative division code of 6, 9 or 12 digits (GB/T 2260)', 'region');
  }
  return needsProblem(command.needs) ?? contactProblem(command.contact);
}

export function needsProblem(needs: readonly Need[], field = 'needs'): ReferralRejection | undefined {
  if (!Array.isArray(needs) || needs.length === 0) return problem('NEEDS_REQUIRED', 'Name at least one need: money, goods or a volunteer service', field);
  for (let i = 0; i < needs.length; i++) {
    if (!isNeed(needs[i])) return problem('INVALID_NEED', `Need ${String(needs[i])} is not a known need`, `${field}[${i}]`);
    if (needs.indexOf(needs[i] as Need) !== i) return problem('DUPLICATE_NEED', `Need ${needs[i]} is listed twice`, `${field}[${i}]`);
  }
  return undefined;
}

function contactProblem(contact: HouseholdContact): ReferralRejection | undefined {
  if (isBlank(contact.name)) return problem('CONTACT_NAME_REQUIRED', 'The organisation needs a contact name to reach the household', 'contact.name');
  if (contact.phone !== undefined && !/^[0-9+\- ]{5,20}$/.test(contact.phone)) {
    return problem('INVALID_PHONE', 'Phone must be 5 to 20 digits, spaces, + or -', 'contact.phone');
  }
  return undefined;
}
