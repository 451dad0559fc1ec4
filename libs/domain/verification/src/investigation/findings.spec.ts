import { fen, given, type Actor } from '@sa/domain-shared';
import { assessHouseholdEconomicStatus } from '../assessment/assess-household';
import { householdCheckDecider as decider } from '../check/decider';
import type { HouseholdCheckEvent, RecordFinding } from '../check/messages';
import type { HouseholdSnapshot } from '../household';
import { facts, householdOfThree, income, jiaojiangVillage, recordsOf, residents, taizhou2025 } from '../testing/fixtures';
import type { InvestigationRecord, InvestigatorFinding } from './finding-types';

const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
const checkId = '0195f2b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
const nextId = '0195f2c0-2b3c-7d4e-9f5a-6b7c8d9e0f1a';
const investigator: Actor = { userId: 'u-inv-0031', role: 'investigator', orgUnit: '331002001' };
const household: HouseholdSnapshot = {
  ...householdOfThree([income('farming', 400_000)]),
  obligedSupporters: [
    { supporterId: 'supporter-1', residentId: residents.neighbour, relation: 'child', supportsMemberId: 'm-grandmother', monthlySupportFen: fen(50_000) },
  ],
};
const records = [recordsOf(residents.grandmother, facts.largeMedicalBill(residents.grandmother, 1_200_000))];
const billId = records[0]?.largeMedicalBills[0]?.messageId ?? '';

function history(h: HouseholdSnapshot = household): HouseholdCheckEvent[] {
  const assessment = assessHouseholdEconomicStatus({
    programme: 'dibao',
    area: 'urban',
    assessedOn: '2025-03-10',
    household: h,
    departmentRecords: records,
    policy: taizhou2025,
  });
  const base = { applicationId, checkId };
  return [
    {
      type: 'CheckRequested',
      data: {
        ...base,
        programme: 'dibao',
        region: jiaojiangVillage,
        area: 'urban',
        household: h,
        consentToDataCheck: true,
        requestedAt: '2025-03-03T09:15:00+08:00',
      },
    },
    { type: 'DepartmentDataCollected', data: { ...base, records, asOf: '2025-03-09T00:00:00Z' } },
    {
      type: 'HouseholdEconomicStatusAssessed',
      data: { ...base, region: jiaojiangVillage, assessedAt: '2025-03-10T16:00:00+08:00', policyId: 'taizhou-2025', assessment },
    },
    {
      type: 'CheckCompleted',
      data: {
        ...base,
        programme: 'dibao',
        region: jiaojiangVillage,
        outcome: assessment.eligible ? 'eligible' : 'ineligible',
        reasons: assessment.ineligibilityReasons,
        assessedAt: '2025-03-10T16:00:00+08:00',
        completedAt: '2025-03-10T17:00:00+08:00',
        assessment,
      },
    },
  ];
}

const record = (finding: InvestigatorFinding, by: Actor = investigator): InvestigationRecord => ({
  finding,
  reason: '入户核实',
  evidenceReference: '入户调查表 2025-031',
  recordedBy: by,
  recordedAt: '2025-03-12T10:00:00+08:00',
});
const command = (finding: InvestigatorFinding, by?: Actor): RecordFinding => ({
  type: 'RecordFinding',
  checkId: nextId,
  previousCheckId: checkId,
  record: record(finding, by),
});
const recheckWith = (h: HouseholdSnapshot, finding: InvestigatorFinding): HouseholdCheckEvent => ({
  type: 'RecheckRequested',
  data: {
    applicationId,
    checkId: nextId,
    previousCheckId: checkId,
    reason: `investigator finding ${finding.kind}: 入户核实 (evidence: 入户调查表 2025-031)`,
    household: { ...h, investigation: [record(finding)] },
    requestedAt: '2025-03-12T10:00:00+08:00',
    requestedBy: investigator,
  },
});

describe('investigator findings (入户调查): each re-runs the check with who, why and the evidence', () => {
  it('given a completed check listing a county bill as a candidate, when the investigator confirms it, then a new round deducts it as rigid expenditure', () => {
    const before = history();
    const completed = before.at(-1);
    expect(completed?.type === 'CheckCompleted' && completed.data.assessment.rigidExpenditureCandidates).toEqual([
      expect.objectContaining({ sourceMessageId: billId, memberId: 'm-grandmother', what: 'large-medical-bill', amountFen: 1_200_000 }),
    ]);
    const finding: InvestigatorFinding = { kind: 'county-candidate-confirmed', sourceMessageId: billId, fromMonth: '2025-03', months: 12 };
    const confirmed = {
      expenditureId: `county-${billId}`,
      memberId: 'm-grandmother',
      kind: 'medical' as const,
      amountFen: fen(1_200_000),
      periodMonths: 12,
      fromMonth: '2025-03',
      evidenceReference: `入户调查表 2025-031; medical-insurance message ${billId}`,
      recordedBy: 'county-data-confirmed' as const,
      sourceMessageId: billId,
      description: 'large medical bill 2024-03-01..2025-02-28',
    };
    given(decider, before)
      .when(command(finding))
      .then([recheckWith({ ...household, rigidExpenditures: [confirmed] }, finding)]);
  });

  it('given a declared supporter, when the investigator records that the supporter is on dibao, then the new round carries the status with its source', () => {
    const finding: InvestigatorFinding = { kind: 'supporter-status-recorded', supporterId: 'supporter-1', status: 'dibao' };
    const supporters = household.obligedSupporters?.map((s) => ({
      ...s,
      status: { value: 'dibao' as const, source: 'investigator' as const, reference: '入户调查表 2025-031' },
    }));
    given(decider, history())
      .when(command(finding))
      .then([recheckWith({ ...household, obligedSupporters: supporters }, finding)]);
  });

  it('given a waiver request, when the township filing is recorded, then the waiver applies; when refused, the request is closed', () => {
    const waiver = { ground: 'expenditure-type-hardship' as const, reference: '乡镇备案 2025-017' };
    const granted: InvestigatorFinding = { kind: 'support-waiver-granted', waiver };
    given(decider, history())
      .when(command(granted))
      .then([recheckWith({ ...household, supportPaymentWaiver: waiver }, granted)]);
    const refused: InvestigatorFinding = { kind: 'support-waiver-refused' };
    given(decider, history())
      .when(command(refused))
      .then([recheckWith({ ...household, supportWaiverRequested: false }, refused)]);
  });

  it('given a visit, when the investigator records what was found, then it is kept with the household and the check runs again', () => {
    const finding: InvestigatorFinding = { kind: 'visit-recorded', facts: '祖母卧床，需专人照护' };
    given(decider, history())
      .when(command(finding))
      .then([recheckWith(household, finding)]);
  });

  it('refuses a finding about an input the household does not have, a bad period, or from outside the jurisdiction', () => {
    given(decider, history())
      .when(command({ kind: 'rigid-expenditure-rejected', expenditureId: 'declared-9' }))
      .thenRejects('FINDING_INVALID');
    given(decider, history())
      .when(command({ kind: 'county-candidate-confirmed', sourceMessageId: billId, fromMonth: '2025-3', months: 12 }))
      .thenRejects('PERIOD_INVALID');
    given(decider, history())
      .when(command({ kind: 'visit-recorded', facts: 'x' }, { ...investigator, orgUnit: '330102001' }))
      .thenRejects('OUTSIDE_JURISDICTION');
  });

  it('refuses a finding while the automatic round is still open', () => {
    given(decider, history().slice(0, 2))
      .when(command({ kind: 'visit-recorded', facts: 'x' }))
      .thenRejects('CHECK_IN_PROGRESS');
  });

  it('given a supporter the household did not declare, when the investigator records them, then the new round counts their support; a rejected one leaves it', () => {
    const supporter = { residentId: residents.neighbour, relation: 'sibling' as const, supportsMemberId: 'm-daughter', monthlySupportFen: fen(30_000) };
    const noSupporters = { ...household, obligedSupporters: [] };
    const recorded: InvestigatorFinding = { kind: 'supporter-recorded', supporter };
    const added = {
      supporterId: 'investigator-supporter-1',
      residentId: residents.neighbour,
      relation: 'sibling' as const,
      supportsMemberId: 'm-daughter',
      monthlySupportFen: fen(30_000),
    };
    given(decider, history(noSupporters))
      .when(command(recorded))
      .then([recheckWith({ ...noSupporters, obligedSupporters: [added] }, recorded)]);
    const rejected: InvestigatorFinding = { kind: 'supporter-rejected', supporterId: 'supporter-1' };
    given(decider, history())
      .when(command(rejected))
      .then([recheckWith({ ...household, obligedSupporters: [] }, rejected)]);
  });

  it('refuses a recorded supporter who is a member of the household, or supports someone who is not', () => {
    const member = { residentId: residents.father, relation: 'child' as const, supportsMemberId: 'm-grandmother', monthlySupportFen: fen(30_000) };
    given(decider, history())
      .when(command({ kind: 'supporter-recorded', supporter: member }))
      .thenRejects('FINDING_INVALID');
    const stranger = { ...member, residentId: residents.neighbour, supportsMemberId: 'm-nobody' };
    given(decider, history())
      .when(command({ kind: 'supporter-corrected', supporterId: 'supporter-1', supporter: stranger }))
      .thenRejects('FINDING_INVALID');
  });

  it('given a serious-illness record, when the investigator confirms it with the monthly spending found, then it is deducted; without an amount it is refused', () => {
    const ill = [recordsOf(residents.grandmother, facts.largeMedicalBill(residents.grandmother, 1_200_000), facts.seriousIllness(residents.grandmother))];
    const illnessId = ill[0]?.seriousIllnesses[0]?.messageId ?? '';
    const withIllness: HouseholdCheckEvent[] = history().map((e) => (e.type === 'DepartmentDataCollected' ? { ...e, data: { ...e.data, records: ill } } : e));
    const finding: InvestigatorFinding = {
      kind: 'county-candidate-confirmed',
      sourceMessageId: illnessId,
      fromMonth: '2025-03',
      months: 6,
      monthlyFen: fen(80_000),
    };
    const spending = {
      expenditureId: `county-${illnessId}`,
      memberId: 'm-grandmother',
      kind: 'medical' as const,
      amountFen: fen(480_000),
      periodMonths: 6,
      fromMonth: '2025-03',
      evidenceReference: `入户调查表 2025-031; medical-insurance message ${illnessId}`,
      recordedBy: 'county-data-confirmed' as const,
      sourceMessageId: illnessId,
      description: 'serious illness 恶性肿瘤 (2025-02-20)',
    };
    given(decider, withIllness)
      .when(command(finding))
      .then([recheckWith({ ...household, rigidExpenditures: [spending] }, finding)]);
    const { monthlyFen: _none, ...withoutAmount } = finding;
    given(decider, withIllness).when(command(withoutAmount)).thenRejects('FINDING_INVALID');
  });
});
