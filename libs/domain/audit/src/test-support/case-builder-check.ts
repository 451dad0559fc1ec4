/** The case builder's county data and household economic check (verification's events). */
import { people, type CaseInProgress } from './case-builder-types';

export interface DeclaredHousehold {
  readonly members: readonly {
    memberId: string;
    residentId: string;
    name: string;
    relation: string;
    workAbility: string;
    declaredMonthlyIncomes: readonly unknown[];
  }[];
  readonly declaredAssets: Record<string, number>;
}

/** The wage record (and, when planted, a vehicle the check ignores), then the check itself; returns the check id. */
export function writeCheck(c: CaseInProgress, household: DeclaredHousehold): string {
  const { sink, newId, options, applicationId, region, members, ids, streams } = c;
  const wageMessage = newId();
  ids.wage = sink.add(
    'verification',
    `resident-${members[0]}`,
    'WageRecordReported',
    {
      messageId: wageMessage,
      residentId: members[0],
      recordedAt: '2025-02-20T02:00:00.000Z',
      employer: '台州某包装厂',
      monthlyWageFen: 180_000,
      month: '2025-01',
    },
    people.countyDataFeed,
    '2025-02-20T02:00:00.000Z',
  );
  if (options.vehicleIgnoredByCheck) {
    ids.vehicle = sink.add(
      'verification',
      `resident-${members[1]}`,
      'VehicleRegistrationReported',
      {
        messageId: newId(),
        residentId: members[1],
        recordedAt: '2025-03-01T02:00:00.000Z',
        plateNumber: '浙J·12345',
        vehicleType: 'car',
        registeredOn: '2024-06-01',
      },
      people.countyDataFeed,
      '2025-03-01T02:00:00.000Z',
    );
  }
  const checkId = newId();
  const checkHousehold = {
    members: household.members.map((m) => ({
      memberId: m.memberId,
      residentId: m.residentId,
      relation: m.relation,
      workAbility: m.workAbility,
      disabilityGrade: null,
      seriousIllness: false,
      declaredMonthlyIncomes: m.declaredMonthlyIncomes,
    })),
    declaredAssets: household.declaredAssets,
  };
  sink.add(
    'verification',
    streams.check as string,
    'CheckRequested',
    {
      applicationId,
      checkId,
      programme: 'dibao',
      region,
      area: 'urban',
      household: checkHousehold,
      consentToDataCheck: true,
      requestedAt: '2025-03-03T01:21:00.000Z',
    },
    people.verificationSystem,
    '2025-03-03T01:21:00.000Z',
  );
  ids.collected = sink.add(
    'verification',
    streams.check as string,
    'DepartmentDataCollected',
    { applicationId, checkId, records: [], asOf: '2025-03-03T01:22:00.000Z' },
    people.verificationSystem,
    '2025-03-03T01:22:00.000Z',
  );
  const assessment = {
    programme: 'dibao',
    area: 'urban',
    assessedOn: '2025-03-03',
    policyId: 'taizhou-2025',
    standardFen: 119_000,
    householdSize: members.length,
    countedMemberIds: household.members.map((m) => m.memberId),
    countedMonthlyIncomeFen: 144_300,
    perCapitaMonthlyIncomeFen: 48_100,
    perCapitaRounding: 'half-up',
    monthlyGapFen: 212_700,
    eligible: true,
    ineligibilityReasons: [],
    ruleTrace: [
      {
        rule: 'wage-counted',
        item: 'wage (台州某包装厂)',
        memberId: household.members[0]?.memberId,
        origin: 'declared',
        amountBeforeFen: 180_000,
        amountAfterFen: 180_000,
        counted: true,
        basis: '工资性收入计入家庭收入',
        policyId: 'taizhou-2025',
        parameters: {},
      },
      {
        rule: 'employment-cost-deduction',
        item: 'employment-cost deduction',
        memberId: household.members[0]?.memberId,
        origin: 'policy',
        amountBeforeFen: -35_700,
        amountAfterFen: -35_700,
        counted: true,
        basis: '对就业产生的必要成本，按照城市低保标准的30%给予扣减',
        policyId: 'taizhou-2025',
        parameters: { urbanDibaoStandardFen: 119_000, employmentCostDeductionBp: 3000 },
      },
    ],
    departmentFactsSeen: [wageMessage, ...(options.alsoSeen ?? [])].map((factId) => ({ source: 'hrss', factId, recordedAt: '2025-02-20T02:00:00.000Z' })),
  };
  ids.assessed = sink.add(
    'verification',
    streams.check as string,
    'HouseholdEconomicStatusAssessed',
    { applicationId, checkId, region, assessedAt: '2025-03-03T01:22:30.000Z', policyId: 'taizhou-2025', assessment },
    people.verificationSystem,
    '2025-03-03T01:22:30.000Z',
  );
  ids.checkCompleted = sink.add(
    'verification',
    streams.check as string,
    'CheckCompleted',
    {
      applicationId,
      checkId,
      programme: 'dibao',
      region,
      outcome: 'eligible',
      reasons: [],
      assessedAt: '2025-03-03T01:22:30.000Z',
      completedAt: '2025-03-03T01:23:00.000Z',
      completedBy: people.investigator,
      assessment,
    },
    people.verificationSystem,
    '2025-03-03T01:23:00.000Z',
  );
  return checkId;
}
