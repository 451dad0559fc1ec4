/**
 * 先行救助 (green channel): urgent help before the procedure ends, possibly before the case is even
 * opened. It does not replace the procedure: check, review, notice and confirmation still follow.
 */
import { accept, regionLevel, type Decision, type RegionCode, type RegionLevel } from '@sa/domain-shared';
import { authorityProblem } from './authority';
import type { GrantGreenChannelRelief } from './commands';
import type { CaseEvent } from './events';
import { problem, refuse } from './rejections';
import { isDecided, type CaseState } from './state';
import { actorProblem, fenAmountProblem, firstOf, idProblem, instantProblem, programmeProblem, regionCodeOf, regionProblem, textProblem } from './validation';

export function decideGreenChannel(command: GrantGreenChannelRelief, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => programmeProblem(command.programme, 'programme'),
    () => regionProblem(command.region, 'region'),
    () => fenAmountProblem(command.amountFen, 'amountFen', true),
    () => textProblem(command.reason, 'reason', 1000),
    () => actorProblem(command.grantedBy, 'grantedBy'),
    () => instantProblem(command.grantedAt, 'grantedAt'),
  );
  if (invalid) return refuse(invalid);
  const region = regionCodeOf(command.region) as RegionCode;
  const actorLevel: RegionLevel = regionLevel(regionCodeOf(command.grantedBy.orgUnit) as RegionCode);
  const refused = firstOf(
    () => caseProblem(command, state),
    () => (state.greenChannel ? problem('GREEN_CHANNEL_ALREADY_GRANTED', 'green-channel relief was already granted on this case', 'applicationId') : undefined),
    () => authorityProblem(command.grantedBy, region, [actorLevel === 'county' ? 'county-approver' : 'township-reviewer'], ['county', 'township'], 'grantedBy'),
  );
  if (refused) return refuse(refused);
  const { applicationId, programme, amountFen, reason, grantedBy, grantedAt } = command;
  return accept({ type: 'GreenChannelReliefGranted', data: { applicationId, programme, region, amountFen, reason, grantedBy, grantedAt } });
}

function caseProblem(command: GrantGreenChannelRelief, state: CaseState) {
  if (state.phase === 'not-opened') return undefined;
  if (state.facts.applicationId !== command.applicationId) return problem('WRONG_CASE', `this stream holds case ${state.facts.applicationId}`, 'applicationId');
  if (isDecided(state)) return problem('CASE_ALREADY_DECIDED', `the case was already ${state.phase}`, 'applicationId');
  if (state.facts.region !== regionCodeOf(command.region)) return problem('INVALID_REGION_CODE', `must be the case's region ${state.facts.region}`, 'region');
  return undefined;
}
