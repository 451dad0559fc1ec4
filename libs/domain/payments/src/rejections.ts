/**
 * Every reason the payments deciders refuse a command, as a stable code with its kind, declared
 * once: HTTP statuses and consumers' "already done" follow the kind, screens map codes to messages,
 * so a code never changes meaning once published.
 */
import { refusalOf, reject, type Decision, type Rejection, type RefusalCodes } from '@sa/domain-shared';

export const paymentsRefusals = {
  // what commands carry
  ID_REQUIRED: 'invalid',
  INVALID_PROGRAMME: 'invalid',
  INVALID_REGION_CODE: 'invalid',
  INVALID_DATE: 'invalid',
  INVALID_MONTH: 'invalid',
  INVALID_TIMESTAMP: 'invalid',
  INVALID_AMOUNT: 'invalid',
  INVALID_HOUSEHOLD_SIZE: 'invalid',
  INVALID_ACTOR: 'invalid',
  INVALID_BANK_ACCOUNT: 'invalid',
  INVALID_MEMBERS: 'invalid',
  INVALID_RESIDENT_ID: 'invalid',
  DUPLICATE_MEMBER: 'invalid',
  INVALID_REASON: 'invalid',
  INVALID_GRADUAL_EXIT_MONTHS: 'invalid',
  TEXT_REQUIRED: 'invalid',
  TEXT_TOO_LONG: 'invalid',
  // entitlements
  ENTITLEMENT_NOT_FOUND: 'not-found',
  ENTITLEMENT_ALREADY_GRANTED: 'conflict',
  WRONG_ENTITLEMENT: 'invalid',
  NOT_ENTITLED: 'invalid',
  ENTITLEMENT_STOPPED: 'conflict',
  ENTITLEMENT_ALREADY_STOPPED: 'conflict',
  DEATH_ALREADY_REPORTED: 'conflict',
  MEMBER_NOT_COVERED: 'invalid',
  ALREADY_SUSPENDED: 'conflict',
  NOT_SUSPENDED: 'conflict',
  GRADUAL_EXIT_NOT_APPLICABLE: 'invalid',
  GRADUAL_EXIT_ALREADY_STARTED: 'conflict',
  INCOME_NOT_ABOVE_STANDARD: 'invalid',
  // one resident, one live benefit
  RESIDENT_ALREADY_ON_BENEFIT: 'conflict',
  // payroll runs
  PAYROLL_ID_MISMATCH: 'invalid',
  PAYROLL_ALREADY_STARTED: 'conflict',
  PAYROLL_NOT_FOUND: 'not-found',
  DUPLICATE_ENTITLEMENT: 'invalid',
  UNKNOWN_INSTRUCTION: 'invalid',
  AMOUNT_MISMATCH: 'invalid',
  SETTLEMENT_CONFLICT: 'conflict',
  PAYROLL_MONTH_NOT_STARTED: 'invalid',
  PAYROLL_MONTH_BEFORE_POLICY: 'invalid',
  INVALID_BATCH_SIZE: 'invalid',
  PAYROLL_CLOSED: 'conflict',
  BATCH_OUT_OF_ORDER: 'invalid',
  ENTITLEMENT_OUT_OF_ORDER: 'invalid',
} as const satisfies RefusalCodes;

export type PaymentsRejectionCode = keyof typeof paymentsRefusals;

export interface PaymentsRejection extends Rejection {
  readonly code: PaymentsRejectionCode;
  readonly field: string;
}

const declared = refusalOf(paymentsRefusals);

export function problem(code: PaymentsRejectionCode, message: string, field: string): PaymentsRejection {
  return { ...declared(code, message, field), field };
}

export function refuse(rejection: PaymentsRejection): Decision<never> {
  return reject(rejection);
}
