/** Every reason the temporary-assistance context refuses a command, declared once with its kind. */
import { refusalOf, reject, type Decision, type Rejection, type RefusalCodes } from '@sa/domain-shared';

export const temporaryAssistanceRefusals = {
  // the case (intake)
  CASE_ID_REQUIRED: 'invalid',
  CASE_ALREADY_OPEN: 'conflict',
  CASE_NOT_FOUND: 'not-found',
  INVALID_CATEGORY: 'invalid',
  INVALID_CIRCUMSTANCE: 'invalid',
  INVALID_SEVERITY: 'invalid',
  INVALID_CHANNEL: 'invalid',
  INVALID_REGION_CODE: 'invalid',
  EMERGENCY_LOCATION_TOO_COARSE: 'invalid',
  INVALID_DATE: 'invalid',
  INVALID_RESIDENT_ID: 'invalid',
  APPLICANT_NAME_REQUIRED: 'invalid',
  DESCRIPTION_REQUIRED: 'invalid',
  INVALID_HOUSEHOLD_SIZE: 'invalid',
  INVALID_AMOUNT: 'invalid',
  LEAD_ID_REQUIRED: 'invalid',
  URGENT_PAYMENT_ALREADY_RECORDED: 'conflict',
  DOCUMENTS_REQUIRED: 'invalid',
  DOCUMENTS_ALREADY_RECEIVED: 'conflict',
  NOTHING_OVERDUE: 'conflict',
  APPLICATION_ID_REQUIRED: 'invalid',
  INVALID_PROGRAMME: 'invalid',
  CASE_ALREADY_CONVERTED: 'conflict',
  // the tiered decision (approval)
  ROLE_NOT_ALLOWED: 'forbidden',
  OUTSIDE_JURISDICTION: 'forbidden',
  SEGREGATION_OF_DUTIES: 'forbidden',
  COUNTY_APPROVAL_REQUIRED: 'forbidden',
  TOWNSHIP_REVIEW_REQUIRED: 'conflict',
  CASE_ALREADY_DECIDED: 'conflict',
  CASE_ALREADY_WITH_COUNTY: 'conflict',
  REASONS_REQUIRED: 'invalid',
  AMOUNT_OUTSIDE_POLICY_RANGE: 'invalid',
  YEARLY_CAP_EXCEEDED: 'invalid',
  STAGES_REQUIRED: 'invalid',
  INVALID_STAGE: 'invalid',
  STAGES_DO_NOT_ADD_UP: 'invalid',
  // the township reserve fund (payments)
  ALLOCATION_ALREADY_RECORDED: 'conflict',
  DRAW_ALREADY_RECORDED: 'conflict',
  CASE_OF_ANOTHER_TOWNSHIP: 'conflict',
  REIMBURSEMENT_ALREADY_RECORDED: 'conflict',
  INSUFFICIENT_RESERVE_FUND: 'conflict',
  URGENT_AMOUNT_ABOVE_POLICY: 'invalid',
  INVALID_PAYMENT_METHOD: 'invalid',
  INVALID_PAYEE: 'invalid',
  // staged payments (payments)
  STAGES_ALREADY_SCHEDULED: 'conflict',
  STAGE_NOT_FOUND: 'not-found',
  STAGE_ALREADY_ISSUED: 'conflict',
  STAGE_NOT_DUE: 'conflict',
  STAGE_NOT_ISSUED: 'conflict',
  STAGE_RESULT_ALREADY_RECORDED: 'conflict',
} as const satisfies RefusalCodes;

export type TemporaryAssistanceRejectionCode = keyof typeof temporaryAssistanceRefusals;

export interface TemporaryAssistanceRejection extends Rejection {
  readonly code: TemporaryAssistanceRejectionCode;
}

const declared = refusalOf(temporaryAssistanceRefusals);

export function problem(code: TemporaryAssistanceRejectionCode, message: string, field?: string): TemporaryAssistanceRejection {
  return declared(code, message, field);
}

export function rejectWith(rejection: TemporaryAssistanceRejection): Decision<never> {
  return reject(rejection);
}
