/**
 * The household a check assesses, as an investigator needs it to record findings: members (by
 * member id, resident IDs masked), rigid expenditures with their ids, obliged supporters with their
 * ids and status source, the waiver request and filing, and every finding with who, when and why.
 */
import { maskResidentId } from '@sa/domain-shared';
import type { HouseholdSnapshot, InvestigationRecord } from '@sa/domain-verification';

/** A finding as shown: a supporter's resident ID masked. */
function shownRecord(record: InvestigationRecord) {
  const { finding } = record;
  if (!('supporter' in finding)) return record;
  return { ...record, finding: { ...finding, supporter: { ...finding.supporter, residentId: maskResidentId(finding.supporter.residentId) } } };
}

export function householdView(h: HouseholdSnapshot) {
  return {
    members: h.members.map(({ residentId, declaredMonthlyIncomes, ...m }) => ({ ...m, residentIdMasked: maskResidentId(residentId), declaredMonthlyIncomes })),
    rigidExpenditures: h.rigidExpenditures,
    obligedSupporters: (h.obligedSupporters ?? []).map(({ residentId, ...s }) => ({ ...s, residentIdMasked: maskResidentId(residentId) })),
    supportWaiverRequested: h.supportWaiverRequested ?? false,
    supportPaymentWaiver: h.supportPaymentWaiver ?? null,
    rejectedCandidates: h.rejectedCandidates ?? [],
    investigation: (h.investigation ?? []).map(shownRecord),
  };
}
