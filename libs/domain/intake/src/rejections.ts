/**
 * Every reason intake refuses a command, as a stable code. Services map codes to HTTP statuses and
 * screens to messages, so a code never changes meaning once published.
 */
import { reject, type Decision, type Rejection } from '@sa/domain-shared';

export const intakeRejectionCodes = [
  // application lifecycle
  'APPLICATION_ID_REQUIRED',
  'APPLICATION_ALREADY_SUBMITTED',
  'APPLICATION_NOT_FOUND',
  'APPLICATION_WITHDRAWN',
  'APPLICATION_ALREADY_DECIDED',
  'OUTCOME_ALREADY_RECORDED',
  'NOTHING_TO_AMEND',
  'REASON_REQUIRED',
  // what an application declares
  'INVALID_PROGRAMME',
  'INVALID_APPLICATION_LOCATION',
  'INVALID_CHANNEL',
  'INVALID_REGION_CODE',
  'INVALID_OUTCOME',
  'HOUSEHOLD_MEMBERS_REQUIRED',
  'HOUSEHOLD_TOO_LARGE',
  'HOUSEHOLD_NEEDS_ONE_APPLICANT',
  'MEMBER_ID_REQUIRED',
  'MEMBER_NAME_REQUIRED',
  'INVALID_RESIDENT_ID',
  'DUPLICATE_HOUSEHOLD_MEMBER',
  'INVALID_RELATION',
  'BIRTH_DATE_MISMATCH',
  'INVALID_DISABILITY_GRADE',
  'INVALID_WORK_ABILITY',
  'INVALID_INCOME_KIND',
  'INVALID_AMOUNT',
  'INVALID_ASSET_COUNT',
  'INVALID_BANK_ACCOUNT',
  'ECONOMIC_CHECK_CONSENT_REQUIRED',
  'INVALID_CONSENT',
  'NEAR_RELATIVE_DETAILS_REQUIRED',
  'NEAR_RELATIVE_FILING_CANNOT_BE_REMOVED',
  'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION',
  // active-discovery leads
  'LEAD_ID_REQUIRED',
  'LEAD_ALREADY_RAISED',
  'LEAD_NOT_FOUND',
  'LEAD_ALREADY_CONVERTED',
  'LEAD_ALREADY_DISMISSED',
  'INVALID_LEAD_SOURCE',
  'LEAD_CONCERN_REQUIRED',
  'LEAD_SUBJECT_REQUIRED',
] as const;

export type IntakeRejectionCode = (typeof intakeRejectionCodes)[number];

export interface IntakeRejection extends Rejection {
  readonly code: IntakeRejectionCode;
}

export function problem(code: IntakeRejectionCode, message: string, field?: string): IntakeRejection {
  return field === undefined ? { code, message } : { code, message, field };
}

export function rejectWith(rejection: Rejection): Decision<never> {
  return reject(rejection.code, rejection.message, rejection.field);
}
