/** HTTP statuses of the HouseholdCheck decider's refusals: missing → 404, state conflicts → 409, rules → 422. */
import type { Rejection } from '@sa/domain-shared';

const conflicts = new Set([
  'CHECK_IN_PROGRESS',
  'CHECK_CANCELLED',
  'CHECK_ALREADY_COMPLETED',
  'CHECK_ALREADY_REQUESTED',
  'CHECK_ID_MISMATCH',
  'PREVIOUS_CHECK_MISMATCH',
  'CHECK_ID_ALREADY_USED',
]);

export function checkStatusFor(rejection: Rejection): 404 | 409 | 422 {
  if (rejection.code.endsWith('NOT_FOUND')) return 404;
  return conflicts.has(rejection.code) ? 409 : 422;
}
