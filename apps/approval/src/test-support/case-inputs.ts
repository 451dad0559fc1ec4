/** Inputs of a Taizhou case (椒江区 331002) as the approval service receives them from Kafka: the application and its economic check. */
import { randomUUID } from 'node:crypto';
import { checkCharacter } from '@sa/domain-shared';
import type { ApplicationSubmitted, EconomicCheckCompleted } from '../cases/inbound-commands';

/** A valid resident ID (GB 11643) born on the given day, with a random sequence. */
function residentId(birth: string): string {
  const first17 = `331002${birth.replace(/-/g, '')}${String(Math.floor(Math.random() * 900) + 100)}`;
  return first17 + checkCharacter(first17);
}

/** Household of three in a Taizhou village: one member earns 1,800.00 a month. */
export function application(applicationId: string, nearRelative = false): ApplicationSubmitted {
  const births = ['1968-04-02', '1990-07-15', '2015-09-01'];
  const relations = ['applicant', 'child', 'grandchild'] as const;
  return {
    applicationId,
    programme: 'dibao',
    region: '331002001001',
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: {
      members: births.map((birthDate, i) => ({
        memberId: randomUUID(),
        residentId: residentId(birthDate),
        name: ['王秀英', '李明', '李小雨'][i] as string,
        relation: relations[i] as (typeof relations)[number],
        birthDate,
        disabilityGrade: null,
        seriousIllness: false,
        workAbility: 'full' as const,
        declaredMonthlyIncomes: i === 1 ? [{ kind: 'wage' as const, monthlyFen: 180_000 }] : [],
      })),
      declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
      bankAccount: { bankName: '台州银行', accountHolder: '王秀英', accountNumber: '6222000011112222' },
    },
    consents: { economicCheck: true, charityReferral: true },
    nearRelative: nearRelative ? { declared: true, relationToStaff: '配偶之兄', staffName: '张三', staffPost: '村委委员' } : { declared: false },
    takenBy: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002' },
    submittedAt: '2025-06-03T09:15:00+08:00',
  };
}

/** Standard 1,190.00; wage 1,800.00 less 30 % of the standard → counted 1,443.00, per capita 481.00. */
export function economicCheck(applicationId: string, eligible = true): EconomicCheckCompleted {
  return {
    applicationId,
    checkId: randomUUID(),
    programme: 'dibao',
    region: '331002001001',
    assessedAt: '2025-06-05T16:00:00+08:00',
    policyId: 'taizhou-2025',
    standardFen: 119_000,
    householdSize: 3,
    countedMonthlyIncomeFen: 144_300,
    perCapitaMonthlyIncomeFen: 48_100,
    propertyTest: eligible ? { passed: true, failures: [] } : { passed: false, failures: [{ rule: 'max-vehicles', detail: '公安车辆登记：1 辆小型轿车' }] },
    discrepancies: [],
    eligible,
    ineligibilityReasons: eligible ? [] : [{ code: 'undeclared-vehicle', message: '家庭成员名下有未申报的机动车辆' }],
    ruleTrace: [
      { item: 'wage', memberId: null, amountFen: 180_000, counted: true, rule: 'wage-counted', basis: 'wages are counted in full' },
      {
        item: 'employment-cost deduction',
        memberId: null,
        amountFen: -35_700,
        counted: true,
        rule: 'employment-cost-deduction',
        basis: '30% of the dibao standard',
      },
    ],
    departmentFactsSeen: [],
  };
}
