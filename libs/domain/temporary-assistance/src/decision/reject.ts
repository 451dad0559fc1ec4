import { accept, isBlank, type Decision } from '@sa/domain-shared';
import { problem, rejectWith } from '../rejections';
import { openedOrRefused, referralFacts } from './approve';
import { segregationProblem, tierOf } from './authority';
import type { RejectTemporaryAssistance } from './commands';
import type { TemporaryDecisionEvent } from './events';
import type { TemporaryDecisionState } from './state';

/** A refusal names its reasons (the household is told them in writing), by the township or the county, never by whoever took the application. */
export function decideReject(command: RejectTemporaryAssistance, state: TemporaryDecisionState): Decision<TemporaryDecisionEvent> {
  const found = openedOrRefused(state, command.caseId);
  if ('refused' in found) return found.refused;
  const authority = tierOf(command.decidedBy, found.open, 'decidedBy');
  if ('refused' in authority) return rejectWith(authority.refused);
  const invalid = segregationProblem(command.decidedBy, found.open, authority.tier, 'decidedBy');
  if (invalid) return rejectWith(invalid);
  if (isBlank(command.reasons)) return rejectWith(problem('REASONS_REQUIRED', 'A rejection records its reasons', 'reasons'));
  if (authority.tier === 'township' && found.open.status === 'awaiting-county') {
    return rejectWith(problem('CASE_ALREADY_WITH_COUNTY', `Case ${command.caseId} is with the county for approval`, 'caseId'));
  }
  const { type: _type, ...data } = command;
  const { stillInHardship: _s, ...referral } = referralFacts(found.open, true);
  return accept<TemporaryDecisionEvent>({ type: 'TemporaryAssistanceRejected', data: { ...data, township: found.open.facts.township, ...referral } });
}
