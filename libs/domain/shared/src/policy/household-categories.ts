/**
 * The parameters of the household categories the economic check names (分层认定) and of the
 * points-based assessment (积分评估), each with its source. A region that does not define a part
 * does not get it: no marginal category without a multiple, no score without a scheme.
 */

/** 低保边缘家庭, 支出型困难家庭 and 单人保. */
export interface HouseholdCategoryPolicy {
  /**
   * 低保边缘: per-capita income above the dibao standard and below this multiple of it, in basis
   * points of the standard (15000 = 1.5 ×), with the property test passed.
   */
  readonly marginalIncomeMultipleBp: number;
  /** 刚性支出 is recognised for at most this many months from its first month (seeds: 12). */
  readonly rigidExpenditureMaxMonths: number;
  /**
   * 单人保: in a marginal household, members with one of these disability grades (一、二级重度残疾)
   * or, when seriousIllness, a serious illness (重病), are covered as a single-person household.
   */
  readonly singlePersonCoverage: { readonly disabilityGrades: readonly number[]; readonly seriousIllness: boolean };
  /** Where each parameter comes from (document and clause), quoted in the rule trace. */
  readonly sources: { readonly marginal: string; readonly rigidExpenditure: string; readonly singlePersonCoverage: string };
}

/** What a points item rewards; member criteria score once per member who meets them. */
export type PointsCriterion =
  | 'member-severe-disability' // 一、二级残疾
  | 'member-other-disability' // 三、四级残疾
  | 'member-serious-illness' // 重病
  | 'member-no-work-ability' // 无劳动能力
  | 'member-student' // 在校学生
  | 'household-rigid-expenditure' // 有刚性支出
  | 'household-no-earned-income'; // 无工资性收入

export const pointsCriteria: readonly PointsCriterion[] = [
  'member-severe-disability',
  'member-other-disability',
  'member-serious-illness',
  'member-no-work-ability',
  'member-student',
  'household-rigid-expenditure',
  'household-no-earned-income',
];

/** 积分评估: an auxiliary indicator shown to the reviewer, never the sole ground of a decision. */
export interface PointsAssessmentPolicy {
  readonly items: readonly { readonly criterion: PointsCriterion; readonly points: number }[];
  /** A score at or above this suggests priority attention (辅助认定指标); it decides nothing. */
  readonly referenceScore: number;
  readonly source: string;
}

export interface CategoryPolicyProblem {
  readonly field: string;
  readonly rule: string;
}

const wholeAtLeast = (value: number, min: number) => Number.isInteger(value) && value >= min;

export function householdCategoryProblems(policy: HouseholdCategoryPolicy): CategoryPolicyProblem[] {
  const problems: CategoryPolicyProblem[] = [];
  if (!wholeAtLeast(policy.marginalIncomeMultipleBp, 10_001) || policy.marginalIncomeMultipleBp > 30_000) {
    problems.push({
      field: 'householdCategories.marginalIncomeMultipleBp',
      rule: 'must be a whole number of basis points above 10000 (1 ×) and at most 30000 (3 ×)',
    });
  }
  if (!wholeAtLeast(policy.rigidExpenditureMaxMonths, 1) || policy.rigidExpenditureMaxMonths > 36) {
    problems.push({ field: 'householdCategories.rigidExpenditureMaxMonths', rule: 'must be a whole number of months from 1 to 36' });
  }
  if (!policy.singlePersonCoverage.disabilityGrades.every((g) => [1, 2, 3, 4].includes(g))) {
    problems.push({ field: 'householdCategories.singlePersonCoverage.disabilityGrades', rule: 'must list grades from 1 to 4' });
  }
  for (const [name, text] of Object.entries(policy.sources)) {
    if (text.trim() === '') problems.push({ field: `householdCategories.sources.${name}`, rule: 'must name its source' });
  }
  return problems;
}

export function pointsAssessmentProblems(policy: PointsAssessmentPolicy): CategoryPolicyProblem[] {
  const problems: CategoryPolicyProblem[] = [];
  if (policy.items.length === 0) problems.push({ field: 'pointsAssessment.items', rule: 'must list at least one item' });
  if (!policy.items.every((i) => pointsCriteria.includes(i.criterion) && wholeAtLeast(i.points, 1))) {
    problems.push({ field: 'pointsAssessment.items', rule: `each item names a known criterion (${pointsCriteria.join(', ')}) and whole points ≥ 1` });
  }
  if (!wholeAtLeast(policy.referenceScore, 1)) problems.push({ field: 'pointsAssessment.referenceScore', rule: 'must be a whole number ≥ 1' });
  if (policy.source.trim() === '') problems.push({ field: 'pointsAssessment.source', rule: 'must name its source' });
  return problems;
}
