/**
 * 分层认定: which category the check finds the household in, with the reason, and 单人保.
 *
 * - extreme-poverty-eligible: a 特困 application that passed every test.
 * - dibao-eligible: counted income below members × standard before any rigid expenditure.
 * - expenditure-type-hardship (支出型困难): above the line before rigid expenditure, below it after
 *   (运民发〔2021〕59号: "因大病、残疾、教育……费用支出较大，实际生活水平低于当地低保标准的“支出型”贫困家庭");
 *   the gap after the deduction is paid.
 * - marginal (低保边缘): per-capita income at or above the standard and below the policy multiple
 *   (commonly 1.5 ×), property test passed. Not paid as a household; members the policy names
 *   (severely disabled, seriously ill) may be covered as single-person households (单人保).
 * - ineligible: anything else (concealment, property, income at or above the multiple).
 * All comparisons are on household totals in integer fen: counted × 10,000 < standard × members × multipleBp.
 */
import { fen, formatYuan, multiplyFen, subtractFen, maxFen, addFen, type Fen, type RegionalPolicy } from '@sa/domain-shared';
import type { HouseholdMember } from '../household';
import type { RuleTraceEntry } from '../rule-trace';

export type HouseholdCategory = 'dibao-eligible' | 'extreme-poverty-eligible' | 'expenditure-type-hardship' | 'marginal' | 'ineligible';

export interface CategoryFinding {
  readonly category: HouseholdCategory;
  readonly reason: string;
  /** The policy source the category rests on, when one does. */
  readonly source?: string;
}

/** 单人保: one member of a marginal household covered as a single-person household. */
export interface SinglePersonCoverage {
  readonly memberId: string;
  readonly ground: 'severe-disability' | 'serious-illness';
  readonly disabilityGrade: number | null;
  /** The member's own counted income (their trace entries), not below zero. */
  readonly memberCountedIncomeFen: Fen;
  /** standard − the member's counted income, as for a household of one. */
  readonly monthlyGapFen: Fen;
  readonly source: string;
}

export interface CategoryInput {
  readonly programme: 'dibao' | 'extreme-poverty';
  readonly policy: RegionalPolicy;
  readonly standardFen: Fen;
  readonly size: number;
  readonly countedFen: Fen;
  readonly trace: readonly RuleTraceEntry[];
  /** Whether every other test (concealment, property, extreme-poverty conditions) passed. */
  readonly otherTestsPassed: boolean;
  readonly propertyPassed: boolean;
  readonly concealment: boolean;
}

const isRigid = (e: RuleTraceEntry) => e.rule === 'rigid-expenditure-deducted';

/** Counted income before any rigid expenditure deduction, not below zero. */
export function incomeBeforeRigidFen(trace: readonly RuleTraceEntry[]): Fen {
  return maxFen(fen(0), addFen(fen(0), ...trace.filter((e) => e.counted && !isRigid(e)).map((e) => e.amountAfterFen)));
}

export function householdCategory(input: CategoryInput): CategoryFinding {
  const { policy, standardFen, size, countedFen } = input;
  const line = multiplyFen(standardFen, size);
  const yuan = (f: Fen) => formatYuan(f);
  if (size === 0) return { category: 'ineligible', reason: 'no living member' };
  if (input.programme === 'extreme-poverty') {
    return input.otherTestsPassed && countedFen < line
      ? { category: 'extreme-poverty-eligible', reason: `counted ${yuan(countedFen)} below ${size} × ${yuan(standardFen)}; no work ability, no able supporter` }
      : { category: 'ineligible', reason: 'the extreme-poverty conditions are not all met' };
  }
  const before = incomeBeforeRigidFen(input.trace);
  if (input.otherTestsPassed && countedFen < line) {
    if (before < line) return { category: 'dibao-eligible', reason: `counted ${yuan(countedFen)} is below ${size} × ${yuan(standardFen)} = ${yuan(line)}` };
    const rigidSource = policy.householdCategories?.sources.rigidExpenditure;
    return {
      category: 'expenditure-type-hardship',
      reason: `income ${yuan(before)} is not below ${yuan(line)}, but after rigid expenditure ${yuan(subtractFen(before, countedFen))} it is ${yuan(countedFen)}`,
      ...(rigidSource ? { source: rigidSource } : {}),
    };
  }
  const categories = policy.householdCategories;
  const marginal =
    categories && !input.concealment && input.propertyPassed && countedFen >= line && countedFen * 10_000 < line * categories.marginalIncomeMultipleBp;
  if (marginal) {
    const multiple = (categories.marginalIncomeMultipleBp / 10_000).toString();
    return {
      category: 'marginal',
      reason: `counted ${yuan(countedFen)} is at or above ${yuan(line)} and below ${multiple} × it; property test passed`,
      source: categories.sources.marginal,
    };
  }
  return { category: 'ineligible', reason: 'income, property or declarations do not meet any category' };
}

function memberIncomeFen(trace: readonly RuleTraceEntry[], memberId: string): Fen {
  return maxFen(fen(0), addFen(fen(0), ...trace.filter((e) => e.counted && e.memberId === memberId).map((e) => e.amountAfterFen)));
}

/** 单人保 for the members of a marginal household that the policy names. */
export function singlePersonCoverage(
  finding: CategoryFinding,
  members: readonly HouseholdMember[],
  countedMemberIds: readonly string[],
  input: Pick<CategoryInput, 'policy' | 'standardFen' | 'trace'>,
): SinglePersonCoverage[] {
  const rules = input.policy.householdCategories;
  if (finding.category !== 'marginal' || !rules) return [];
  const living = new Set(countedMemberIds);
  return members.flatMap((m) => {
    if (!living.has(m.memberId)) return [];
    const severe = m.disabilityGrade !== null && rules.singlePersonCoverage.disabilityGrades.includes(m.disabilityGrade);
    const ill = rules.singlePersonCoverage.seriousIllness && m.seriousIllness;
    if (!severe && !ill) return [];
    const own = memberIncomeFen(input.trace, m.memberId);
    const gap = own < input.standardFen ? subtractFen(input.standardFen, own) : fen(0);
    return [
      {
        memberId: m.memberId,
        ground: severe ? ('severe-disability' as const) : ('serious-illness' as const),
        disabilityGrade: m.disabilityGrade,
        memberCountedIncomeFen: own,
        monthlyGapFen: gap,
        source: rules.sources.singlePersonCoverage,
      },
    ];
  });
}
