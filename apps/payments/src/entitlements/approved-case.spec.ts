import { caseApprovedV1 } from '@sa/contracts';
import { entitlementDecider, entitlementIdFor } from '@sa/domain-payments';
import { fen, parseRegionCode, type RegionalPolicy } from '@sa/domain-shared';
import { type ApprovedCase, grantForApprovedCase, policyDateOf } from './approved-case';

const taizhou: RegionalPolicy = {
  id: 'taizhou-2025',
  region: parseRegionCode('331000'),
  effectiveFrom: '2025-01-01',
  dibaoStandardUrbanFen: fen(119_000),
  dibaoStandardRuralFen: fen(119_000),
  extremePovertyStandardUrbanFen: fen(154_700),
  extremePovertyStandardRuralFen: fen(154_700),
  employmentCostDeductionBp: 3000,
  minimumMonthlyWageFen: fen(249_000),
  excludeResidentBasicPension: true,
  publicNoticeDays: 7,
  confirmationDelegatedToTownship: false,
  gradualExitMonths: 6,
  propertyLimits: { maxVehicles: 0, maxDwellings: 1, maxFinancialAssetsPerCapitaFen: fen(2_856_000), businessRegistrationDisqualifies: true },
};
const system = { userId: 'payments-service', role: 'county-system', orgUnit: '331002001001' } as const;
const approved: ApprovedCase = {
  ...caseApprovedV1.example,
  region: '331002001001',
  perCapitaMonthlyIncomeFen: 48_100,
  countedMonthlyIncomeFen: 144_300,
  householdSize: 3,
  benefitStartMonth: '2025-04',
};

describe('an approved case as an entitlement', () => {
  it('is granted at the standard in force for its first month: (1,190.00 − 481.00) × 3 = 2,127.00', () => {
    const plan = grantForApprovedCase(approved, taizhou, system, '2025-03-21T11:00:00+08:00');
    if (!plan.ok) throw new Error(plan.reason);
    expect(policyDateOf(approved)).toBe('2025-04-01');
    expect(plan.command).toMatchObject({
      entitlementId: entitlementIdFor(approved.applicationId),
      standardFen: 119_000,
      policyId: 'taizhou-2025',
      startMonth: '2025-04',
      members: approved.members.map((m) => ({ memberId: m.memberId, residentId: m.residentId })),
    });
    const decision = entitlementDecider.decide(plan.command, entitlementDecider.initialState);
    expect(decision.ok && decision.events[0]?.type === 'EntitlementGranted' && decision.events[0].data.monthlyAmountFen).toBe(212_700);
  });

  it('grants a 单人保 case for its one member at 1 × 1,190.00 − her counted income: the gap the household check computed', () => {
    // Given a marginal household's grandmother covered alone (单人保), no income of her own
    const grandmother = approved.members[0] as ApprovedCase['members'][number];
    const single: ApprovedCase = {
      ...approved,
      householdSize: 1,
      members: [grandmother],
      countedMonthlyIncomeFen: 0,
      perCapitaMonthlyIncomeFen: 0,
      singlePersonCoverage: {
        householdApplicationId: approved.applicationId,
        memberId: grandmother.memberId,
        ground: 'severe-disability',
        monthlyGapFen: 119_000,
      },
    };
    // When payments plans the grant
    const plan = grantForApprovedCase(single, taizhou, system, '2025-03-21T11:00:00+08:00');
    if (!plan.ok) throw new Error(plan.reason);
    // Then it covers her alone, and pays exactly the gap the check computed
    expect(plan.command.members).toEqual([{ memberId: grandmother.memberId, residentId: grandmother.residentId }]);
    expect(plan.command.singlePersonOf).toEqual({ householdApplicationId: approved.applicationId, memberId: grandmother.memberId });
    const decision = entitlementDecider.decide(plan.command, entitlementDecider.initialState);
    expect(decision.ok && decision.events[0]?.type === 'EntitlementGranted' && decision.events[0].data.monthlyAmountFen).toBe(119_000);
  });

  it('refuses a 单人保 approval that lists more than its one member (it would pay the whole household)', () => {
    const member = approved.members[0] as ApprovedCase['members'][number];
    const plan = grantForApprovedCase(
      {
        ...approved,
        singlePersonCoverage: { householdApplicationId: approved.applicationId, memberId: member.memberId, ground: 'serious-illness', monthlyGapFen: 119_000 },
      },
      taizhou,
      system,
      '2025-03-21T11:00:00+08:00',
    );
    expect(plan).toEqual({ ok: false, reason: expect.stringContaining('does not cover that member alone') });
  });

  it('pays extreme-poverty support at the support standard per person', () => {
    const plan = grantForApprovedCase(
      { ...approved, programme: 'extreme-poverty', householdSize: 1, members: approved.members.slice(0, 1) },
      taizhou,
      system,
      '2025-03-21T11:00:00+08:00',
    );
    expect(plan.ok && plan.command.standardFen).toBe(154_700);
  });

  it('is refused without a policy in force, or where urban and rural differ and the region does not say which', () => {
    expect(grantForApprovedCase(approved, undefined, system, '2025-03-21T11:00:00+08:00')).toEqual({
      ok: false,
      reason: expect.stringMatching(/no regional policy is in force for region 331002001001 on 2025-04-01/),
    });
    const split = { ...taizhou, dibaoStandardRuralFen: fen(100_000) };
    expect(grantForApprovedCase({ ...approved, region: '331002001' }, split, system, '2025-03-21T11:00:00+08:00').ok).toBe(false);
    expect(grantForApprovedCase({ ...approved, region: '331002001201' }, split, system, '2025-03-21T11:00:00+08:00')).toMatchObject({
      ok: true,
      command: { standardFen: 100_000 },
    });
  });
});
