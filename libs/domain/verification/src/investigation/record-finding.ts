/**
 * RecordFinding → the RequestRecheck it amounts to: the household as the finding corrects it, the
 * investigator as the one who asked (and signs the round off), the finding and its evidence as the
 * reason. The decider then applies the re-check's own rules (a completed round, a new check id).
 */
import type { Decision } from '@sa/domain-shared';
import type { RecordFinding, RequestRecheck } from '../check/messages';
import type { HouseholdCheckState } from '../check/state';
import { refuse } from '../rejections';
import { householdAfterFinding } from './findings';

export function recheckForFinding(command: RecordFinding, state: HouseholdCheckState): { recheck: RequestRecheck } | { rejection: Decision<never> } {
  if (state.status === 'not-requested') return { rejection: refuse('CHECK_NOT_FOUND', 'no check was requested for this application') };
  const { record } = command;
  if (record.reason.trim() === '') return { rejection: refuse('FINDING_INVALID', 'a finding needs a reason', 'reason') };
  const records = state.round.data?.records ?? [];
  const result = householdAfterFinding(state.application.household, record, records);
  if ('problem' in result) return { rejection: refuse(result.problem.code, result.problem.message, result.problem.field) };
  const evidence = record.evidenceReference.trim() === '' ? '' : ` (evidence: ${record.evidenceReference})`;
  return {
    recheck: {
      type: 'RequestRecheck',
      checkId: command.checkId,
      previousCheckId: command.previousCheckId,
      reason: `investigator finding ${record.finding.kind}: ${record.reason}${evidence}`,
      requestedAt: record.recordedAt,
      requestedBy: record.recordedBy,
      household: result.household,
    },
  };
}
