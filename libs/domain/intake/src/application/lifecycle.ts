import { accept, type Decision } from '@sa/domain-shared';
import { problem, rejectWith } from '../rejections';
import { isOneOf, requiredText } from '../validation';
import { applicationOutcomes, type RecordApplicationOutcome, type WithdrawApplication } from './commands';
import type { ApplicationEvent } from './events';
import { activeApplication } from './guards';
import type { ApplicationState } from './state';

export function decideWithdraw(command: WithdrawApplication, state: ApplicationState): Decision<ApplicationEvent> {
  const found = activeApplication(state, command.applicationId, command.withdrawnBy);
  if ('problem' in found) return rejectWith(found.problem);
  const invalid = requiredText(command.reason, 'REASON_REQUIRED', 'reason', 'The reason for withdrawing');
  if (invalid) return rejectWith(invalid);
  return accept<ApplicationEvent>({
    type: 'ApplicationWithdrawn',
    data: { applicationId: command.applicationId, reason: command.reason, withdrawnBy: command.withdrawnBy, withdrawnAt: command.withdrawnAt },
  });
}

/**
 * The decision arrives as a message, and messages can arrive twice: the same outcome again is
 * accepted with no new events, a contradicting one is refused.
 */
export function decideOutcome(command: RecordApplicationOutcome, state: ApplicationState): Decision<ApplicationEvent> {
  if (!isOneOf(applicationOutcomes, command.outcome)) {
    return rejectWith(problem('INVALID_OUTCOME', `Outcome must be one of ${applicationOutcomes.join(', ')}`, 'outcome'));
  }
  if (state.status === 'closed' && state.application.applicationId === command.applicationId) {
    if (state.outcome === command.outcome) return accept<ApplicationEvent>();
    return rejectWith(problem('OUTCOME_ALREADY_RECORDED', `Application ${command.applicationId} was already closed as ${state.outcome}`, 'outcome'));
  }
  const found = activeApplication(state, command.applicationId);
  if ('problem' in found) return rejectWith(found.problem);
  return accept<ApplicationEvent>({
    type: 'ApplicationClosed',
    data: {
      applicationId: command.applicationId,
      outcome: command.outcome,
      decidedAt: command.decidedAt,
      closedBy: command.recordedBy,
      closedAt: command.recordedAt,
    },
  });
}
