/**
 * Every reason intake refuses a command, as a stable code with its kind, declared once: HTTP
 * statuses and consumers' "already done" follow the kind, screens map codes to messages, so a code
 * never changes meaning once published.
 */
import { refusalOf, reject, type Decision, type Rejection, type RefusalCodes } from '@sa/domain-shared';

export const intakeRefusals = {
  // application lifecycle
  APPLICATION_ID_REQUIRED: 'invalid',
  APPLICATION_ALREADY_SUBMITTED: 'conflict',
  APPLICATION_NOT_FOUND: 'not-found',
  APPLICATION_WITHDRAWN: 'conflict',
  APPLICATION_ALREADY_DECIDED: 'conflict',
  OUTCOME_ALREADY_RECORDED: 'conflict',
  NOTHING_TO_AMEND: 'invalid',
  REASON_REQUIRED: 'invalid',
  // who may act: a person only within their organisation unit's region
  OUTSIDE_JURISDICTION: 'forbidden',
  // what an application declares
  INVALID_PROGRAMME: 'invalid',
  INVALID_APPLICATION_LOCATION: 'invalid',
  INVALID_CHANNEL: 'invalid',
  INVALID_REGION_CODE: 'invalid',
  INVALID_OUTCOME: 'invalid',
  HOUSEHOLD_MEMBERS_REQUIRED: 'invalid',
  HOUSEHOLD_TOO_LARGE: 'invalid',
  HOUSEHOLD_NEEDS_ONE_APPLICANT: 'invalid',
  MEMBER_ID_REQUIRED: 'invalid',
  MEMBER_NAME_REQUIRED: 'invalid',
  INVALID_RESIDENT_ID: 'invalid',
  DUPLICATE_HOUSEHOLD_MEMBER: 'invalid',
  INVALID_RELATION: 'invalid',
  BIRTH_DATE_MISMATCH: 'invalid',
  INVALID_DISABILITY_GRADE: 'invalid',
  INVALID_WORK_ABILITY: 'invalid',
  // declarations for the economic check's rules (刚性支出, 赡养义务人)
  UNKNOWN_HOUSEHOLD_MEMBER: 'invalid',
  INVALID_STUDENT_STATUS: 'invalid',
  INVALID_RIGID_EXPENDITURE: 'invalid',
  INVALID_SUPPORTER: 'invalid',
  INVALID_INCOME_KIND: 'invalid',
  INVALID_AMOUNT: 'invalid',
  INVALID_ASSET_COUNT: 'invalid',
  INVALID_BANK_ACCOUNT: 'invalid',
  ECONOMIC_CHECK_CONSENT_REQUIRED: 'invalid',
  INVALID_CONSENT: 'invalid',
  NEAR_RELATIVE_DETAILS_REQUIRED: 'invalid',
  NEAR_RELATIVE_FILING_CANNOT_BE_REMOVED: 'invalid',
  RESIDENT_ALREADY_IN_ACTIVE_APPLICATION: 'conflict',
  // active-discovery leads
  LEAD_ID_REQUIRED: 'invalid',
  LEAD_ALREADY_RAISED: 'conflict',
  LEAD_NOT_FOUND: 'not-found',
  LEAD_ALREADY_CONVERTED: 'conflict',
  LEAD_ALREADY_DISMISSED: 'conflict',
  INVALID_LEAD_SOURCE: 'invalid',
  LEAD_CONCERN_REQUIRED: 'invalid',
  LEAD_SUBJECT_REQUIRED: 'invalid',
} as const satisfies RefusalCodes;

export type IntakeRejectionCode = keyof typeof intakeRefusals;

export interface IntakeRejection extends Rejection {
  readonly code: IntakeRejectionCode;
}

const declared = refusalOf(intakeRefusals);

export function problem(code: IntakeRejectionCode, message: string, field?: string): IntakeRejection {
  return declared(code, message, field);
}

export function rejectWith(rejection: IntakeRejection): Decision<never> {
  return reject(rejection);
}
