/**
 * 调整救助金额: a review found the household's figures changed; the entitlement pays the amount
 * computed from them (the same rule as the grant: members × standard − counted income for dibao,
 * standard × persons for extreme poverty) from fromMonth on. Months already paid are not reopened.
 */
import { accept, type Decision } from '@sa/domain-shared';
import { monthlyEntitlementAmount } from '../entitlement-amount';
import { problem, refuse } from '../rejections';
import { actorProblem, fenProblem, firstOf, idProblem, instantProblem, monthProblem, textProblem } from '../validation';
import type { ChangeEntitlementAmount } from './commands';
import type { EntitlementEvent } from './events';
import { grantedEntitlement, isRejection } from './guards';
import { isStoppedIn, monthlyAmountIn, type EntitlementState } from './state';

export function decideChangeAmount(command: ChangeEntitlementAmount, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = firstOf(
    () => idProblem(command.entitlementId, 'entitlementId'),
    () => monthProblem(command.fromMonth, 'fromMonth'),
    () =>
      Number.isInteger(command.householdSize) && command.householdSize >= 1
        ? undefined
        : problem('INVALID_HOUSEHOLD_SIZE', 'must be a whole number of members, at least 1', 'householdSize'),
    () => fenProblem(command.standardFen, 'standardFen', 1),
    () => fenProblem(command.countedHouseholdIncomeFen, 'countedHouseholdIncomeFen'),
    () => textProblem(command.policyId, 'policyId', 64),
    () => textProblem(command.detail, 'detail', 1000),
    () => actorProblem(command.changedBy, 'changedBy'),
    () => instantProblem(command.changedAt, 'changedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = grantedEntitlement(state, command.entitlementId);
  if (isRejection(current)) return refuse(current);
  if (isStoppedIn(current, command.fromMonth)) {
    return refuse(problem('ENTITLEMENT_STOPPED', `the entitlement stops from ${current.stop?.effectiveMonth}`, 'fromMonth'));
  }
  const amount = monthlyEntitlementAmount({ programme: current.programme, ...command });
  if (!amount.entitled) {
    return refuse(
      problem(
        'NOT_ENTITLED',
        'counted household income is at or above members × standard: a review ends such a case, it does not pay 0',
        'countedHouseholdIncomeFen',
      ),
    );
  }
  const previous = monthlyAmountIn(current, command.fromMonth);
  // The same amount from the same month again (a redelivered review) changes nothing.
  if (previous === amount.monthlyAmountFen) return accept();
  const { entitlementId, fromMonth, householdSize, standardFen, countedHouseholdIncomeFen, policyId, detail, changedBy, changedAt } = command;
  return accept({
    type: 'EntitlementAmountChanged',
    data: {
      entitlementId,
      applicationId: current.applicationId,
      fromMonth,
      monthlyAmountFen: amount.monthlyAmountFen,
      previousAmountFen: previous,
      householdSize,
      standardFen,
      countedHouseholdIncomeFen,
      policyId,
      detail,
      changedBy,
      changedAt,
    },
  });
}
