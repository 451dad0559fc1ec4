/**
 * 渐退期: when a dibao household's income reaches the standard, payments continue for
 * policy.gradualExitMonths months from fromMonth (same amount), then end with reason 'exit'
 * ("对家庭人均收入超过当地低保标准的，给予六个月的渐退期", seed 001). "Reaches" means at or above: at the
 * standard the gap (补差) is already zero. Compared exactly for the household, in fen: counted
 * household income ≥ householdSize × standard, the same formula as the gap; the per-capita figure
 * is rounded, so comparing it would start an exit for a household still one fen short.
 */
import { accept, addMonths, type Decision } from '@sa/domain-shared';
import { problem, refuse } from '../rejections';
import { actorProblem, fenProblem, firstOf, idProblem, instantProblem, monthProblem, textProblem } from '../validation';
import type { StartGradualExit } from './commands';
import type { EntitlementEvent } from './events';
import { grantedEntitlement, isRejection } from './guards';
import { isStoppedIn, type EntitlementState } from './state';

export interface GradualExitPeriod {
  /** Last month still paid, or null when there are no gradual-exit months. */
  readonly lastPaidMonth: string | null;
  /** First month no longer paid. */
  readonly stopMonth: string;
}

export function gradualExitPeriod(fromMonth: string, months: number): GradualExitPeriod {
  return { lastPaidMonth: months > 0 ? addMonths(fromMonth, months - 1) : null, stopMonth: addMonths(fromMonth, months) };
}

export function decideStartGradualExit(command: StartGradualExit, state: EntitlementState): Decision<EntitlementEvent> {
  const months = command.gradualExitMonths;
  const invalid = firstOf(
    () => idProblem(command.entitlementId, 'entitlementId'),
    () => fenProblem(command.countedHouseholdIncomeFen, 'countedHouseholdIncomeFen'),
    () =>
      Number.isInteger(command.householdSize) && command.householdSize >= 1 && command.householdSize <= 30
        ? undefined
        : problem('INVALID_HOUSEHOLD_SIZE', 'must be a whole number from 1 to 30', 'householdSize'),
    () => fenProblem(command.perCapitaCountedIncomeFen, 'perCapitaCountedIncomeFen'),
    () => fenProblem(command.standardFen, 'standardFen', 1),
    () =>
      Number.isInteger(months) && months >= 0 && months <= 24
        ? undefined
        : problem('INVALID_GRADUAL_EXIT_MONTHS', 'must be a whole number of months from 0 to 24', 'gradualExitMonths'),
    () => monthProblem(command.fromMonth, 'fromMonth'),
    () => textProblem(command.policyId, 'policyId', 64),
    () => actorProblem(command.decidedBy, 'decidedBy'),
    () => instantProblem(command.decidedAt, 'decidedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = grantedEntitlement(state, command.entitlementId);
  if (isRejection(current)) return refuse(current);
  const refused = firstOf(
    () => (current.programme === 'dibao' ? undefined : problem('GRADUAL_EXIT_NOT_APPLICABLE', 'gradual exit applies to dibao households', 'entitlementId')),
    () =>
      current.gradualExit ? problem('GRADUAL_EXIT_ALREADY_STARTED', `the gradual exit began in ${current.gradualExit.fromMonth}`, 'entitlementId') : undefined,
    () =>
      isStoppedIn(current, command.fromMonth)
        ? problem('ENTITLEMENT_STOPPED', `the entitlement stops from ${current.stop?.effectiveMonth}`, 'fromMonth')
        : undefined,
    () =>
      command.countedHouseholdIncomeFen < command.standardFen * command.householdSize
        ? problem(
            'INCOME_NOT_ABOVE_STANDARD',
            `counted household income ${command.countedHouseholdIncomeFen} fen is still below ${command.householdSize} × ${command.standardFen} fen: the household stays entitled`,
            'countedHouseholdIncomeFen',
          )
        : undefined,
  );
  if (refused) return refuse(refused);
  const { entitlementId, fromMonth, countedHouseholdIncomeFen, householdSize, perCapitaCountedIncomeFen, standardFen, policyId, decidedBy, decidedAt } =
    command;
  const { applicationId } = current;
  const period = gradualExitPeriod(fromMonth, months);
  const started: EntitlementEvent = {
    type: 'GradualExitStarted',
    data: {
      entitlementId,
      applicationId,
      fromMonth,
      months,
      lastPaidMonth: period.lastPaidMonth,
      countedHouseholdIncomeFen,
      householdSize,
      perCapitaCountedIncomeFen,
      standardFen,
      policyId,
      decidedBy,
      decidedAt,
    },
  };
  // An earlier stop (say, a move) stays; the exit would only be later.
  if (current.stop && current.stop.effectiveMonth <= period.stopMonth) return accept(started);
  const detail = `家庭人均收入达到或超过低保标准，渐退期${months}个月期满退出`;
  return accept<EntitlementEvent>(started, {
    type: 'EntitlementStopped',
    data: { entitlementId, applicationId, reason: 'exit', detail, effectiveMonth: period.stopMonth, stoppedBy: decidedBy, stoppedAt: decidedAt },
  });
}
