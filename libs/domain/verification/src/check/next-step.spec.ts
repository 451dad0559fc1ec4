import { fold } from '@sa/domain-shared';
import { householdOfThree, jiaojiangVillage, recordsOf, residents, taizhou2025 } from '../testing/fixtures';
import { householdCheckDecider as decider } from './decider';
import type { HouseholdCheckCommand, HouseholdCheckEvent } from './messages';
import { nextCheckStep } from './next-step';

const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
const checkId = '0195f2b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f';

/** The history after the command, as the service's runner appends it. */
function after(history: HouseholdCheckEvent[], command: HouseholdCheckCommand): HouseholdCheckEvent[] {
  const decision = decider.decide(command, fold(decider, history));
  if (!decision.ok) throw new Error(decision.rejection.code);
  return [...history, ...decision.events];
}

const next = (history: HouseholdCheckEvent[]) => nextCheckStep(fold(decider, history));

describe('automatic check steps (自动核对)', () => {
  it('collects, assesses and completes, one step at a time, then has nothing left to do', () => {
    expect(next([])).toBeUndefined();
    let history = after([], {
      type: 'RequestCheck',
      applicationId,
      checkId,
      programme: 'dibao',
      region: jiaojiangVillage,
      area: 'urban',
      household: householdOfThree(),
      consentToDataCheck: true,
      requestedAt: '2025-03-03T09:15:00+08:00',
    });
    expect(next(history)).toEqual({ step: 'collect-department-data', checkId });
    history = after(history, { type: 'CollectDepartmentData', checkId, records: [recordsOf(residents.father)], asOf: '2025-03-10T08:00:00Z' });
    expect(next(history)).toEqual({ step: 'assess-household', checkId });
    history = after(history, { type: 'AssessHousehold', checkId, policy: taizhou2025, assessedAt: '2025-03-10T16:00:00+08:00' });
    expect(next(history)).toEqual({ step: 'complete-check', checkId });
    history = after(history, { type: 'CompleteCheck', checkId, completedAt: '2025-03-10T16:00:01+08:00' });
    expect(next(history)).toBeUndefined();
  });
});
