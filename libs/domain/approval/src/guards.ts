/** Guards every command on an existing case runs first. */
import { problem, type ApprovalRejection } from './rejections';
import { isDecided, type CaseState, type OpenedCase } from './state';

/** The case, when it is open, undecided and the one the command names; otherwise why not. */
export function undecidedCase(state: CaseState, applicationId: string): OpenedCase | ApprovalRejection {
  if (state.phase === 'not-opened') return problem('CASE_NOT_FOUND', 'no case has been opened for this application', 'applicationId');
  if (state.facts.applicationId !== applicationId) return problem('WRONG_CASE', `this stream holds case ${state.facts.applicationId}`, 'applicationId');
  if (isDecided(state)) return problem('CASE_ALREADY_DECIDED', `the case was already ${state.phase}`, 'applicationId');
  return state;
}

export function isRejection(value: OpenedCase | ApprovalRejection): value is ApprovalRejection {
  return 'code' in value;
}
