/**
 * 公示异议: objections lodged during the notice, resolved as sustained (the case goes back for a new
 * check, review and notice) or dismissed.
 */
import { accept, chinaDate, type Decision } from '@sa/domain-shared';
import { authorityProblem, jurisdictionProblem, roleProblem } from './authority';
import type { LodgeObjection, ResolveObjection } from './commands';
import type { CaseEvent } from './events';
import { isRejection, undecidedCase } from './guards';
import { isDuringNotice } from './notice';
import { problem, refuse } from './rejections';
import type { CaseState } from './state';
import { actorProblem, firstOf, idProblem, instantProblem, isBlank, textProblem } from './validation';

export function decideLodgeObjection(command: LodgeObjection, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => (isBlank(command.objectionId) ? problem('TEXT_REQUIRED', 'must not be empty', 'objectionId') : undefined),
    () => textProblem(command.summary, 'summary', 1000),
    () => instantProblem(command.lodgedAt, 'lodgedAt'),
    () => actorProblem(command.recordedBy, 'recordedBy'),
  );
  if (invalid) return refuse(invalid);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  const lodgedOn = chinaDate(command.lodgedAt);
  const refused =
    roleProblem(command.recordedBy, ['intake-worker', 'investigator', 'township-reviewer', 'county-approver'], 'recordedBy') ??
    jurisdictionProblem(command.recordedBy, current.facts.region, 'recordedBy') ??
    (Object.hasOwn(current.objections, command.objectionId)
      ? problem('OBJECTION_ALREADY_LODGED', 'an objection with this id is already recorded', 'objectionId')
      : undefined);
  if (refused) return refuse(refused);
  const notice = current.phase === 'on-notice' ? current.notice : undefined;
  if (!notice) return refuse(problem('NOTICE_REQUIRED', 'objections are lodged while the case is on public notice', 'applicationId'));
  if (!isDuringNotice(notice, lodgedOn)) {
    return refuse(problem('OUTSIDE_NOTICE_PERIOD', `the notice runs ${notice.startsOn} to ${notice.endsOn}; lodged on ${lodgedOn}`, 'lodgedAt'));
  }
  const { applicationId, objectionId, summary, lodgedAt, recordedBy } = command;
  return accept({ type: 'ObjectionLodged', data: { applicationId, objectionId, summary, lodgedAt, recordedBy } });
}

export function decideResolveObjection(command: ResolveObjection, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => (['sustained', 'dismissed'].includes(command.outcome) ? undefined : problem('INVALID_OUTCOME', 'must be sustained or dismissed', 'outcome')),
    () => textProblem(command.explanation, 'explanation', 1000),
    () => actorProblem(command.resolvedBy, 'resolvedBy'),
    () => instantProblem(command.resolvedAt, 'resolvedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  // Own properties only: an id such as "constructor" must not find Object.prototype's.
  const objection = Object.hasOwn(current.objections, command.objectionId) ? current.objections[command.objectionId] : undefined;
  const refused =
    authorityProblem(command.resolvedBy, current.facts.region, ['township-reviewer', 'county-approver'], ['township', 'county'], 'resolvedBy') ??
    (objection === undefined ? problem('OBJECTION_NOT_FOUND', 'no objection with this id was lodged on the case', 'objectionId') : undefined) ??
    (objection?.status !== 'open' ? problem('OBJECTION_ALREADY_RESOLVED', `the objection was already ${objection?.status}`, 'objectionId') : undefined);
  if (refused) return refuse(refused);
  const { applicationId, objectionId, outcome, explanation, resolvedBy, resolvedAt } = command;
  const resolved: CaseEvent = { type: 'ObjectionResolved', data: { applicationId, objectionId, outcome, explanation, resolvedBy, resolvedAt } };
  if (outcome === 'dismissed') return accept(resolved);
  const sentBack: CaseEvent = {
    type: 'CaseSentBackForReinvestigation',
    data: { applicationId, region: current.facts.region, objectionId, reason: explanation, sentBackBy: resolvedBy, sentBackAt: resolvedAt },
  };
  return accept<CaseEvent>(resolved, sentBack);
}
