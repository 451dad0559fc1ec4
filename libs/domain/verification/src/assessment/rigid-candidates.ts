/**
 * County data that may be rigid expenditure (刚性支出): large medical bills (大额医疗费用) and serious-
 * illness records (重特大疾病) of members, from the medical-insurance feed. They are candidates an
 * investigator confirms or rejects — never silently deducted, never silently ignored: each one not
 * yet decided is listed with the check's result.
 */
import type { Fen } from '@sa/domain-shared';
import type { HouseholdSnapshot } from '../household';
import type { ResidentRecords } from '../register/resident-records';

export interface RigidExpenditureCandidate {
  readonly sourceMessageId: string;
  readonly source: 'medical-insurance';
  readonly memberId: string;
  readonly what: 'large-medical-bill' | 'serious-illness';
  /** Out-of-pocket amount of a bill; null for an illness record (the investigator finds the spending). */
  readonly amountFen: Fen | null;
  readonly detail: string;
}

export function rigidExpenditureCandidates(
  household: HouseholdSnapshot,
  records: readonly ResidentRecords[],
  livingMemberIds: readonly string[],
): RigidExpenditureCandidate[] {
  const decided = new Set([
    ...(household.rejectedCandidates ?? []),
    ...household.rigidExpenditures.flatMap((e) => (e.sourceMessageId ? [e.sourceMessageId] : [])),
  ]);
  const living = new Set(livingMemberIds);
  return household.members.flatMap((m) => {
    const own = records.find((r) => r.residentId === m.residentId);
    if (!own || !living.has(m.memberId)) return [];
    const bills = own.largeMedicalBills.map((b) => ({
      sourceMessageId: b.messageId,
      source: 'medical-insurance' as const,
      memberId: m.memberId,
      what: 'large-medical-bill' as const,
      amountFen: b.outOfPocketFen,
      detail: `out of pocket ${b.periodFrom}..${b.periodTo}`,
    }));
    const illnesses = own.seriousIllnesses.map((i) => ({
      sourceMessageId: i.messageId,
      source: 'medical-insurance' as const,
      memberId: m.memberId,
      what: 'serious-illness' as const,
      amountFen: null,
      detail: `${i.diseaseCategory}, diagnosed ${i.diagnosedOn}`,
    }));
    return [...bills, ...illnesses].filter((c) => !decided.has(c.sourceMessageId));
  });
}
