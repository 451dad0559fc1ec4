/**
 * What an automatic check (自动核对) does next: the steps run one after the other, each its own
 * event, so an auditor sees when the department data was taken, when and under which policy the
 * household was assessed, and when the check completed. A runner that stopped half-way resumes
 * from the state alone.
 */
import type { HouseholdCheckState } from './state';

export type CheckStep = 'collect-department-data' | 'assess-household' | 'complete-check';

/** The next step of the open round, or undefined when there is no open round. */
export function nextCheckStep(state: HouseholdCheckState): { readonly step: CheckStep; readonly checkId: string } | undefined {
  if (state.status !== 'open') return undefined;
  const { round } = state;
  if (round.data === undefined) return { step: 'collect-department-data', checkId: round.checkId };
  if (round.assessed === undefined) return { step: 'assess-household', checkId: round.checkId };
  return { step: 'complete-check', checkId: round.checkId };
}
