/** Every reason the referral decider refuses a command, as a stable code with its kind, declared once (HTTP statuses and consumers' "already done" follow the kind). */
import { refusalOf, reject, type Decision, type Rejection, type RefusalCodes } from '@sa/domain-shared';

export const referralRefusals = {
  REFERRAL_ID_REQUIRED: 'invalid',
  APPLICATION_ID_REQUIRED: 'invalid',
  REFERRAL_ALREADY_OPENED: 'conflict',
  REFERRAL_NOT_FOUND: 'not-found',
  REFERRAL_CLOSED: 'conflict',
  // without consent the household's details may not leave civil affairs: not the service's to do
  CHARITY_REFERRAL_CONSENT_REQUIRED: 'forbidden',
  // the case's outcome calls for no referral
  HOUSEHOLD_NOT_IN_HARDSHIP: 'conflict',
  INVALID_REGION_CODE: 'invalid',
  NEEDS_REQUIRED: 'invalid',
  INVALID_NEED: 'invalid',
  DUPLICATE_NEED: 'invalid',
  CONTACT_NAME_REQUIRED: 'invalid',
  INVALID_PHONE: 'invalid',
  INVALID_TIMESTAMP: 'invalid',
  INVALID_RESPONSE_WINDOW: 'invalid',
  OFFER_ALREADY_OPEN: 'conflict',
  REFERRAL_ALREADY_ACCEPTED: 'conflict',
  ORGANISATION_ALREADY_TRIED: 'conflict',
  ORGANISATION_NOT_A_MATCH: 'invalid',
  NO_MATCHING_ORGANISATION: 'conflict',
  NO_OPEN_OFFER: 'conflict',
  NOT_CURRENT_ORGANISATION: 'conflict',
  OFFER_DEADLINE_PASSED: 'conflict',
  OFFER_NOT_YET_DUE: 'conflict',
  REASON_REQUIRED: 'invalid',
  REFERRAL_NOT_ACCEPTED: 'conflict',
  ASSISTANCE_ID_REQUIRED: 'invalid',
  ASSISTANCE_ALREADY_RECORDED: 'conflict',
  INVALID_ASSISTANCE_KIND: 'invalid',
  INVALID_AMOUNT: 'invalid',
  DESCRIPTION_REQUIRED: 'invalid',
  INVALID_SERVICE_KIND: 'invalid',
  INVALID_DATE: 'invalid',
  ASSISTANCE_DATE_IN_FUTURE: 'invalid',
  INVALID_OUTCOME: 'invalid',
  OUTCOME_DOES_NOT_FIT_STATUS: 'conflict',
  SUMMARY_REQUIRED: 'invalid',
  // who may act: civil affairs only within its organisation unit's region
  OUTSIDE_JURISDICTION: 'forbidden',
  // The organisation registry.
  INVALID_ORGANISATION_ID: 'invalid',
  ORGANISATION_NAME_REQUIRED: 'invalid',
  SERVICE_REGION_REQUIRED: 'invalid',
  DUPLICATE_SERVICE_REGION: 'invalid',
  ORGANISATION_ALREADY_REGISTERED: 'conflict',
  ORGANISATION_NOT_FOUND: 'not-found',
  ORGANISATION_DEREGISTERED: 'conflict',
} as const satisfies RefusalCodes;

export type ReferralRejectionCode = keyof typeof referralRefusals;

export interface ReferralRejection extends Rejection {
  readonly code: ReferralRejectionCode;
}

const declared = refusalOf(referralRefusals);

export function problem(code: ReferralRejectionCode, message: string, field?: string): ReferralRejection {
  return declared(code, message, field);
}

export function rejectWith(rejection: ReferralRejection): Decision<never> {
  return reject(rejection);
}
