/**
 * Case histories for the audit's specs: a clean dibao case through all five services, with
 * switches that plant exactly one irregularity each. Events have the shapes the services' domain
 * libraries append; times are China-time working hours in 2025.
 */
import { checkCharacter, type Actor } from '@sa/domain-shared';
import { assembleCaseHistory, type CaseHistory } from '../case-history';
import type { SourcedEvent } from '../sourced-event';

export const people = {
  intakeWorker: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002001' },
  investigator: { userId: 'li.qiang', role: 'investigator', orgUnit: '331002001' },
  reviewer: { userId: 'zhao.min', role: 'township-reviewer', orgUnit: '331002001' },
  countyApprover: { userId: 'chen.jie', role: 'county-approver', orgUnit: '331002' },
  payments: { userId: 'sun.li', role: 'payments-officer', orgUnit: '331002' },
  publicSecurity: { userId: 'county-public-security', role: 'county-system', orgUnit: '331002' },
  verificationSystem: { userId: 'verification-service', role: 'county-system', orgUnit: '331002001001' },
  approvalSystem: { userId: 'approval-service', role: 'county-system', orgUnit: '331002001001' },
  paymentsSystem: { userId: 'payments-service', role: 'county-system', orgUnit: '331002' },
} as const satisfies Record<string, Actor>;

export function residentId(seed: number): string {
  const first17 = `33100219800101${String(100 + (seed % 900)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

let counter = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const nextId = () => uuid(++counter);

/** Appends events as each source store would: per-source positions, per-stream revisions. */
export class HistoryWriter {
  readonly events: SourcedEvent[] = [];
  private readonly positions = new Map<string, number>();
  private readonly revisions = new Map<string, number>();

  add(source: string, stream: string, type: string, data: unknown, actor: Actor, at: string): SourcedEvent {
    const position = (this.positions.get(source) ?? 0) + 1;
    const revision = (this.revisions.get(`${source}/${stream}`) ?? -1) + 1;
    this.positions.set(source, position);
    this.revisions.set(`${source}/${stream}`, revision);
    const eventId = nextId();
    const event: SourcedEvent = {
      source,
      eventId,
      stream,
      revision,
      position,
      type,
      data,
      occurredAt: at,
      recordedAt: at,
      actor,
      correlationId: eventId,
      causationId: null,
    };
    this.events.push(event);
    return event;
  }
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
  /** Public-security death report for the applicant on this date (before payroll). */
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
  readonly ids: Record<string, string>;
}

/** A dibao household of three in Jiaojiang (331002001001): wage 1,800.00, standard 1,190.00 → 2,127.00 a month. */
export function writeDibaoCase(w: HistoryWriter, options: CaseOptions = {}): PlantedCase {
  const applicationId = options.applicationId ?? nextId();
  const region = options.region ?? '331002001001';
  const members = options.members ?? [residentId(counter * 3 + 1), residentId(counter * 3 + 2), residentId(counter * 3 + 3)];
  const ids: Record<string, string> = {};
  const memberIds = members.map(() => nextId());
  const bankAccount = { bankName: '台州银行', accountHolder: '王秀英', accountNumber: '6222000011112222' };
  const household = {
    members: members.map((r, i) => ({
      memberId: memberIds[i],
      residentId: r,
      name: i === 0 ? '王秀英' : `成员${i}`,
      relation: i === 0 ? 'applicant' : 'child',
      birthDate: '1980-01-01',
      disabilityGrade: null,
      seriousIllness: false,
      workAbility: 'full',
      declaredMonthlyIncomes: i === 0 ? [{ kind: 'wage', monthlyFen: 180_000 }] : [],
    })),
    declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
    bankAccount,
  };
  const nearRelative = options.nearRelative ? { declared: true, relationToStaff: 'sibling', staffName: '王建', staffPost: '村委会主任' } : { declared: false };
  const taker = people.intakeWorker;
  ids.submitted = w.add(
    'intake',
    `application-${applicationId}`,
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
  ).eventId;
  if (options.nearRelative) {
    ids.flagged = w.add(
      'intake',
      `application-${applicationId}`,
      'NearRelativeCaseFlagged',
      { applicationId, relationToStaff: 'sibling', staffPost: '村委会主任', flaggedBy: taker, flaggedAt: '2025-03-03T01:10:00.000Z' },
      taker,
      '2025-03-03T01:10:00.000Z',
    ).eventId;
  }
  const messageIds: string[] = [...(options.alsoSeen ?? [])];
  // County data already on the register before the check: one wage month, and maybe a vehicle.
  const wage = w.add(
    'verification',
    `resident-${members[0]}`,
    'WageRecordReported',
    {
      messageId: 'wage-msg-1',
      residentId: members[0],
      recordedAt: '2025-02-20T02:00:00.000Z',
      employer: '台州某包装厂',
      monthlyWageFen: 180_000,
      month: '2025-01',
    },
    people.verificationSystem,
    '2025-02-20T02:00:00.000Z',
  );
  messageIds.push('wage-msg-1');
  ids.wage = wage.eventId;
  if (options.vehicleIgnoredByCheck) {
    ids.vehicle = w.add(
      'verification',
      `resident-${members[1]}`,
      'VehicleRegistrationReported',
      {
        messageId: 'vehicle-msg-1',
        residentId: members[1],
        recordedAt: '2025-03-01T02:00:00.000Z',
        plateNumber: '浙J·12345',
        vehicleType: 'car',
        registeredOn: '2024-06-01',
      },
      people.verificationSystem,
      '2025-03-01T02:00:00.000Z',
    ).eventId;
  }
  const checkId = nextId();
  const checkStream = `household-check-${applicationId}`;
  const checkHousehold = {
    members: household.members.map((m) => ({
      memberId: m.memberId,
      residentId: m.residentId,
      relation: m.relation,
      workAbility: 'full',
      disabilityGrade: null,
      seriousIllness: false,
      declaredMonthlyIncomes: m.declaredMonthlyIncomes,
    })),
    declaredAssets: household.declaredAssets,
  };
  w.add(
    'verification',
    checkStream,
    'CheckRequested',
    {
      applicationId,
      checkId,
      programme: 'dibao',
      region,
      area: 'urban',
      household: checkHousehold,
      consentToDataCheck: true,
      requestedAt: '2025-03-03T01:11:00.000Z',
    },
    people.verificationSystem,
    '2025-03-03T01:11:00.000Z',
  );
  ids.collected = w.add(
    'verification',
    checkStream,
    'DepartmentDataCollected',
    { applicationId, checkId, records: [], asOf: '2025-03-03T01:12:00.000Z' },
    people.verificationSystem,
    '2025-03-03T01:12:00.000Z',
  ).eventId;
  const assessment = {
    programme: 'dibao',
    area: 'urban',
    assessedOn: '2025-03-03',
    policyId: 'taizhou-2025',
    standardFen: 119_000,
    householdSize: 3,
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
        basis: '按照城市低保标准的30%给予扣减',
        policyId: 'taizhou-2025',
        parameters: { urbanDibaoStandardFen: 119_000, employmentCostDeductionBp: 3000 },
      },
    ],
    departmentFactsSeen: messageIds.map((factId) => ({ source: 'hrss', factId, recordedAt: '2025-02-20T02:00:00.000Z' })),
  };
  ids.assessed = w.add(
    'verification',
    checkStream,
    'HouseholdEconomicStatusAssessed',
    { applicationId, checkId, region, assessedAt: '2025-03-03T01:12:30.000Z', policyId: 'taizhou-2025', assessment },
    people.verificationSystem,
    '2025-03-03T01:12:30.000Z',
  ).eventId;
  ids.checkCompleted = w.add(
    'verification',
    checkStream,
    'CheckCompleted',
    {
      applicationId,
      checkId,
      programme: 'dibao',
      region,
      outcome: 'eligible',
      reasons: [],
      assessedAt: '2025-03-03T01:12:30.000Z',
      completedAt: '2025-03-03T01:13:00.000Z',
      assessment,
    },
    people.verificationSystem,
    '2025-03-03T01:13:00.000Z',
  ).eventId;
  const caseStream = `case-${applicationId}`;
  const caseMembers = household.members.map((m) => ({ memberId: m.memberId, residentId: m.residentId, name: m.name }));
  const check = {
    checkId,
    eligible: true,
    ineligibilityReasons: [],
    policyId: 'taizhou-2025',
    standardFen: 119_000,
    householdSize: 3,
    countedMonthlyIncomeFen: 144_300,
    perCapitaMonthlyIncomeFen: 48_100,
    investigatedBy: people.investigator,
    assessedAt: '2025-03-03T01:12:30.000Z',
  };
  ids.opened = w.add(
    'approval',
    caseStream,
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
      openedAt: '2025-03-03T01:14:00.000Z',
    },
    people.approvalSystem,
    '2025-03-03T01:14:00.000Z',
  ).eventId;
  const reviewer = options.reviewedBy ?? people.reviewer;
  ids.reviewed = w.add(
    'approval',
    caseStream,
    'TownshipReviewCompleted',
    { applicationId, checkId, recommendation: 'approve', reasons: [], reviewedBy: reviewer, reviewedAt: '2025-03-12T02:00:00.000Z' },
    reviewer,
    '2025-03-12T02:00:00.000Z',
  ).eventId;
  ids.notice = w.add(
    'approval',
    caseStream,
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
  ).eventId;
  const confirmer = options.confirmedBy ?? people.countyApprover;
  const confirmedAt = `${options.confirmedOn ?? '2025-03-21'}T02:00:00.000Z`;
  const benefitStartMonth = '2025-04';
  ids.approved = w.add(
    'approval',
    caseStream,
    'CaseApproved',
    {
      applicationId,
      programme: 'dibao',
      region,
      confirmedBy: confirmer,
      confirmationLevel: options.confirmationLevel ?? 'county',
      confirmedAt,
      benefitStartMonth,
      checkId,
      policyId: 'taizhou-2025',
      standardFen: 119_000,
      householdSize: 3,
      perCapitaMonthlyIncomeFen: 48_100,
      countedMonthlyIncomeFen: 144_300,
      members: caseMembers,
      bankAccount,
      stillInHardship: false,
      consents: { economicCheck: true, charityReferral: true },
    },
    confirmer,
    confirmedAt,
  ).eventId;
  const entitlementId = nextId();
  const entitlementStream = `entitlement-${entitlementId}`;
  ids.granted = w.add(
    'payments',
    entitlementStream,
    'EntitlementGranted',
    {
      entitlementId,
      applicationId,
      programme: 'dibao',
      region,
      householdSize: 3,
      members: caseMembers.map((m) => ({ memberId: m.memberId, residentId: m.residentId })),
      standardFen: 119_000,
      perCapitaCountedIncomeFen: 48_100,
      monthlyAmountFen: 212_700,
      startMonth: benefitStartMonth,
      policyId: 'taizhou-2025',
      payee: bankAccount,
      grantedBy: people.paymentsSystem,
      grantedAt: '2025-03-21T02:01:00.000Z',
    },
    people.paymentsSystem,
    '2025-03-21T02:01:00.000Z',
  ).eventId;
  if (options.applicantDiedOn) {
    ids.death = w.add(
      'verification',
      `resident-${members[0]}`,
      'ResidentDeathReported',
      {
        messageId: 'death-msg-1',
        residentId: members[0],
        recordedAt: `${options.applicantDiedOn}T03:00:00.000Z`,
        dateOfDeath: options.applicantDiedOn,
        reportedAt: `${options.applicantDiedOn}T03:00:00.000Z`,
      },
      people.publicSecurity,
      `${options.applicantDiedOn}T03:00:00.000Z`,
    ).eventId;
  }
  for (const month of options.payrollMonths ?? ['2025-04']) {
    const payrollId = nextId();
    const instructionId = nextId();
    const issuedAt = `${month}-05T01:00:00.000Z`;
    ids[`payment-${month}`] = w.add(
      'payments',
      `payroll-${payrollId}`,
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
      people.payments,
      issuedAt,
    ).eventId;
    ids[`paid-${month}`] = w.add(
      'payments',
      `payroll-${payrollId}`,
      'PaymentSucceeded',
      { payrollId, instructionId, entitlementId, applicationId, amountFen: 212_700, settledAt: `${month}-09T07:20:00.000Z` },
      people.payments,
      `${month}-09T07:20:00.000Z`,
    ).eventId;
  }
  return { applicationId, members, ids };
}

export function historyOf(w: HistoryWriter, applicationId: string): CaseHistory {
  return assembleCaseHistory(applicationId, w.events);
}
