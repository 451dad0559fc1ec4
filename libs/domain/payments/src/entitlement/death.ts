/**
 * Death of the recipient. Payment stops from the month after the death (死亡次月停发), so no payroll
 * for that month or later pays it; whatever was already issued for such a month is flagged for
 * recovery (追回). A payment issued after the death was reported (a payroll that ran on an older list)
 * is flagged as soon as it is recorded.
 */
import { accept, addMonths, chinaDate, type Decision } from '@sa/domain-shared';
import { problem, refuse } from '../rejections';
import { actorProblem, dateProblem, fenProblem, firstOf, idProblem, instantProblem, monthProblem } from '../validation';
import type { RecordPaymentIssued, ReportDeath } from './commands';
import type { EntitlementEvent, PaymentFlaggedForRecovery } from './events';
import { grantedEntitlement, isRejection } from './guards';
import type { EntitlementState, GrantedEntitlement } from './state';

/** The first month not owed after a death on dateOfDeath. */
export function firstMonthAfterDeath(dateOfDeath: string): string {
  return addMonths(dateOfDeath.slice(0, 7), 1);
}

export function decideReportDeath(command: ReportDeath, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = firstOf(
    () => idProblem(command.entitlementId, 'entitlementId'),
    () => dateProblem(command.dateOfDeath, 'dateOfDeath'),
    () => actorProblem(command.reportedBy, 'reportedBy'),
    () => instantProblem(command.reportedAt, 'reportedAt'),
    () =>
      command.dateOfDeath > chinaDate(command.reportedAt) ? problem('INVALID_DATE', 'must not be after the day it is reported', 'dateOfDeath') : undefined,
  );
  if (invalid) return refuse(invalid);
  const current = grantedEntitlement(state, command.entitlementId);
  if (isRejection(current)) return refuse(current);
  if (command.memberId !== undefined && !current.members.some((m) => m.memberId === command.memberId)) {
    return refuse(problem('MEMBER_NOT_COVERED', 'is not a member this entitlement covers', 'memberId'));
  }
  if (current.dateOfDeath !== undefined) return refuse(problem('DEATH_ALREADY_REPORTED', `death on ${current.dateOfDeath} is already recorded`, 'dateOfDeath'));
  const { entitlementId, memberId, dateOfDeath, reportedBy, reportedAt } = command;
  const { applicationId } = current;
  const effectiveMonth = firstMonthAfterDeath(dateOfDeath);
  const reported = { entitlementId, applicationId, ...(memberId !== undefined ? { memberId } : {}), dateOfDeath, reportedBy, reportedAt };
  const events: EntitlementEvent[] = [{ type: 'DeathReported', data: reported }];
  if (!current.stop || current.stop.effectiveMonth > effectiveMonth) {
    events.push({
      type: 'EntitlementStopped',
      data: { entitlementId, applicationId, reason: 'death', effectiveMonth, stoppedBy: reportedBy, stoppedAt: reportedAt },
    });
  }
  const overpaid = Object.entries(current.payments)
    .filter(([id, payment]) => payment.month >= effectiveMonth && !current.flaggedForRecovery.includes(id))
    .sort(([a, pa], [b, pb]) => pa.month.localeCompare(pb.month) || a.localeCompare(b))
    .map(([instructionId, payment]) => recoveryFlag(current, instructionId, payment.month, payment.amountFen, reportedAt));
  return accept(...events, ...overpaid);
}

/** Idempotent by instruction id: recording the same payment twice changes nothing. */
export function decideRecordPaymentIssued(command: RecordPaymentIssued, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = firstOf(
    () => idProblem(command.entitlementId, 'entitlementId'),
    () => idProblem(command.payrollId, 'payrollId'),
    () => idProblem(command.instructionId, 'instructionId'),
    () => monthProblem(command.month, 'month'),
    () => fenProblem(command.amountFen, 'amountFen', 1),
    () => instantProblem(command.recordedAt, 'recordedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = grantedEntitlement(state, command.entitlementId);
  if (isRejection(current)) return refuse(current);
  if (Object.hasOwn(current.payments, command.instructionId)) return accept();
  const { entitlementId, payrollId, instructionId, month, amountFen, recordedAt } = command;
  const recorded: EntitlementEvent = {
    type: 'EntitlementPaymentRecorded',
    data: { entitlementId, applicationId: current.applicationId, payrollId, instructionId, month, amountFen, recordedAt },
  };
  const afterDeath = current.dateOfDeath !== undefined && month >= firstMonthAfterDeath(current.dateOfDeath);
  return afterDeath ? accept<EntitlementEvent>(recorded, recoveryFlag(current, instructionId, month, amountFen, recordedAt)) : accept(recorded);
}

function recoveryFlag(
  state: GrantedEntitlement,
  instructionId: string,
  month: string,
  amountFen: PaymentFlaggedForRecovery['data']['amountFen'],
  flaggedAt: string,
): PaymentFlaggedForRecovery {
  return {
    type: 'PaymentFlaggedForRecovery',
    data: { entitlementId: state.entitlementId, applicationId: state.applicationId, instructionId, month, amountFen, reason: 'paid-after-death', flaggedAt },
  };
}
