/**
 * Every reason the payments deciders refuse a command, as a stable code. Services map codes to
 * HTTP statuses and screens to messages, so a code never changes meaning once published.
 */
import { reject, type Decision, type Rejection } from '@sa/domain-shared';

export const paymentsRejectionCodes = [
  // what commands carry
  'ID_REQUIRED',
  'INVALID_PROGRAMME',
  'INVALID_REGION_CODE',
  'INVALID_DATE',
  'INVALID_MONTH',
  'INVALID_TIMESTAMP',
  'INVALID_AMOUNT',
  'INVALID_HOUSEHOLD_SIZE',
  'INVALID_ACTOR',
  'INVALID_BANK_ACCOUNT',
  'INVALID_MEMBERS',
  'INVALID_RESIDENT_ID',
  'DUPLICATE_MEMBER',
  'INVALID_REASON',
  'INVALID_GRADUAL_EXIT_MONTHS',
  'TEXT_REQUIRED',
  'TEXT_TOO_LONG',
  // entitlements
  'ENTITLEMENT_NOT_FOUND',
  'ENTITLEMENT_ALREADY_GRANTED',
  'WRONG_ENTITLEMENT',
  'NOT_ENTITLED',
  'ENTITLEMENT_STOPPED',
  'ENTITLEMENT_ALREADY_STOPPED',
  'DEATH_ALREADY_REPORTED',
  'MEMBER_NOT_COVERED',
  'ALREADY_SUSPENDED',
  'NOT_SUSPENDED',
  'GRADUAL_EXIT_NOT_APPLICABLE',
  'GRADUAL_EXIT_ALREADY_STARTED',
  'INCOME_NOT_ABOVE_STANDARD',
  // one resident, one live benefit
  'RESIDENT_ALREADY_ON_BENEFIT',
  // payroll runs
  'PAYROLL_ID_MISMATCH',
  'PAYROLL_ALREADY_STARTED',
  'PAYROLL_NOT_FOUND',
  'DUPLICATE_ENTITLEMENT',
  'UNKNOWN_INSTRUCTION',
  'AMOUNT_MISMATCH',
  'SETTLEMENT_CONFLICT',
  'PAYROLL_MONTH_NOT_STARTED',
  'PAYROLL_MONTH_BEFORE_POLICY',
  'INVALID_BATCH_SIZE',
  'PAYROLL_CLOSED',
  'BATCH_OUT_OF_ORDER',
  'ENTITLEMENT_OUT_OF_ORDER',
] as const;

export type PaymentsRejectionCode = (typeof paymentsRejectionCodes)[number];

export interface PaymentsRejection extends Rejection {
  readonly code: PaymentsRejectionCode;
  readonly field: string;
}

export function problem(code: PaymentsRejectionCode, message: string, field: string): PaymentsRejection {
  return { code, message, field };
}

export function refuse(rejection: Rejection): Decision<never> {
  return reject(rejection.code, rejection.message, rejection.field);
}
