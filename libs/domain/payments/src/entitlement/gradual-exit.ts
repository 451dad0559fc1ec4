/**
 * 渐退期: when a dibao household's per-capita income reaches the standard, payments continue for
 * policy.gradualExitMonths months from fromMonth (same amount), then end with reason 'exit'.
 * "Reaches" means at or above: at the standard the gap (补差) is already zero.
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
      command.perCapitaCountedIncomeFen < command.standardFen
        ? problem(
            'INCOME_NOT_ABOVE_STANDARD',
            'per-capita counted income is still below the standard: the household stays entitled',
            'perCapitaCountedIncomeFen',
          )
        : undefined,
  );
  if (refused) return refuse(refused);
  const { entitlementId, fromMonth, perCapitaCountedIncomeFen, standardFen, policyId, decidedBy, decidedAt } = command;
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
