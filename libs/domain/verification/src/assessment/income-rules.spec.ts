import { fen, type RegionalPolicy } from '@sa/domain-shared';
import type { IncomeKind, RigidExpenditure, SupporterStatus, SupportPaymentWaiver } from '../household';
import { countedIncomeFen, ruleIds, type RuleTraceEntry } from '../rule-trace';
import { member, residents, taizhou2025 } from '../testing/fixtures';
import { applyIncomeRules, type DeceasedMember, type IncomeItem } from './income-rules';

const members = [member('m-1', residents.father, { relation: 'applicant', workAbility: 'full' }), member('m-2', residents.grandmother, { relation: 'spouse' })];
/** Rules the tests below have seen applied, so the last test can tell whether one was missed. */
const rulesSeen = new Set<string>();

const item = (kind: IncomeKind, monthlyFen: number, extra: Partial<IncomeItem> = {}): IncomeItem => ({
  memberId: 'm-1',
  kind,
  monthlyFen: fen(monthlyFen),
  origin: 'declared',
  ...extra,
});

function trace(
  items: IncomeItem[],
  extra: { policy?: RegionalPolicy; rigid?: RigidExpenditure[]; waiver?: SupportPaymentWaiver; deceased?: DeceasedMember[] } = {},
): RuleTraceEntry[] {
  const entries = applyIncomeRules({
    members,
    deceased: extra.deceased ?? [],
    items,
    rigidExpenditures: extra.rigid ?? [],
    supportPaymentWaiver: extra.waiver,
    policy: extra.policy ?? taizhou2025,
    assessedOn: '2025-03-10',
  });
  entries.forEach((e) => rulesSeen.add(e.rule));
  return entries;
}

/** [rule, before, after, counted] of each entry. */
const steps = (entries: RuleTraceEntry[]) => entries.map((e) => [e.rule, e.amountBeforeFen, e.amountAfterFen, e.counted]);

describe('income rules (收入核算)', () => {
  describe('wage-counted', () => {
    it('counts wages in full (before the employment-cost deduction)', () => {
      const entries = trace([item('wage', 180_000, { source: '台州某鞋厂' })]);
      expect(entries[0]).toMatchObject({
        rule: 'wage-counted',
        item: 'wage (台州某鞋厂)',
        memberId: 'm-1',
        origin: 'declared',
        amountBeforeFen: 180_000,
        amountAfterFen: 180_000,
        counted: true,
      });
    });
  });

  describe('employment-cost-deduction (就业成本扣减)', () => {
    it('deducts 30 % of the URBAN dibao standard, also for a rural household with a lower rural standard', () => {
      const policy = { ...taizhou2025, dibaoStandardRuralFen: fen(100_000) };
      expect(steps(trace([item('wage', 180_000)], { policy }))).toEqual([
        ['wage-counted', 180_000, 180_000, true],
        ['employment-cost-deduction', -35_700, -35_700, true],
      ]);
    });

    it('applies once per employed member, not once per job', () => {
      const entries = trace([item('wage', 100_000), item('wage', 50_000), item('wage', 90_000, { memberId: 'm-2' })]);
      expect(entries.filter((e) => e.rule === 'employment-cost-deduction').map((e) => [e.memberId, e.amountAfterFen])).toEqual([
        ['m-1', -35_700],
        ['m-2', -35_700],
      ]);
      expect(countedIncomeFen(entries)).toBe(240_000 - 2 * 35_700);
    });

    it('never makes a member’s wage negative: the deduction is capped at the wage', () => {
      expect(steps(trace([item('wage', 20_000)]))).toEqual([
        ['wage-counted', 20_000, 20_000, true],
        ['employment-cost-deduction', -35_700, -20_000, true],
      ]);
    });

    it('rounds 30 % of the standard half up to the fen', () => {
      const policy = { ...taizhou2025, dibaoStandardUrbanFen: fen(63_005) }; // 30 % = 18,901.5
      expect(trace([item('wage', 100_000)], { policy })[1]?.amountAfterFen).toBe(-18_902);
    });

    it('is not applied to members without wage income', () => {
      expect(steps(trace([item('business', 50_000)]))).toEqual([['business-income-counted', 50_000, 50_000, true]]);
    });
  });

  describe('resident-basic-pension-excluded (城乡居民基本养老保险基础养老金不计入)', () => {
    it('leaves the resident basic pension out while the policy says so', () => {
      expect(steps(trace([item('pension-resident-basic', 26_000)]))).toEqual([['resident-basic-pension-excluded', 26_000, 0, false]]);
    });

    it('counts it when a policy no longer excludes it', () => {
      const policy = { ...taizhou2025, excludeResidentBasicPension: false };
      expect(steps(trace([item('pension-resident-basic', 26_000)], { policy }))).toEqual([['pension-counted', 26_000, 26_000, true]]);
    });
  });

  describe('pension-counted', () => {
    it('counts employee and other pensions', () => {
      expect(steps(trace([item('pension-employee', 300_000), item('pension-other', 10_000)]))).toEqual([
        ['pension-counted', 300_000, 300_000, true],
        ['pension-counted', 10_000, 10_000, true],
      ]);
    });
  });

  describe('support-from-low-income-supporter-excluded (义务人为特困、低保、低收入的赡养费不计入)', () => {
    it.each<SupporterStatus>(['extreme-poverty', 'dibao', 'low-income'])('leaves out support paid by a %s supporter', (supporterStatus) => {
      const entries = trace([item('support-payment', 50_000, { supporterStatus })]);
      expect(steps(entries)).toEqual([['support-from-low-income-supporter-excluded', 50_000, 0, false]]);
      expect(entries[0]?.parameters).toEqual({ supporterStatus });
    });
  });

  describe('support-payment-counted', () => {
    it('counts support from a supporter who is not low-income, and when the supporter’s status is not recorded', () => {
      expect(steps(trace([item('support-payment', 50_000, { supporterStatus: 'not-low-income' }), item('support-payment', 30_000)]))).toEqual([
        ['support-payment-counted', 50_000, 50_000, true],
        ['support-payment-counted', 30_000, 30_000, true],
      ]);
    });
  });

  describe('support-payment-waived (支出型贫困家庭可不计算赡养费)', () => {
    it('given an expenditure-type household with a filed waiver and a recognised rigid expenditure, leaves out every support payment, recording the filing', () => {
      const waiver = { ground: 'expenditure-type-hardship', reference: '乡镇备案 2025-017' } as const;
      const rigid: RigidExpenditure[] = [{ memberId: 'm-1', kind: 'medical', amountFen: fen(120_000), periodMonths: 12 }];
      const entries = trace([item('support-payment', 50_000, { supporterStatus: 'not-low-income' })], { waiver, rigid });
      expect(steps(entries)[0]).toEqual(['support-payment-waived', 50_000, 0, false]);
      expect(entries[0]?.parameters).toEqual(waiver);
    });

    it('given the expenditure-type waiver but no rigid expenditure recognised, counts the support and says why the waiver was not applied', () => {
      const waiver = { ground: 'expenditure-type-hardship', reference: '乡镇备案 2025-017' } as const;
      const entries = trace([item('support-payment', 50_000, { supporterStatus: 'not-low-income' })], { waiver });
      expect(steps(entries)).toEqual([['support-payment-counted', 50_000, 50_000, true]]);
      expect(entries[0]?.parameters['waiverNotApplied']).toMatch(/no rigid expenditure recognised/);
    });

    it('given a monitored household with unresolved risk, waives support without a rigid expenditure (长民函〔2022〕76号)', () => {
      const waiver = { ground: 'monitored-household-unresolved-risk', reference: '乡村振兴局 2025-3' } as const;
      expect(steps(trace([item('support-payment', 50_000)], { waiver }))).toEqual([['support-payment-waived', 50_000, 0, false]]);
    });
  });

  describe('happiness-post-wage-below-minimum-excluded (幸福岗位工资低于最低工资标准的部分不计入)', () => {
    it('leaves out a happiness-post wage below the minimum wage, with no employment-cost deduction', () => {
      expect(steps(trace([item('happiness-post-wage', 200_000)]))).toEqual([['happiness-post-wage-below-minimum-excluded', 200_000, 0, false]]);
    });

    it('shares one minimum-wage allowance between a member’s happiness posts', () => {
      expect(steps(trace([item('happiness-post-wage', 200_000), item('happiness-post-wage', 100_000)]))).toEqual([
        ['happiness-post-wage-below-minimum-excluded', 200_000, 0, false],
        ['happiness-post-wage-below-minimum-excluded', 49_000, 0, false],
        ['happiness-post-wage-above-minimum-counted', 51_000, 51_000, true],
        ['employment-cost-deduction', -35_700, -35_700, true],
      ]);
    });
  });

  describe('happiness-post-wage-above-minimum-counted', () => {
    it('counts the part above the minimum wage, which then bears the employment-cost deduction', () => {
      const entries = trace([item('happiness-post-wage', 300_000)]);
      expect(steps(entries)).toEqual([
        ['happiness-post-wage-below-minimum-excluded', 249_000, 0, false],
        ['happiness-post-wage-above-minimum-counted', 51_000, 51_000, true],
        ['employment-cost-deduction', -35_700, -35_700, true],
      ]);
      expect(entries[0]?.parameters).toEqual({ monthlyWageFen: 300_000, minimumMonthlyWageFen: 249_000 });
    });
  });

  describe('unemployment-benefit-counted, business-, farming-, property- and other-income-counted', () => {
    it('counts each in full', () => {
      expect(
        steps(trace([item('unemployment-benefit', 180_000), item('business', 1), item('farming', 2), item('property-rental', 3), item('other', 4)])),
      ).toEqual([
        ['unemployment-benefit-counted', 180_000, 180_000, true],
        ['business-income-counted', 1, 1, true],
        ['farming-income-counted', 2, 2, true],
        ['property-income-counted', 3, 3, true],
        ['other-income-counted', 4, 4, true],
      ]);
    });
  });

  describe('undeclared-income-counted (按部门数据计入)', () => {
    it('counts income only a department reported, which also bears the employment-cost deduction when it is a wage', () => {
      const found = item('wage', 80_000, {
        origin: 'department',
        source: '台州某鞋厂',
        parameters: { departmentMonthlyFen: 180_000, declaredMonthlyFen: 100_000 },
      });
      const entries = trace([item('wage', 100_000), found]);
      expect(steps(entries)).toEqual([
        ['wage-counted', 100_000, 100_000, true],
        ['undeclared-income-counted', 80_000, 80_000, true],
        ['employment-cost-deduction', -35_700, -35_700, true],
      ]);
      expect(entries[1]).toMatchObject({
        origin: 'department',
        item: 'wage (台州某鞋厂), reported by department, not declared',
        parameters: { departmentMonthlyFen: 180_000 },
      });
    });

    it('still leaves out an undeclared resident basic pension', () => {
      expect(steps(trace([item('pension-resident-basic', 26_000, { origin: 'department' })]))).toEqual([['resident-basic-pension-excluded', 26_000, 0, false]]);
    });
  });

  describe('rigid-expenditure-deducted (刚性支出扣减)', () => {
    it('spreads spending over its months and deducts it', () => {
      const rigid: RigidExpenditure[] = [{ memberId: 'm-2', kind: 'medical', amountFen: fen(1_200_000), periodMonths: 12, description: '住院自付' }];
      const entries = trace([item('wage', 180_000)], { rigid });
      expect(steps(entries).at(-1)).toEqual(['rigid-expenditure-deducted', -100_000, -100_000, true]);
      expect(entries.at(-1)).toMatchObject({
        item: 'medical expenditure (住院自付)',
        memberId: 'm-2',
        parameters: { kind: 'medical', amountFen: 1_200_000, periodMonths: 12 },
      });
      expect(countedIncomeFen(entries)).toBe(180_000 - 35_700 - 100_000);
    });

    it('rounds the monthly share half up to the fen', () => {
      const monthly = (amountFen: number) =>
        trace([item('farming', 1_000)], { rigid: [{ memberId: 'm-1', kind: 'education', amountFen: fen(amountFen), periodMonths: 3 }] })[1]?.amountAfterFen;
      expect(monthly(100)).toBe(-33); // 33.33
      expect(monthly(200)).toBe(-67); // 66.67
    });

    it('never takes household income below zero: the trace shows what was due and what was deducted', () => {
      const rigid: RigidExpenditure[] = [{ memberId: 'm-1', kind: 'disability', amountFen: fen(500_000), periodMonths: 1 }];
      const entries = trace([item('wage', 100_000)], { rigid });
      expect(countedIncomeFen(entries)).toBe(0);
      expect(steps(entries).at(-1)).toEqual(['rigid-expenditure-deducted', -500_000, -64_300, true]);
      expect(entries.at(-1)?.parameters['cappedAtRemainingIncomeFen']).toBe(64_300);
    });
  });

  describe('rigid-expenditure-outside-recognised-period (认定期外不扣减)', () => {
    it('given a bill from 2024-01 over 24 months and a policy recognising 12, when assessed in 2025-03, then it is not deducted', () => {
      const rigid: RigidExpenditure[] = [{ memberId: 'm-1', kind: 'medical', amountFen: fen(2_400_000), periodMonths: 24, fromMonth: '2024-01' }];
      const entries = trace([item('wage', 300_000)], { rigid });
      expect(steps(entries).at(-1)).toEqual(['rigid-expenditure-outside-recognised-period', -100_000, 0, false]);
      expect(entries.at(-1)?.parameters).toMatchObject({
        recognisedFromMonth: '2024-01',
        recognisedUntilMonth: '2025-01',
        recognisedMonths: 12,
        assessedMonth: '2025-03',
      });
    });

    it('given the same bill from 2024-06, when assessed in 2025-03 (the 10th month), then 1,000.00 a month is deducted', () => {
      const rigid: RigidExpenditure[] = [{ memberId: 'm-1', kind: 'medical', amountFen: fen(2_400_000), periodMonths: 24, fromMonth: '2024-06' }];
      expect(steps(trace([item('wage', 300_000)], { rigid })).at(-1)).toEqual(['rigid-expenditure-deducted', -100_000, -100_000, true]);
    });
  });

  describe('deceased-member-excluded', () => {
    it('leaves out the member and every income and expenditure of theirs', () => {
      const rigid: RigidExpenditure[] = [{ memberId: 'm-1', kind: 'medical', amountFen: fen(120_000), periodMonths: 12 }];
      const entries = trace([item('pension-employee', 300_000), item('wage', 100_000, { memberId: 'm-2' })], {
        rigid,
        deceased: [{ memberId: 'm-1', dateOfDeath: '2025-01-05' }],
      });
      expect(steps(entries)).toEqual([
        ['deceased-member-excluded', 0, 0, false],
        ['deceased-member-excluded', 300_000, 0, false],
        ['wage-counted', 100_000, 100_000, true],
        ['employment-cost-deduction', -35_700, -35_700, true],
        ['deceased-member-excluded', -10_000, 0, false],
      ]);
    });
  });

  it('has exercised every rule id above (a new rule needs its own test)', () => {
    expect(ruleIds.filter((rule) => !rulesSeen.has(rule))).toEqual([]);
  });
});
