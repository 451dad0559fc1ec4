import { fen } from '@sa/domain-shared';
import { policy } from '../test-support/fixtures';
import { amountRangeFen, temporaryAssistancePolicyProblems, yearlyCapFen } from './policy';
import { addWorkingDays, isWorkingDay } from './working-days';

describe('temporary-assistance policy figures', () => {
  it('turns multiples of the standard into fen, half-up once per bound', () => {
    expect(amountRangeFen(policy, 'emergency', 'serious')).toEqual({ minFen: 119_000, maxFen: 714_000 });
    expect(amountRangeFen({ ...policy, dibaoStandardFen: fen(100_005) }, 'emergency', 'ordinary')).toEqual({ minFen: 50_003, maxFen: 200_010 });
    expect(yearlyCapFen(policy)).toBe(1_428_000);
  });

  it('refuses figures that break the rules', () => {
    expect(temporaryAssistancePolicyProblems(policy)).toEqual([]);
    const bad = { ...policy, urgentAdvanceMaxFen: fen(400_000), documentsDueWorkingDays: 0 };
    expect(temporaryAssistancePolicyProblems(bad).map((p) => p.field)).toEqual(['urgentAdvanceMax', 'documentsDueWorkingDays']);
  });

  it('counts working days with holidays and adjusted working days (调休)', () => {
    expect(isWorkingDay('2026-10-10', policy)).toBe(true); // a Saturday made a working day
    expect(isWorkingDay('2026-10-05', policy)).toBe(false);
    expect(addWorkingDays('2026-03-06', 1, policy)).toBe('2026-03-09'); // Friday → Monday
  });
});
