/**
 * What intake changes after the case began: corrected facts (before a decision) and withdrawal. A
 * withdrawn case ends without a decision; an amended one keeps its step, since the new economic
 * check that follows a correction is what sends it back to review.
 */
import { accept, type Decision, type RegionCode } from '@sa/domain-shared';
import type { AmendApplication, WithdrawCase } from './commands';
import type { ApplicationAmended, CaseEvent } from './events';
import { isRejection, undecidedCase } from './guards';
import { bankAccountProblem, membersProblem } from './opening';
import { problem, refuse, type ApprovalRejection } from './rejections';
import type { CaseState } from './state';
import { actorProblem, firstOf, flagProblem, idProblem, instantProblem, regionCodeOf, regionProblem, textProblem } from './validation';

export function decideAmendApplication(command: AmendApplication, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => changesProblem(command.changes),
    () => textProblem(command.reason, 'reason', 500),
    () => actorProblem(command.amendedBy, 'amendedBy'),
    () => instantProblem(command.amendedAt, 'amendedAt'),
  );
  if (invalid) return refuse(invalid);
  const refused = beforeDecisionProblem(state, command.applicationId);
  if (refused) return refuse(refused);
  const { applicationId, reason, amendedBy, amendedAt } = command;
  return accept({ type: 'ApplicationAmended', data: { applicationId, changes: pickedChanges(command.changes), reason, amendedBy, amendedAt } });
}

export function decideWithdrawCase(command: WithdrawCase, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => textProblem(command.reason, 'reason', 500),
    () => actorProblem(command.withdrawnBy, 'withdrawnBy'),
    () => instantProblem(command.withdrawnAt, 'withdrawnAt'),
  );
  if (invalid) return refuse(invalid);
  const refused = beforeDecisionProblem(state, command.applicationId);
  if (refused) return refuse(refused);
  const { applicationId, reason, withdrawnBy, withdrawnAt } = command;
  return accept({ type: 'CaseWithdrawn', data: { applicationId, reason, withdrawnBy, withdrawnAt } });
}

/** Intake's changes apply to an open, undecided case, or to an application still waiting for its check. */
function beforeDecisionProblem(state: CaseState, applicationId: string): ApprovalRejection | undefined {
  if (state.phase !== 'not-opened') {
    const current = undecidedCase(state, applicationId);
    return isRejection(current) ? current : undefined;
  }
  if (state.withdrawn) return problem('CASE_ALREADY_DECIDED', 'the application was already withdrawn', 'applicationId');
  if (!state.application) return problem('CASE_NOT_FOUND', 'no application has arrived for this case', 'applicationId');
  return state.application.applicationId === applicationId
    ? undefined
    : problem('WRONG_CASE', `this stream holds case ${state.application.applicationId}`, 'applicationId');
}

function changesProblem(c: AmendApplication['changes'] | undefined): ApprovalRejection | undefined {
  if (!c || Object.values(c).every((v) => v === undefined)) return problem('TEXT_REQUIRED', 'must change at least one part', 'changes');
  return firstOf(
    () => (c.region === undefined ? undefined : regionProblem(c.region, 'changes.region')),
    () => (c.household === undefined ? undefined : membersProblem(c.household.members, c.household.applicantMemberId)),
    () => (c.household === undefined ? undefined : flagProblem(c.household.involvesMinor, 'changes.household.involvesMinor')),
    () => (c.bankAccount === undefined ? undefined : bankAccountProblem(c.bankAccount)),
    () =>
      c.consents === undefined
        ? undefined
        : (flagProblem(c.consents.economicCheck, 'changes.consents.economicCheck') ??
          flagProblem(c.consents.charityReferral, 'changes.consents.charityReferral')),
    () => (c.nearRelative === undefined ? undefined : flagProblem(c.nearRelative, 'changes.nearRelative')),
  );
}

/** Fields picked one by one, so nothing a caller adds leaks into the history. */
function pickedChanges(c: AmendApplication['changes']): ApplicationAmended['data']['changes'] {
  const household = c.household;
  return {
    ...(c.region === undefined ? {} : { region: regionCodeOf(c.region) as RegionCode }),
    ...(household === undefined
      ? {}
      : {
          members: household.members.map(({ memberId, residentId, name }) => ({ memberId, residentId: residentId.trim().toUpperCase(), name })),
          applicantMemberId: household.applicantMemberId,
          involvesMinor: household.involvesMinor,
        }),
    ...(c.bankAccount === undefined
      ? {}
      : { bankAccount: { bankName: c.bankAccount.bankName, accountHolder: c.bankAccount.accountHolder, accountNumber: c.bankAccount.accountNumber } }),
    ...(c.consents === undefined ? {} : { consents: { economicCheck: c.consents.economicCheck, charityReferral: c.consents.charityReferral } }),
    ...(c.nearRelative === undefined ? {} : { nearRelative: c.nearRelative }),
  };
}
