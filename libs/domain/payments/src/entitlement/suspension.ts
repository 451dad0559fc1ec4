/** Suspension (暂停发放, until resumed) and termination (停发, for good) with a stated reason. */
import { accept, type Decision } from '@sa/domain-shared';
import { problem, refuse } from '../rejections';
import { actorProblem, firstOf, idProblem, instantProblem, monthProblem, oneOfProblem, textProblem } from '../validation';
import { suspensionReasons, terminationReasons } from '../values';
import type { ResumeEntitlement, SuspendEntitlement, TerminateEntitlement } from './commands';
import type { EntitlementEvent } from './events';
import { grantedEntitlement, isRejection } from './guards';
import { isStoppedIn, openSuspension, type EntitlementState } from './state';

export function decideSuspend(command: SuspendEntitlement, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = firstOf(
    () => idProblem(command.entitlementId, 'entitlementId'),
    () => monthProblem(command.fromMonth, 'fromMonth'),
    () => oneOfProblem(suspensionReasons, command.reason, 'reason'),
    () => textProblem(command.detail, 'detail', 1000),
    () => actorProblem(command.suspendedBy, 'suspendedBy'),
    () => instantProblem(command.suspendedAt, 'suspendedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = grantedEntitlement(state, command.entitlementId);
  if (isRejection(current)) return refuse(current);
  if (isStoppedIn(current, command.fromMonth))
    return refuse(problem('ENTITLEMENT_STOPPED', `the entitlement stops from ${current.stop?.effectiveMonth}`, 'fromMonth'));
  if (openSuspension(current)) return refuse(problem('ALREADY_SUSPENDED', 'the entitlement is already suspended', 'entitlementId'));
  const lastResumed = current.suspensions.at(-1)?.untilMonth;
  if (lastResumed !== undefined && command.fromMonth < lastResumed) {
    return refuse(problem('INVALID_MONTH', `must not be before ${lastResumed}, when payments last resumed`, 'fromMonth'));
  }
  const { entitlementId, fromMonth, reason, detail, suspendedBy, suspendedAt } = command;
  return accept({
    type: 'EntitlementSuspended',
    data: { entitlementId, applicationId: current.applicationId, fromMonth, reason, detail, suspendedBy, suspendedAt },
  });
}

export function decideResume(command: ResumeEntitlement, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = firstOf(
    () => idProblem(command.entitlementId, 'entitlementId'),
    () => monthProblem(command.fromMonth, 'fromMonth'),
    () => actorProblem(command.resumedBy, 'resumedBy'),
    () => instantProblem(command.resumedAt, 'resumedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = grantedEntitlement(state, command.entitlementId);
  if (isRejection(current)) return refuse(current);
  const suspension = openSuspension(current);
  if (!suspension) return refuse(problem('NOT_SUSPENDED', 'the entitlement is not suspended', 'entitlementId'));
  if (command.fromMonth <= suspension.fromMonth)
    return refuse(problem('INVALID_MONTH', `must be after ${suspension.fromMonth}, when the suspension began`, 'fromMonth'));
  const { entitlementId, fromMonth, resumedBy, resumedAt } = command;
  return accept({ type: 'EntitlementResumed', data: { entitlementId, applicationId: current.applicationId, fromMonth, resumedBy, resumedAt } });
}

export function decideTerminate(command: TerminateEntitlement, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = firstOf(
    () => idProblem(command.entitlementId, 'entitlementId'),
    () => oneOfProblem(terminationReasons, command.reason, 'reason'),
    () => textProblem(command.detail, 'detail', 1000),
    () => monthProblem(command.effectiveMonth, 'effectiveMonth'),
    () => actorProblem(command.stoppedBy, 'stoppedBy'),
    () => instantProblem(command.stoppedAt, 'stoppedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = grantedEntitlement(state, command.entitlementId);
  if (isRejection(current)) return refuse(current);
  // A stop can only come earlier (e.g. moving away during the gradual-exit period), never later.
  if (isStoppedIn(current, command.effectiveMonth)) {
    return refuse(problem('ENTITLEMENT_ALREADY_STOPPED', `the entitlement already stops from ${current.stop?.effectiveMonth}`, 'effectiveMonth'));
  }
  const { entitlementId, reason, detail, effectiveMonth, stoppedBy, stoppedAt } = command;
  return accept({
    type: 'EntitlementStopped',
    data: { entitlementId, applicationId: current.applicationId, reason, detail, effectiveMonth, stoppedBy, stoppedAt },
  });
}
