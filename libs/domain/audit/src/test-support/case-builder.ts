/**
 * The one case builder for the audit's tests and benchmark (the domain specs fold its events in
 * memory, apps/audit's integration tests write them into real source schemas): a clean dibao case
 * through all five services — the events each service's domain library appends (same types, same
 * data shapes), with the people who would act and the record times of a real case — and switches
 * that plant exactly one irregularity each. Default: a household of three in Jiaojiang, Taizhou
 * (wage 1,800.00, standard 1,190.00 → counted 1,443.00, per capita 481.00, 2,127.00 a month).
 */
import { checkCharacter } from '@sa/domain-shared';
import { writeCheck } from './case-builder-check';
import { writePayments } from './case-builder-payments';
import { people, type CaseInProgress, type CaseOptions, type EventSink, type PlantedCase } from './case-builder-types';

export * from './case-builder-types';

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
  const built: CaseInProgress = { sink, newId, options, applicationId, region, members, ids, streams, bankAccount };
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
  const checkId = writeCheck(built, household);
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
  writePayments(built, caseMembers);
  return { applicationId, members, ids, streams };
}
