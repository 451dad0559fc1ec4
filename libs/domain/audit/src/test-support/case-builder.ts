/**
 * The one case builder for the audit's tests and benchmark (the domain specs fold its events in
 * memory, apps/audit's integration tests write them into real source schemas): a clean dibao case
 * through all five services — the events each service's domain library appends (same types, same
 * data shapes), with the people who would act and the record times of a real case — and switches
 * that plant exactly one irregularity each. Default: a household of three in Jiaojiang, Taizhou
 * (wage 1,800.00, standard 1,190.00 → counted 1,443.00, per capita 481.00, 2,127.00 a month).
 */
import { checkCharacter, type Actor } from '@sa/domain-shared';

export const people = {
  intakeWorker: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002001' },
  investigator: { userId: 'li.qiang', role: 'investigator', orgUnit: '331002001' },
  reviewer: { userId: 'zhao.min', role: 'township-reviewer', orgUnit: '331002001' },
  townshipOfficial: { userId: 'zhou.hua', role: 'township-reviewer', orgUnit: '331002001' },
  countyApprover: { userId: 'chen.jie', role: 'county-approver', orgUnit: '331002' },
  paymentsOfficer: { userId: 'sun.li', role: 'payments-officer', orgUnit: '331002' },
  countyDataFeed: { userId: 'county-data-gateway', role: 'county-system', orgUnit: '331002' },
  verificationSystem: { userId: 'verification-service', role: 'county-system', orgUnit: '331002' },
  approvalSystem: { userId: 'approval-service', role: 'county-system', orgUnit: '331002' },
  paymentsSystem: { userId: 'payments-service', role: 'county-system', orgUnit: '331002' },
} as const satisfies Record<string, Actor>;

export type SourceName = 'intake' | 'verification' | 'approval' | 'payments' | 'charity-referral';

/** Where the builder puts each event, as the source's store would record it; returns the event id. */
export interface EventSink {
  add(source: SourceName, stream: string, type: string, data: Record<string, unknown>, actor: Actor, recordedAt: string): string;
}

/** A valid GB 11643 resident ID born 1980-01-dd, distinct per seed. */
export function residentId(seed: number): string {
  const first17 = `331002198001${String(1 + (seed % 28)).padStart(2, '0')}${String(100 + (Math.floor(seed / 28) % 900)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

let residentSeed = 0;
export const nextResidentId = () => residentId(residentSeed++);
/** Where nextResidentId starts (the integration tests start at random, as their stores outlive one run). */
export function seedResidentIds(seed: number): void {
  residentSeed = seed;
}

export interface CaseOptions {
  readonly applicationId?: string;
  readonly region?: string;
  readonly members?: readonly string[];
  readonly nearRelative?: boolean;
  /** Who confirms (default: the county approver). */
  readonly confirmedBy?: Actor;
  readonly confirmationLevel?: 'county' | 'township';
  /** Who reviews (default: the township reviewer). */
  readonly reviewedBy?: Actor;
  /** Confirmation day in China time (default 2025-03-21, two days after the notice ended on 03-19). */
  readonly confirmedOn?: string;
  /** A death report for the applicant on this date (before payroll). */
  readonly applicantDiedOn?: string;
  /** A vehicle registered to a member and recorded before the check, which the check does not list. */
  readonly vehicleIgnoredByCheck?: boolean;
  /** County message ids the check lists as seen, besides the wage record it always saw. */
  readonly alsoSeen?: readonly string[];
  /** Payroll months to pay (default ['2025-04']). */
  readonly payrollMonths?: readonly string[];
}

export interface PlantedCase {
  readonly applicationId: string;
  readonly members: readonly string[];
  /** Event ids by step name. */
  readonly ids: Record<string, string>;
  readonly streams: Record<string, string>;
}

/** Writes one dibao case into the sink; `newId` makes every id (random for real stores, counted for specs). */
export function writeDibaoCase(sink: EventSink, newId: () => string, options: CaseOptions = {}): PlantedCase {
  const applicationId = options.applicationId ?? newId();
  const region = options.region ?? '331002001001';
  const members = options.members ?? [nextResidentId(), nextResidentId(), nextResidentId()];
  const memberIds = members.map(() => newId());
  const ids: Record<string, string> = {};
  const streams = { application: `application-${applicationId}`, check: `household-check-${applicationId}`, case: `case-${applicationId}` } as Record<
    string,
    string
  >;
  const bankAccount = { bankName: '台州银行', accountHolder: '王秀英', accountNumber: '6222000011112222' };
  const household = {
    members: members.map((r, i) => ({
      memberId: memberIds[i],
      residentId: r,
      name: i === 0 ? '王秀英' : `成员${i}`,
      relation: i === 0 ? 'applicant' : 'child',
      birthDate: `${r.slice(6, 10)}-${r.slice(10, 12)}-${r.slice(12, 14)}`,
      disabilityGrade: null,
      seriousIllness: false,
      workAbility: 'full',
      declaredMonthlyIncomes: i === 0 ? [{ kind: 'wage', monthlyFen: 180_000 }] : [],
    })),
    declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
    bankAccount,
  };
  const taker = people.intakeWorker;
  const nearRelative = options.nearRelative ? { declared: true, relationToStaff: 'sibling', staffName: '王建', staffPost: '村委会主任' } : { declared: false };
  ids.submitted = sink.add(
    'intake',
    streams.application as string,
    'ApplicationSubmitted',
    {
      applicationId,
      programme: 'dibao',
      region,
      applicationLocation: 'hukou',
      channel: 'walk-in',
      household,
      consents: { economicCheck: true, charityReferral: true },
      nearRelative,
      submittedBy: taker,
      submittedAt: '2025-03-03T01:10:00.000Z',
    },
    taker,
    '2025-03-03T01:10:00.000Z',
  );
  if (options.nearRelative) {
    ids.flagged = sink.add(
      'intake',
      streams.application as string,
      'NearRelativeCaseFlagged',
      { applicationId, relationToStaff: 'sibling', staffPost: '村委会主任', flaggedBy: taker, flaggedAt: '2025-03-03T01:10:00.000Z' },
      taker,
      '2025-03-03T01:10:00.000Z',
    );
  }
  ids.amended = sink.add(
    'intake',
    streams.application as string,
    'ApplicationAmended',
    { applicationId, changes: { bankAccount }, reason: '申请人更正银行账户', amendedBy: taker, amendedAt: '2025-03-03T01:20:00.000Z' },
    taker,
    '2025-03-03T01:20:00.000Z',
  );
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
    countedMemberIds: memberIds,
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
        memberId: memberIds[0],
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
        memberId: memberIds[0],
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
  const caseMembers = household.members.map((m) => ({ memberId: m.memberId, residentId: m.residentId, name: m.name }));
  const check = {
    checkId,
    eligible: true,
    ineligibilityReasons: [],
    policyId: 'taizhou-2025',
    standardFen: 119_000,
    householdSize: members.length,
    countedMonthlyIncomeFen: 144_300,
    perCapitaMonthlyIncomeFen: 48_100,
    investigatedBy: people.investigator,
    assessedAt: '2025-03-03T01:22:30.000Z',
  };
  ids.opened = sink.add(
    'approval',
    streams.case as string,
    'CaseOpened',
    {
      applicationId,
      programme: 'dibao',
      region,
      members: caseMembers,
      applicantMemberId: memberIds[0],
      bankAccount,
      consents: { economicCheck: true, charityReferral: true },
      involvesMinor: false,
      nearRelative: options.nearRelative ?? false,
      applicationTakenBy: taker,
      check,
      openedAt: '2025-03-03T01:24:00.000Z',
    },
    people.approvalSystem,
    '2025-03-03T01:24:00.000Z',
  );
  const reviewer = options.reviewedBy ?? people.reviewer;
  ids.reviewed = sink.add(
    'approval',
    streams.case as string,
    'TownshipReviewCompleted',
    { applicationId, checkId, recommendation: 'approve', reasons: [], reviewedBy: reviewer, reviewedAt: '2025-03-12T02:00:00.000Z' },
    reviewer,
    '2025-03-12T02:00:00.000Z',
  );
  ids.notice = sink.add(
    'approval',
    streams.case as string,
    'PublicNoticePosted',
    {
      applicationId,
      region,
      startsOn: '2025-03-13',
      endsOn: '2025-03-19',
      noticeDays: 7,
      published: true,
      postedBy: reviewer,
      postedAt: '2025-03-13T01:00:00.000Z',
    },
    reviewer,
    '2025-03-13T01:00:00.000Z',
  );
  const objectionId = newId();
  ids.objection = sink.add(
    'approval',
    streams.case as string,
    'ObjectionLodged',
    { applicationId, objectionId, summary: '邻居反映申请人有车辆', lodgedAt: '2025-03-14T03:00:00.000Z', recordedBy: reviewer },
    reviewer,
    '2025-03-14T03:00:00.000Z',
  );
  ids.objectionResolved = sink.add(
    'approval',
    streams.case as string,
    'ObjectionResolved',
    {
      applicationId,
      objectionId,
      outcome: 'dismissed',
      explanation: '经核查车辆登记在他人名下',
      resolvedBy: reviewer,
      resolvedAt: '2025-03-17T03:00:00.000Z',
    },
    reviewer,
    '2025-03-17T03:00:00.000Z',
  );
  const confirmer = options.confirmedBy ?? people.countyApprover;
  const confirmedAt = `${options.confirmedOn ?? '2025-03-21'}T02:00:00.000Z`;
  ids.approved = sink.add(
    'approval',
    streams.case as string,
    'CaseApproved',
    {
      applicationId,
      programme: 'dibao',
      region,
      confirmedBy: confirmer,
      confirmationLevel: options.confirmationLevel ?? 'county',
      confirmedAt,
      benefitStartMonth: '2025-04',
      checkId,
      policyId: 'taizhou-2025',
      standardFen: 119_000,
      householdSize: members.length,
      perCapitaMonthlyIncomeFen: 48_100,
      countedMonthlyIncomeFen: 144_300,
      members: caseMembers,
      bankAccount,
      stillInHardship: false,
      consents: { economicCheck: true, charityReferral: true },
    },
    confirmer,
    confirmedAt,
  );
  ids.closed = sink.add(
    'intake',
    streams.application as string,
    'ApplicationClosed',
    {
      applicationId,
      outcome: 'approved',
      decidedAt: confirmedAt,
      closedBy: { userId: 'intake-service', role: 'county-system', orgUnit: region },
      closedAt: '2025-03-21T02:00:05.000Z',
    },
    { userId: 'intake-service', role: 'county-system', orgUnit: region },
    '2025-03-21T02:00:05.000Z',
  );
  const entitlementId = newId();
  streams.entitlement = `entitlement-${entitlementId}`;
  ids.granted = sink.add(
    'payments',
    streams.entitlement,
    'EntitlementGranted',
    {
      entitlementId,
      applicationId,
      programme: 'dibao',
      region,
      householdSize: members.length,
      members: caseMembers.map((m) => ({ memberId: m.memberId, residentId: m.residentId })),
      standardFen: 119_000,
      perCapitaCountedIncomeFen: 48_100,
      monthlyAmountFen: 212_700,
      startMonth: '2025-04',
      policyId: 'taizhou-2025',
      payee: bankAccount,
      grantedBy: people.paymentsSystem,
      grantedAt: '2025-03-21T02:01:00.000Z',
    },
    people.paymentsSystem,
    '2025-03-21T02:01:00.000Z',
  );
  if (options.applicantDiedOn) {
    ids.death = sink.add(
      'verification',
      `resident-${members[0]}`,
      'ResidentDeathReported',
      {
        messageId: newId(),
        residentId: members[0],
        recordedAt: `${options.applicantDiedOn}T03:00:00.000Z`,
        dateOfDeath: options.applicantDiedOn,
        reportedAt: `${options.applicantDiedOn}T03:00:00.000Z`,
      },
      people.countyDataFeed,
      `${options.applicantDiedOn}T03:00:00.000Z`,
    );
  }
  for (const month of options.payrollMonths ?? ['2025-04']) {
    const payrollId = newId();
    const instructionId = newId();
    const stream = `payroll-${region.slice(0, 6)}-${month}-${payrollId.slice(0, 8)}`;
    streams[`payroll-${month}`] = stream;
    const issuedAt = `${month}-05T01:00:00.000Z`;
    ids[`payment-${month}`] = sink.add(
      'payments',
      stream,
      'PaymentInstructionIssued',
      {
        payrollId,
        instructionId,
        entitlementId,
        applicationId,
        programme: 'dibao',
        region,
        month,
        amountFen: 212_700,
        payee: bankAccount,
        reference: `低保金${month}`,
        issuedAt,
      },
      people.paymentsOfficer,
      issuedAt,
    );
    ids[`paid-${month}`] = sink.add(
      'payments',
      stream,
      'PaymentSucceeded',
      { payrollId, instructionId, entitlementId, applicationId, amountFen: 212_700, settledAt: `${month}-09T07:20:00.000Z` },
      people.paymentsOfficer,
      `${month}-09T07:20:00.000Z`,
    );
  }
  return { applicationId, members, ids, streams };
}
