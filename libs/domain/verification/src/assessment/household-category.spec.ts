import { fen } from '@sa/domain-shared';
import type { HouseholdSnapshot, ObligedSupporterRecord } from '../household';
import { facts, householdOfThree, income, member, recordsOf, residents, taizhou2025 } from '../testing/fixtures';
import { assessHouseholdEconomicStatus, type HouseholdAssessmentInput } from './assess-household';

const assess = (household: HouseholdSnapshot, overrides: Partial<HouseholdAssessmentInput> = {}) =>
  assessHouseholdEconomicStatus({
    programme: 'dibao',
    area: 'urban',
    assessedOn: '2025-03-10',
    household,
    departmentRecords: [],
    policy: taizhou2025,
    ...overrides,
  });

/** Three members; the father's farming income decides the category (no employment-cost deduction). */
const withIncome = (monthlyFen: number, extra: Partial<HouseholdSnapshot> = {}): HouseholdSnapshot => ({
  ...householdOfThree([income('farming', monthlyFen)]),
  ...extra,
});

const son = (status?: ObligedSupporterRecord['status']): ObligedSupporterRecord => ({
  supporterId: 'sup-son',
  residentId: residents.neighbour,
  relation: 'child',
  supportsMemberId: 'm-grandmother',
  monthlySupportFen: fen(80_000),
  ...(status ? { status } : {}),
});

describe('household categories (分层认定)', () => {
  it('given counted income below members × standard, then dibao-eligible', () => {
    const result = assess(withIncome(300_000));
    expect(result.category).toMatchObject({ category: 'dibao-eligible' });
    expect(result.monthlyGapFen).toBe(357_000 - 300_000);
  });

  it('given income at the line, when a recognised medical expenditure takes it below, then expenditure-type hardship, paid the gap after the deduction', () => {
    const rigid = [{ memberId: 'm-grandmother', kind: 'medical' as const, amountFen: fen(1_200_000), periodMonths: 12, fromMonth: '2025-01' }];
    const result = assess(withIncome(400_000, { rigidExpenditures: rigid }));
    expect(result.category).toMatchObject({ category: 'expenditure-type-hardship' });
    expect(result.category?.reason).toMatch(/income 4000.00 is not below 3570.00, but after rigid expenditure 1000.00 it is 3000.00/);
    expect(result.eligible).toBe(true);
    expect(result.monthlyGapFen).toBe(57_000);
  });

  it('given per-capita income above the standard and below 1.5 ×, property passed, then marginal (低保边缘), not paid as a household', () => {
    const result = assess(withIncome(500_000));
    expect(result.category).toMatchObject({ category: 'marginal', source: taizhou2025.householdCategories?.sources.marginal });
    expect(result.eligible).toBe(false);
    expect(result.monthlyGapFen).toBe(0);
  });

  it('given income exactly 1.5 × the line, then ineligible (the multiple is a strict upper bound)', () => {
    expect(assess(withIncome(535_500)).category?.category).toBe('ineligible');
    expect(assess(withIncome(535_499)).category?.category).toBe('marginal');
  });

  it('given a marginal household whose property test fails, then ineligible', () => {
    const household = withIncome(500_000);
    const result = assess({ ...household, declaredAssets: { ...household.declaredAssets, vehicles: 1 } });
    expect(result.category?.category).toBe('ineligible');
  });

  it('given a region whose policy defines no categories, then no marginal household is named', () => {
    const { householdCategories: _none, ...policy } = taizhou2025;
    expect(assess(withIncome(500_000), { policy }).category?.category).toBe('ineligible');
  });

  it('given an extreme-poverty application that passes, then extreme-poverty-eligible', () => {
    const household: HouseholdSnapshot = {
      ...householdOfThree([]),
      members: [member('m-1', residents.grandmother, { relation: 'applicant' })],
      obligedSupporter: 'none',
    };
    expect(assess(household, { programme: 'extreme-poverty' }).category?.category).toBe('extreme-poverty-eligible');
  });
});

describe('单人保: a severely disabled or seriously ill member of a marginal household', () => {
  it('given a marginal household with a grade-1 disabled grandmother without income, then she is covered as a household of one at the full standard', () => {
    const household = withIncome(500_000);
    const members = household.members.map((m) => (m.memberId === 'm-grandmother' ? { ...m, disabilityGrade: 1 as const } : m));
    const result = assess({ ...household, members });
    expect(result.singlePersonCoverage).toEqual([
      expect.objectContaining({ memberId: 'm-grandmother', ground: 'severe-disability', memberCountedIncomeFen: 0, monthlyGapFen: 119_000 }),
    ]);
  });

  it('given a seriously ill member with own income, then the gap is the standard less that income', () => {
    const household = withIncome(500_000);
    const members = household.members.map((m) =>
      m.memberId === 'm-grandmother' ? { ...m, seriousIllness: true, declaredMonthlyIncomes: [income('pension-employee', 20_000)] } : m,
    );
    const result = assess({ ...household, members });
    expect(result.singlePersonCoverage).toEqual([expect.objectContaining({ memberId: 'm-grandmother', ground: 'serious-illness', monthlyGapFen: 99_000 })]);
  });

  it('given a grade-3 disability (not named by the policy) or a dibao-eligible household, then no single-person coverage', () => {
    const household = withIncome(500_000);
    const members = household.members.map((m) => (m.memberId === 'm-grandmother' ? { ...m, disabilityGrade: 3 as const } : m));
    expect(assess({ ...household, members }).singlePersonCoverage).toEqual([]);
    const poor = withIncome(100_000);
    expect(assess({ ...poor, members: poor.members.map((m) => ({ ...m, disabilityGrade: 1 as const })) }).singlePersonCoverage).toEqual([]);
  });
});

describe('support from obliged supporters outside the household', () => {
  it('given a son who is himself a dibao recipient (found in the platform caseload), then his support is not counted and the trace says where that was learnt', () => {
    const result = assess(withIncome(300_000, { obligedSupporters: [son({ value: 'dibao', source: 'platform-caseload', reference: 'entitlement e-1' })] }));
    const line = result.ruleTrace.find((e) => e.memberId === 'm-grandmother');
    expect(line).toMatchObject({ rule: 'support-from-low-income-supporter-excluded', amountBeforeFen: 80_000, counted: false });
    expect(line?.parameters).toMatchObject({
      supporterStatus: 'dibao',
      supporterStatusSource: 'platform-caseload',
      supporterStatusReference: 'entitlement e-1',
    });
    expect(result.countedMonthlyIncomeFen).toBe(300_000);
  });

  it('given a supporter whose status is not recorded, then the support is counted (the cautious reading)', () => {
    const result = assess(withIncome(300_000, { obligedSupporters: [son()] }));
    expect(result.countedMonthlyIncomeFen).toBe(380_000);
    expect(result.category?.category).toBe('marginal');
  });

  it('given a department record of the supporter, the supporter is not a member: the check takes no records of them', () => {
    const result = assess(withIncome(300_000, { obligedSupporters: [son()] }), {
      departmentRecords: [recordsOf(residents.neighbour, facts.vehicle(residents.neighbour))],
    });
    expect(result.discrepancies).toEqual([]);
  });
});

describe('积分评估 (points-based assessment): auxiliary, decides nothing', () => {
  it('given a grade-1 disabled, seriously ill member and a rigid expenditure, then the score lists each line and reaches the reference', () => {
    const household = withIncome(500_000, {
      rigidExpenditures: [{ memberId: 'm-grandmother', kind: 'medical', amountFen: fen(120_000), periodMonths: 12 }],
    });
    const members = household.members.map((m) => (m.memberId === 'm-grandmother' ? { ...m, disabilityGrade: 1 as const, seriousIllness: true } : m));
    const result = assess({ ...household, members });
    expect(result.pointsAssessment?.lines).toEqual([
      { criterion: 'member-severe-disability', memberId: 'm-grandmother', points: 20 },
      { criterion: 'member-serious-illness', memberId: 'm-grandmother', points: 20 },
      { criterion: 'member-no-work-ability', memberId: 'm-grandmother', points: 10 },
      { criterion: 'member-no-work-ability', memberId: 'm-daughter', points: 10 },
      { criterion: 'household-rigid-expenditure', memberId: null, points: 15 },
    ]);
    expect(result.pointsAssessment).toMatchObject({ score: 75, reachesReference: true, auxiliary: true });
    // The score does not make the household eligible: its income still decides.
    expect(result.eligible).toBe(false);
  });

  it('given a region with no scheme, then no score', () => {
    const { pointsAssessment: _none, ...policy } = taizhou2025;
    expect(assess(withIncome(100_000), { policy }).pointsAssessment).toBeUndefined();
  });
});
