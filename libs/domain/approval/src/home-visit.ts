/** 入户核查 by the county: what a near-relative case (近亲属备案) needs before it can be approved. */
import { accept, type Decision } from '@sa/domain-shared';
import { authorityProblem } from './authority';
import type { RecordCountyHomeVisit } from './commands';
import type { CaseEvent } from './events';
import { isRejection, undecidedCase } from './guards';
import { refuse } from './rejections';
import type { CaseState } from './state';
import { actorProblem, dateProblem, firstOf, idProblem, instantProblem, textProblem } from './validation';

export function decideCountyHomeVisit(command: RecordCountyHomeVisit, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => dateProblem(command.visitedOn, 'visitedOn'),
    () => textProblem(command.findings, 'findings', 2000),
    () => actorProblem(command.visitedBy, 'visitedBy'),
    () => instantProblem(command.recordedAt, 'recordedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  // The point is an independent look from above the township, so only county staff count.
  const refused = authorityProblem(command.visitedBy, current.facts.region, ['investigator', 'county-approver'], ['county'], 'visitedBy');
  if (refused) return refuse(refused);
  const { applicationId, visitedOn, findings, visitedBy, recordedAt } = command;
  return accept({ type: 'CountyHomeVisitRecorded', data: { applicationId, visitedOn, findings, visitedBy, recordedAt } });
}
