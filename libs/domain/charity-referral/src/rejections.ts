/** Every reason the referral decider refuses a command, as a stable code. */
import { reject, type Decision, type Rejection } from '@sa/domain-shared';

export const referralRejectionCodes = [
  'REFERRAL_ID_REQUIRED',
  'APPLICATION_ID_REQUIRED',
  'REFERRAL_ALREADY_OPENED',
  'REFERRAL_NOT_FOUND',
  'REFERRAL_CLOSED',
  'CHARITY_REFERRAL_CONSENT_REQUIRED',
  'HOUSEHOLD_NOT_IN_HARDSHIP',
  'INVALID_REGION_CODE',
  'NEEDS_REQUIRED',
  'INVALID_NEED',
  'DUPLICATE_NEED',
  'CONTACT_NAME_REQUIRED',
  'INVALID_PHONE',
  'INVALID_TIMESTAMP',
  'INVALID_RESPONSE_WINDOW',
  'OFFER_ALREADY_OPEN',
  'REFERRAL_ALREADY_ACCEPTED',
  'ORGANISATION_ALREADY_TRIED',
  'ORGANISATION_NOT_A_MATCH',
  'NO_MATCHING_ORGANISATION',
  'NO_OPEN_OFFER',
  'NOT_CURRENT_ORGANISATION',
  'OFFER_DEADLINE_PASSED',
  'OFFER_NOT_YET_DUE',
  'REASON_REQUIRED',
  'REFERRAL_NOT_ACCEPTED',
  'ASSISTANCE_ID_REQUIRED',
  'ASSISTANCE_ALREADY_RECORDED',
  'INVALID_ASSISTANCE_KIND',
  'INVALID_AMOUNT',
  'DESCRIPTION_REQUIRED',
  'INVALID_SERVICE_KIND',
  'INVALID_DATE',
  'ASSISTANCE_DATE_IN_FUTURE',
  'INVALID_OUTCOME',
  'OUTCOME_DOES_NOT_FIT_STATUS',
  'SUMMARY_REQUIRED',
  // The organisation registry.
  'INVALID_ORGANISATION_ID',
  'ORGANISATION_NAME_REQUIRED',
  'SERVICE_REGION_REQUIRED',
  'DUPLICATE_SERVICE_REGION',
  'ORGANISATION_ALREADY_REGISTERED',
  'ORGANISATION_NOT_FOUND',
  'ORGANISATION_DEREGISTERED',
] as const;

export type ReferralRejectionCode = (typeof referralRejectionCodes)[number];

export interface ReferralRejection extends Rejection {
  readonly code: ReferralRejectionCode;
}

export function problem(code: ReferralRejectionCode, message: string, field?: string): ReferralRejection {
  return field === undefined ? { code, message } : { code, message, field };
}

export function rejectWith(rejection: Rejection): Decision<never> {
  return reject(rejection.code, rejection.message, rejection.field);
}
