/**
 * What an investigator records after the household visit (入户调查): each input of the check
 * recorded, corrected or rejected with its evidence, county candidates confirmed or rejected, facts
 * found on the visit. A finding changes the household the check assesses; the decider turns it into
 * a new round (RecheckRequested), so every change re-runs the check and the round says who and why.
 * Pure: `householdAfterFinding` returns the corrected household or the problem.
 */
import { fen, type Fen } from '@sa/domain-shared';
import type { HouseholdMember, HouseholdSnapshot } from '../household';
import type { InvestigationRecord, InvestigatorFinding, RigidExpenditureFacts } from './finding-types';
import { supporterChange } from './supporter-findings';
import type { VerificationRejectionCode } from '../rejections';
import type { ResidentRecords } from '../register/resident-records';

type Result = { readonly household: HouseholdSnapshot } | { readonly problem: { code: VerificationRejectionCode; message: string; field: string } };

const problem = (code: VerificationRejectionCode, message: string, field: string): Result => ({ problem: { code, message, field } });
const invalid = (code: VerificationRejectionCode, message: string, field: string) => ({ problem: { code, message, field } });

function rigidFrom(facts: RigidExpenditureFacts, expenditureId: string, evidenceReference: string) {
  return {
    expenditureId,
    memberId: facts.memberId,
    kind: facts.kind,
    amountFen: fen(facts.monthlyFen * facts.months),
    periodMonths: facts.months,
    fromMonth: facts.fromMonth,
    evidenceReference,
    recordedBy: 'investigator' as const,
  };
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

function periodProblem(fromMonth: string, months: number): Result | undefined {
  if (!monthPattern.test(fromMonth)) return problem('PERIOD_INVALID', 'fromMonth must be a month YYYY-MM', 'finding.fromMonth');
  if (!Number.isSafeInteger(months) || months < 1 || months > 120)
    return problem('PERIOD_INVALID', 'months must be a whole number from 1 to 120', 'finding.months');
  return undefined;
}

/** Large medical bills of the household's members in the round's department records, by message id. */
export function largeMedicalBillsOf(records: readonly ResidentRecords[], members: readonly HouseholdMember[]) {
  return members.flatMap((m) => (records.find((r) => r.residentId === m.residentId)?.largeMedicalBills ?? []).map((bill) => ({ memberId: m.memberId, bill })));
}

/**
 * The county record a confirmation names: a large medical bill (its out-of-pocket amount is spread
 * over the months), or a serious-illness record (the investigator gives the monthly spending found).
 */
type CandidateFound = { readonly memberId: string; readonly amountFen: Fen | undefined; readonly description: string } | Extract<Result, { problem: unknown }>;

function countyCandidate(records: readonly ResidentRecords[], household: HouseholdSnapshot, messageId: string, monthlyFen: number | undefined): CandidateFound {
  const bill = largeMedicalBillsOf(records, household.members).find((c) => c.bill.messageId === messageId);
  if (bill)
    return { memberId: bill.memberId, amountFen: bill.bill.outOfPocketFen, description: `large medical bill ${bill.bill.periodFrom}..${bill.bill.periodTo}` };
  const illness = household.members.flatMap((m) =>
    (records.find((r) => r.residentId === m.residentId)?.seriousIllnesses ?? [])
      .filter((i) => i.messageId === messageId)
      .map((i) => ({ memberId: m.memberId, i })),
  )[0];
  if (!illness)
    return invalid(
      'FINDING_INVALID',
      `no large medical bill or serious-illness record ${messageId} of a member in the check's department data`,
      'finding.sourceMessageId',
    );
  if (monthlyFen === undefined || !Number.isSafeInteger(monthlyFen) || monthlyFen <= 0) {
    return invalid('FINDING_INVALID', 'a serious-illness record has no amount: give the monthly spending found (monthlyFen)', 'finding.monthlyFen');
  }
  return { memberId: illness.memberId, amountFen: undefined, description: `serious illness ${illness.i.diseaseCategory} (${illness.i.diagnosedOn})` };
}

function rigidChange(household: HouseholdSnapshot, finding: InvestigatorFinding, evidence: string, records: readonly ResidentRecords[]): Result | undefined {
  const list = household.rigidExpenditures;
  switch (finding.kind) {
    case 'rigid-expenditure-recorded':
      return {
        household: {
          ...household,
          rigidExpenditures: [...list, rigidFrom(finding.expenditure, `investigator-${(household.investigation?.length ?? 0) + 1}`, evidence)],
        },
      };
    case 'rigid-expenditure-corrected':
    case 'rigid-expenditure-rejected': {
      if (!list.some((e) => e.expenditureId === finding.expenditureId)) {
        return problem('FINDING_INVALID', `no rigid expenditure ${finding.expenditureId} in this household`, 'finding.expenditureId');
      }
      const kept = list.filter((e) => e.expenditureId !== finding.expenditureId);
      const corrected = finding.kind === 'rigid-expenditure-corrected' ? [rigidFrom(finding.expenditure, finding.expenditureId, evidence)] : [];
      return { household: { ...household, rigidExpenditures: [...kept, ...corrected] } };
    }
    case 'county-candidate-confirmed': {
      const found = countyCandidate(records, household, finding.sourceMessageId, finding.monthlyFen);
      if ('problem' in found) return found;
      const spending = {
        expenditureId: `county-${finding.sourceMessageId}`,
        memberId: found.memberId,
        kind: 'medical' as const,
        amountFen: found.amountFen ?? fen((finding.monthlyFen ?? 0) * finding.months),
        periodMonths: finding.months,
        fromMonth: finding.fromMonth,
        evidenceReference: `${evidence}; medical-insurance message ${finding.sourceMessageId}`,
        recordedBy: 'county-data-confirmed' as const,
        sourceMessageId: finding.sourceMessageId,
        description: found.description,
      };
      return { household: { ...household, rigidExpenditures: [...list.filter((e) => e.expenditureId !== spending.expenditureId), spending] } };
    }
    case 'county-candidate-rejected':
      return { household: { ...household, rejectedCandidates: [...(household.rejectedCandidates ?? []), finding.sourceMessageId] } };
    default:
      return undefined;
  }
}

function otherChange(household: HouseholdSnapshot, finding: InvestigatorFinding, evidence: string): Result {
  switch (finding.kind) {
    case 'supporter-status-recorded': {
      const supporters = household.obligedSupporters ?? [];
      if (!supporters.some((s) => s.supporterId === finding.supporterId)) {
        return problem('FINDING_INVALID', `no obliged supporter ${finding.supporterId} declared for this household`, 'finding.supporterId');
      }
      const status = { value: finding.status, source: 'investigator' as const, reference: evidence };
      return { household: { ...household, obligedSupporters: supporters.map((s) => (s.supporterId === finding.supporterId ? { ...s, status } : s)) } };
    }
    case 'support-waiver-granted':
      return { household: { ...household, supportPaymentWaiver: finding.waiver } };
    case 'support-waiver-refused': {
      const { supportPaymentWaiver: _removed, ...rest } = household;
      return { household: { ...rest, supportWaiverRequested: false } };
    }
    case 'member-facts-corrected': {
      if (!household.members.some((m) => m.memberId === finding.memberId))
        return problem('UNKNOWN_MEMBER', `no member ${finding.memberId}`, 'finding.memberId');
      const { kind: _kind, memberId, ...facts } = finding;
      return { household: { ...household, members: household.members.map((m) => (m.memberId === memberId ? { ...m, ...facts } : m)) } };
    }
    default:
      return { household };
  }
}

/** The household after the finding, with the finding recorded; or why it cannot apply. */
export function householdAfterFinding(household: HouseholdSnapshot, record: InvestigationRecord, records: readonly ResidentRecords[]): Result {
  const { finding } = record;
  if ('fromMonth' in finding) {
    const invalid = periodProblem(finding.fromMonth, finding.months);
    if (invalid) return invalid;
  }
  if ('expenditure' in finding) {
    const invalid = periodProblem(finding.expenditure.fromMonth, finding.expenditure.months);
    if (invalid) return invalid;
    if (!household.members.some((m) => m.memberId === finding.expenditure.memberId)) {
      return problem('UNKNOWN_MEMBER', `no member ${finding.expenditure.memberId}`, 'finding.expenditure.memberId');
    }
  }
  const changed =
    rigidChange(household, finding, record.evidenceReference, records) ??
    supporterChange(household, finding) ??
    otherChange(household, finding, record.evidenceReference);
  if ('problem' in changed) return changed;
  return { household: { ...changed.household, investigation: [...(household.investigation ?? []), record] } };
}
