/**
 * Every reason the Case aggregate refuses a command, as a stable code. Services map codes to HTTP
 * statuses and screens to messages, so a code never changes meaning once published.
 */
import { reject, type Decision, type Rejection } from '@sa/domain-shared';

export const approvalRejectionCodes = [
  // the case itself
  'CASE_NOT_FOUND',
  'CASE_ALREADY_OPENED',
  'APPLICATION_ALREADY_RECEIVED',
  'CASE_ALREADY_DECIDED',
  'WRONG_CASE',
  // what commands carry
  'APPLICATION_ID_REQUIRED',
  'INVALID_PROGRAMME',
  'INVALID_REGION_CODE',
  'INVALID_DATE',
  'INVALID_TIMESTAMP',
  'TODAY_MISMATCH',
  'INVALID_REASON',
  'REASON_REQUIRED',
  'TEXT_REQUIRED',
  'TEXT_TOO_LONG',
  'INVALID_AMOUNT',
  'INVALID_ACTOR',
  'HOUSEHOLD_MEMBERS_REQUIRED',
  'INVALID_RESIDENT_ID',
  'APPLICANT_NOT_A_MEMBER',
  'INVALID_PHONE',
  'INVALID_FLAG',
  'INVALID_BANK_ACCOUNT',
  'INVALID_CHECK',
  'INVALID_NOTICE_DAYS',
  'INVALID_RECOMMENDATION',
  'INVALID_OUTCOME',
  // who may act
  'ROLE_NOT_ALLOWED',
  'ORG_UNIT_LEVEL_NOT_ALLOWED',
  'OUTSIDE_JURISDICTION',
  'SEGREGATION_OF_DUTIES',
  'CONFIRMATION_NOT_DELEGATED',
  'NEAR_RELATIVE_REQUIRES_COUNTY',
  'COUNTY_HOME_VISIT_REQUIRED',
  // the order 核对 → 审核 → 公示 → 确认
  'CHECK_ALREADY_RECORDED',
  'CHECK_FOUND_INELIGIBLE',
  'REINVESTIGATION_REQUIRED',
  'REVIEW_REQUIRED',
  'REVIEW_ALREADY_COMPLETED',
  'REVIEW_RECOMMENDED_REJECTION',
  'NOTICE_REQUIRED',
  'NOTICE_ALREADY_POSTED',
  'OUTSIDE_NOTICE_PERIOD',
  'NOTICE_PERIOD_NOT_ENDED',
  'OBJECTION_ALREADY_LODGED',
  'OBJECTION_NOT_FOUND',
  'OBJECTION_ALREADY_RESOLVED',
  'OBJECTION_UNRESOLVED',
  // green channel
  'GREEN_CHANNEL_ALREADY_GRANTED',
] as const;

export type ApprovalRejectionCode = (typeof approvalRejectionCodes)[number];

export interface ApprovalRejection extends Rejection {
  readonly code: ApprovalRejectionCode;
  readonly field: string;
}

export function problem(code: ApprovalRejectionCode, message: string, field: string): ApprovalRejection {
  return { code, message, field };
}

export function refuse(rejection: Rejection): Decision<never> {
  return reject(rejection.code, rejection.message, rejection.field);
}
