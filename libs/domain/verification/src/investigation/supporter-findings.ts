/**
 * Findings about obliged supporters outside the household (赡养/抚养/扶养义务人): one recorded,
 * corrected or rejected by the investigator. A corrected supporter keeps a status found for the same
 * person; a new person starts without one (the next re-check looks it up).
 */
import { fen, parseResidentId, residentIdProblem } from '@sa/domain-shared';
import type { HouseholdSnapshot, ObligedSupporterRecord } from '../household';
import type { VerificationRejectionCode } from '../rejections';
import type { InvestigatorFinding, SupporterFacts } from './finding-types';

type Change = { readonly household: HouseholdSnapshot } | { readonly problem: { code: VerificationRejectionCode; message: string; field: string } };

const problem = (message: string, field: string): Change => ({ problem: { code: 'FINDING_INVALID', message, field } });

function factsProblem(household: HouseholdSnapshot, facts: SupporterFacts): Change | undefined {
  if (residentIdProblem(facts.residentId)) return problem('the supporter’s resident ID is not a valid GB 11643 number', 'finding.supporter.residentId');
  if (household.members.some((m) => m.residentId === facts.residentId.toUpperCase())) {
    return problem('a supporter outside the household cannot be one of its members', 'finding.supporter.residentId');
  }
  if (!household.members.some((m) => m.memberId === facts.supportsMemberId))
    return problem(`no member ${facts.supportsMemberId}`, 'finding.supporter.supportsMemberId');
  if (!Number.isSafeInteger(facts.monthlySupportFen) || facts.monthlySupportFen < 0)
    return problem('support is a whole, non-negative number of fen', 'finding.supporter.monthlySupportFen');
  return undefined;
}

function recordOf(supporterId: string, facts: SupporterFacts, kept?: ObligedSupporterRecord['status']): ObligedSupporterRecord {
  return {
    supporterId,
    residentId: parseResidentId(facts.residentId.toUpperCase()),
    relation: facts.relation,
    supportsMemberId: facts.supportsMemberId,
    monthlySupportFen: fen(facts.monthlySupportFen),
    ...(kept ? { status: kept } : {}),
  };
}

/** The household after a supporter finding, undefined for another kind of finding. */
export function supporterChange(household: HouseholdSnapshot, finding: InvestigatorFinding): Change | undefined {
  const list = household.obligedSupporters ?? [];
  switch (finding.kind) {
    case 'supporter-recorded': {
      const invalid = factsProblem(household, finding.supporter);
      if (invalid) return invalid;
      const supporterId = `investigator-supporter-${(household.investigation?.length ?? 0) + 1}`;
      return { household: { ...household, obligedSupporters: [...list, recordOf(supporterId, finding.supporter)] } };
    }
    case 'supporter-corrected':
    case 'supporter-rejected': {
      const before = list.find((s) => s.supporterId === finding.supporterId);
      if (!before) return problem(`no obliged supporter ${finding.supporterId} in this household`, 'finding.supporterId');
      if (finding.kind === 'supporter-rejected') return { household: { ...household, obligedSupporters: list.filter((s) => s !== before) } };
      const invalid = factsProblem(household, finding.supporter);
      if (invalid) return invalid;
      const samePerson = before.residentId === finding.supporter.residentId.toUpperCase();
      const corrected = recordOf(before.supporterId, finding.supporter, samePerson ? before.status : undefined);
      return { household: { ...household, obligedSupporters: list.map((s) => (s === before ? corrected : s)) } };
    }
    default:
      return undefined;
  }
}
