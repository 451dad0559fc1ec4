import { fen } from '@sa/domain-shared';
import { countedIncomeFen } from '../rule-trace';
import { facts, householdOfThree, income, member, recordsOf, residents, taizhou2025 } from '../testing/fixtures';
import { assessHouseholdEconomicStatus, standardFor, type HouseholdAssessmentInput } from './assess-household';

const input = (overrides: Partial<HouseholdAssessmentInput> = {}): HouseholdAssessmentInput => ({
  programme: 'dibao',
  area: 'urban',
  assessedOn: '2025-03-10',
  household: householdOfThree(),
  departmentRecords: [],
  policy: taizhou2025,
  ...overrides,
});

describe('household economic-status assessment (家庭经济状况核对)', () => {
  it('reproduces the worked example: 1,800 − 30% × 1,190 = 1,443.00; per capita 481.00; gap 2,127.00', () => {
    const result = assessHouseholdEconomicStatus(input());

    expect(result.countedMonthlyIncomeFen).toBe(144_300);
    expect(result.perCapitaMonthlyIncomeFen).toBe(48_100);
    expect(result.monthlyGapFen).toBe(212_700);
    expect(result.householdSize).toBe(3);
    expect(result.standardFen).toBe(119_000);
    expect(result.policyId).toBe('taizhou-2025');
    expect(result.eligible).toBe(true);
    expect(result.ineligibilityReasons).toEqual([]);
    expect(result.ruleTrace.map((e) => [e.rule, e.memberId, e.amountBeforeFen, e.amountAfterFen, e.counted])).toEqual([
      ['wage-counted', 'm-father', 180_000, 180_000, true],
      ['employment-cost-deduction', 'm-father', -35_700, -35_700, true],
    ]);
    expect(result.ruleTrace[1]?.parameters).toEqual({ urbanDibaoStandardFen: 119_000, employmentCostDeductionBp: 3000, memberCountedWageFen: 180_000 });
  });

  it('lets an auditor recompute the counted income from the trace, which names the policy on every entry', () => {
    const household = householdOfThree([
      income('wage', 180_000),
      income('pension-resident-basic', 26_000),
      income('support-payment', 50_000, { supporterStatus: 'dibao' }),
    ]);
    const result = assessHouseholdEconomicStatus(input({ household }));

    expect(countedIncomeFen(result.ruleTrace)).toBe(result.countedMonthlyIncomeFen);
    expect(result.ruleTrace.every((e) => e.policyId === 'taizhou-2025' && e.basis.length > 0)).toBe(true);
    expect(result.ruleTrace.filter((e) => !e.counted).every((e) => e.amountAfterFen === 0)).toBe(true);
  });

  it('is plain JSON: it survives serialisation unchanged', () => {
    const result = assessHouseholdEconomicStatus(input({ departmentRecords: [recordsOf(residents.father, facts.wage(residents.father, 200_000, '2025-02'))] }));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('rounds per-capita income half up to the fen', () => {
    const perCapita = (wageFen: number, memberIds: readonly string[]) => {
      const household = householdOfThree([income('wage', wageFen)]);
      const members = household.members.filter((m) => memberIds.includes(m.memberId));
      return assessHouseholdEconomicStatus(input({ household: { ...household, members } })).perCapitaMonthlyIncomeFen;
    };
    const three = ['m-grandmother', 'm-father', 'm-daughter'];
    const two = ['m-father', 'm-daughter'];
    // counted = wage − 35,700. 100,000 / 3 = 33,333.33 → 33,333; 100,001 / 3 = 33,333.67 → 33,334.
    expect(perCapita(135_700, three)).toBe(33_333);
    expect(perCapita(135_701, three)).toBe(33_334);
    // 100,001 / 2 = 50,000.5 → 50,001 (half up); 100,000 / 2 = 50,000.
    expect(perCapita(135_701, two)).toBe(50_001);
    expect(perCapita(135_700, two)).toBe(50_000);
  });

  it('finds the household ineligible when per-capita income is not below the standard, and pays no gap', () => {
    const result = assessHouseholdEconomicStatus(input({ household: householdOfThree([income('wage', 392_700)]) }));

    expect(result.perCapitaMonthlyIncomeFen).toBe(119_000);
    expect(result.eligible).toBe(false);
    expect(result.ineligibilityReasons.map((r) => r.code)).toEqual(['income-above-standard']);
    expect(result.monthlyGapFen).toBe(0);
  });

  it('disqualifies a household that did not declare a vehicle departments register', () => {
    const result = assessHouseholdEconomicStatus(input({ departmentRecords: [recordsOf(residents.father, facts.vehicle(residents.father))] }));

    expect(result.eligible).toBe(false);
    expect(result.ineligibilityReasons.map((r) => r.code)).toEqual(['undeclared-vehicle', 'property-above-limit']);
    expect(result.discrepancies.map((d) => [d.kind, d.effect, d.memberId])).toEqual([['undeclared-vehicle', 'disqualifying', 'm-father']]);
    expect(result.propertyTest.failures.map((f) => f.rule)).toEqual(['vehicles-above-limit']);
  });

  it('counts undeclared wage income at the department figure', () => {
    const household = householdOfThree([income('wage', 100_000)]);
    const result = assessHouseholdEconomicStatus(
      input({ household, departmentRecords: [recordsOf(residents.father, facts.wage(residents.father, 180_000, '2025-02'))] }),
    );

    // Same as the worked example: the department's 1,800 counts, not the declared 1,000.
    expect(result.countedMonthlyIncomeFen).toBe(144_300);
    expect(result.ruleTrace.map((e) => [e.rule, e.origin, e.amountAfterFen])).toEqual([
      ['wage-counted', 'declared', 100_000],
      ['undeclared-income-counted', 'department', 80_000],
      ['employment-cost-deduction', 'policy', -35_700],
    ]);
    expect(result.discrepancies.map((d) => [d.kind, d.effect])).toEqual([['undeclared-wage', 'counted-at-department-figure']]);
    expect(result.eligible).toBe(true);
  });

  it('leaves a member reported dead out of the household size and income', () => {
    const household = householdOfThree([income('wage', 180_000)]);
    const members = household.members.map((m) =>
      m.memberId === 'm-grandmother' ? { ...m, declaredMonthlyIncomes: [income('pension-employee', 300_000)] } : m,
    );
    const result = assessHouseholdEconomicStatus(
      input({ household: { ...household, members }, departmentRecords: [recordsOf(residents.grandmother, facts.death(residents.grandmother, '2025-01-05'))] }),
    );

    expect(result.householdSize).toBe(2);
    expect(result.countedMemberIds).toEqual(['m-father', 'm-daughter']);
    expect(result.countedMonthlyIncomeFen).toBe(144_300);
    expect(result.perCapitaMonthlyIncomeFen).toBe(72_150);
    expect(result.monthlyGapFen).toBe((119_000 - 72_150) * 2);
    expect(result.discrepancies.map((d) => d.kind)).toEqual(['member-deceased']);
  });

  it('finds no living member when everyone is reported dead', () => {
    const household = { ...householdOfThree(), members: [member('m-1', residents.grandmother)] };
    const result = assessHouseholdEconomicStatus(
      input({ household, departmentRecords: [recordsOf(residents.grandmother, facts.death(residents.grandmother, '2025-01-05'))] }),
    );
    expect(result.ineligibilityReasons.map((r) => r.code)).toEqual(['no-living-member']);
    expect(result.perCapitaMonthlyIncomeFen).toBe(0);
  });

  it('tests extreme poverty against the support standard and requires no work ability and no able supporter', () => {
    const grandmother = member('m-1', residents.grandmother, { declaredMonthlyIncomes: [income('pension-employee', 150_000)] });
    const single = { ...householdOfThree(), members: [grandmother] };
    const eligible = assessHouseholdEconomicStatus(input({ programme: 'extreme-poverty', household: single }));
    expect(eligible.standardFen).toBe(154_700);
    expect(eligible.eligible).toBe(true);
    expect(eligible.monthlyGapFen).toBe(4_700);

    const able = { ...single, members: [{ ...grandmother, workAbility: 'partial' as const }], obligedSupporter: 'able-to-support' as const };
    const result = assessHouseholdEconomicStatus(input({ programme: 'extreme-poverty', household: able }));
    expect(result.ineligibilityReasons.map((r) => r.code)).toEqual(['work-ability-present', 'obliged-supporter-able']);
  });

  it('lists the county messages it relied on, and ignores records of anyone outside the household', () => {
    const father = recordsOf(residents.father, facts.wage(residents.father, 100_000, '2025-02', '台州某鞋厂', 'rs-gz-202502-1'));
    const neighbour = recordsOf(residents.neighbour, facts.vehicle(residents.neighbour, '2019-07-15', undefined, 'gaj-vh-1'));
    const result = assessHouseholdEconomicStatus(input({ departmentRecords: [father, neighbour] }));

    expect(result.departmentFactsSeen).toEqual([{ source: 'hrss', factId: 'rs-gz-202502-1', recordedAt: '2025-03-08T02:10:00Z' }]);
    expect(result.discrepancies).toEqual([]);
  });

  it('uses the urban or rural standard of the programme', () => {
    const policy = { ...taizhou2025, dibaoStandardRuralFen: fen(100_000), extremePovertyStandardRuralFen: fen(130_000) };
    expect(standardFor(policy, 'dibao', 'urban')).toBe(119_000);
    expect(standardFor(policy, 'dibao', 'rural')).toBe(100_000);
    expect(standardFor(policy, 'extreme-poverty', 'urban')).toBe(154_700);
    expect(standardFor(policy, 'extreme-poverty', 'rural')).toBe(130_000);
  });
});
