/**
 * Every reason the Case aggregate refuses a command, as a stable code with its kind, declared once
 * here: the HTTP filter answers by the kind and consumers tell "already done" by it, so a code never
 * changes meaning once published. A step taken out of order (审核 before 核对, 确认 before 公示 ends)
 * is 'invalid' (422), as it has been answered since the first release.
 */
import { refusalOf, reject, type Decision, type Rejection, type RefusalCodes } from '@sa/domain-shared';

export const approvalRefusals = {
  // the case itself
  CASE_NOT_FOUND: 'not-found',
  CASE_ALREADY_OPENED: 'conflict',
  APPLICATION_ALREADY_RECEIVED: 'conflict',
  CASE_ALREADY_DECIDED: 'conflict',
  WRONG_CASE: 'invalid',
  // what commands carry
  APPLICATION_ID_REQUIRED: 'invalid',
  INVALID_PROGRAMME: 'invalid',
  INVALID_REGION_CODE: 'invalid',
  INVALID_DATE: 'invalid',
  INVALID_TIMESTAMP: 'invalid',
  TODAY_MISMATCH: 'invalid',
  INVALID_REASON: 'invalid',
  REASON_REQUIRED: 'invalid',
  TEXT_REQUIRED: 'invalid',
  TEXT_TOO_LONG: 'invalid',
  INVALID_AMOUNT: 'invalid',
  INVALID_ACTOR: 'invalid',
  HOUSEHOLD_MEMBERS_REQUIRED: 'invalid',
  INVALID_RESIDENT_ID: 'invalid',
  APPLICANT_NOT_A_MEMBER: 'invalid',
  INVALID_PHONE: 'invalid',
  INVALID_FLAG: 'invalid',
  INVALID_BANK_ACCOUNT: 'invalid',
  INVALID_CHECK: 'invalid',
  INVALID_NOTICE_DAYS: 'invalid',
  INVALID_RECOMMENDATION: 'invalid',
  INVALID_OUTCOME: 'invalid',
  SINGLE_PERSON_CASE_MEMBERS: 'invalid',
  // who may act: authority and segregation of duties (403 with the reason)
  ROLE_NOT_ALLOWED: 'forbidden',
  ORG_UNIT_LEVEL_NOT_ALLOWED: 'forbidden',
  OUTSIDE_JURISDICTION: 'forbidden',
  SEGREGATION_OF_DUTIES: 'forbidden',
  CONFIRMATION_NOT_DELEGATED: 'forbidden',
  NEAR_RELATIVE_REQUIRES_COUNTY: 'forbidden',
  COUNTY_HOME_VISIT_REQUIRED: 'invalid',
  // the order 核对 → 审核 → 公示 → 确认
  CHECK_ALREADY_RECORDED: 'conflict',
  CHECK_FOUND_INELIGIBLE: 'invalid',
  REINVESTIGATION_REQUIRED: 'invalid',
  REVIEW_REQUIRED: 'invalid',
  REVIEW_ALREADY_COMPLETED: 'conflict',
  REVIEW_RECOMMENDED_REJECTION: 'invalid',
  NOTICE_REQUIRED: 'invalid',
  NOTICE_ALREADY_POSTED: 'conflict',
  OUTSIDE_NOTICE_PERIOD: 'invalid',
  NOTICE_PERIOD_NOT_ENDED: 'invalid',
  OBJECTION_ALREADY_LODGED: 'conflict',
  OBJECTION_NOT_FOUND: 'not-found',
  OBJECTION_ALREADY_RESOLVED: 'conflict',
  OBJECTION_UNRESOLVED: 'invalid',
  // green channel
  GREEN_CHANNEL_ALREADY_GRANTED: 'conflict',
  // periodic review (定期核查)
  PERIODIC_REVIEW_NOT_SCHEDULED: 'not-found',
  PERIODIC_REVIEW_ALREADY_SCHEDULED: 'conflict',
  PERIODIC_REVIEW_NOT_DUE: 'conflict',
  PERIODIC_REVIEW_ALREADY_OPEN: 'conflict',
  PERIODIC_REVIEW_NOT_OPEN: 'conflict',
  PERIODIC_REVIEW_NOT_OVERDUE: 'conflict',
  PERIODIC_REVIEW_CLOSED: 'conflict',
  RECHECK_REQUIRED: 'invalid',
  RECHECK_ALREADY_RECORDED: 'conflict',
  OUTCOME_CONTRADICTS_RECHECK: 'invalid',
  INVALID_REVIEW_TERMS: 'invalid',
} as const satisfies RefusalCodes;

export type ApprovalRejectionCode = keyof typeof approvalRefusals;

export interface ApprovalRejection extends Rejection {
  readonly code: ApprovalRejectionCode;
  readonly field: string;
}

const declared = refusalOf(approvalRefusals);

export function problem(code: ApprovalRejectionCode, message: string, field: string): ApprovalRejection {
  return { ...declared(code, message, field), field };
}

export function refuse(rejection: ApprovalRejection): Decision<never> {
  return reject(rejection);
}
