/**
 * Every reason the verification deciders refuse a command, as a stable code with its kind, declared
 * once: HTTP statuses and consumers' "already done" follow the kind, screens map codes to messages,
 * so a code never changes meaning once published.
 */
import { refusalOf, reject, type Decision, type Rejection, type RefusalCodes } from '@sa/domain-shared';

export const verificationRefusals = {
  // the check's own state
  CHECK_NOT_FOUND: 'not-found',
  CHECK_CANCELLED: 'conflict',
  CHECK_ALREADY_COMPLETED: 'conflict',
  CHECK_ABANDONED: 'conflict',
  CHECK_ID_MISMATCH: 'conflict',
  CHECK_ALREADY_REQUESTED: 'conflict',
  CHECK_IN_PROGRESS: 'conflict',
  PREVIOUS_CHECK_MISMATCH: 'conflict',
  CHECK_ID_ALREADY_USED: 'conflict',
  // who may act: a person only within their organisation unit's region
  OUTSIDE_JURISDICTION: 'forbidden',
  // without the household's authorisation (核对授权) no department may be asked: not the service's to do
  CONSENT_TO_DATA_CHECK_MISSING: 'forbidden',
  // the order 归集 → 评估 → 完成, and the policy it is assessed under
  DEPARTMENT_DATA_NOT_COLLECTED: 'invalid',
  CHECK_NOT_ASSESSED: 'invalid',
  POLICY_INVALID: 'invalid',
  POLICY_NOT_IN_FORCE: 'invalid',
  // what commands carry
  ASSESSED_AT_INVALID: 'invalid',
  RECORDS_FOR_NON_MEMBER: 'invalid',
  HOUSEHOLD_EMPTY: 'invalid',
  DUPLICATE_MEMBER: 'invalid',
  AMOUNT_INVALID: 'invalid',
  COUNT_INVALID: 'invalid',
  UNKNOWN_MEMBER: 'invalid',
  PERIOD_INVALID: 'invalid',
  // an investigator's finding names an input the household does not have, or lacks its reason
  FINDING_INVALID: 'invalid',
  // the resident register
  RESIDENT_MISMATCH: 'invalid',
} as const satisfies RefusalCodes;

export type VerificationRejectionCode = keyof typeof verificationRefusals;

export interface VerificationRejection extends Rejection {
  readonly code: VerificationRejectionCode;
}

export const verificationProblem: (code: VerificationRejectionCode, message: string, field?: string) => VerificationRejection = refusalOf(verificationRefusals);

/** A refusal with a declared code: the only way the verification deciders refuse. */
export function refuse(code: VerificationRejectionCode, message: string, field?: string): Decision<never> {
  return reject(verificationProblem(code, message, field));
}
