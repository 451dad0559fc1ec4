/**
 * Regional assistance policy as effective-dated data (not code). Standards change over time and by
 * region (提标); every calculation uses the version in force for its region on its date, and
 * records which version that was so an auditor can recompute it.
 */
import type { Fen } from '../money/fen';
import { isWithin, type RegionCode } from '../region/region-code';
import { periodicReviewProblems, type PeriodicReviewPolicy } from './periodic-review';
import { householdCategoryProblems, pointsAssessmentProblems, type HouseholdCategoryPolicy, type PointsAssessmentPolicy } from './household-categories';

export interface PropertyLimits {
  /** Motor vehicles a household may own (excluding those needed for disability or livelihood). */
  readonly maxVehicles: number;
  /** Deposits, securities and cash per household member, in fen. */
  readonly maxFinancialAssetsPerCapitaFen: Fen;
  /** Dwellings a household may own. */
  readonly maxDwellings: number;
  /** Whether a registered business (个体工商户/企业) disqualifies. */
  readonly businessRegistrationDisqualifies: boolean;
}

export interface RegionalPolicy {
  /** Identifies this version in rule traces, e.g. "330000-2025-01". */
  readonly id: string;
  /** The region it applies to, and to every region within it unless a more specific one exists. */
  readonly region: RegionCode;
  /** First day in force, YYYY-MM-DD (inclusive). */
  readonly effectiveFrom: string;
  /** Dibao standard (低保标准) per person per month. */
  readonly dibaoStandardUrbanFen: Fen;
  readonly dibaoStandardRuralFen: Fen;
  /** Extreme-poverty basic support standard (特困基本生活标准) per person per month; at least 1.3 × dibao. */
  readonly extremePovertyStandardUrbanFen: Fen;
  readonly extremePovertyStandardRuralFen: Fen;
  /** Employment-cost deduction as basis points of the urban dibao standard (3000 = 30 %). */
  readonly employmentCostDeductionBp: number;
  /** Local minimum monthly wage (最低工资标准): wages of supported "happiness posts" (幸福岗位) below it are not counted. */
  readonly minimumMonthlyWageFen: Fen;
  /** Whether the basic old-age pension of urban and rural residents is left out of income (14th Five-Year Plan rule). */
  readonly excludeResidentBasicPension: boolean;
  /** Public notice (公示) length in days. */
  readonly publicNoticeDays: number;
  /** Whether townships may confirm (审批权限下放); near-relative cases always go to the county. */
  readonly confirmationDelegatedToTownship: boolean;
  /** Gradual-exit (渐退期) months after income rises above the standard. */
  readonly gradualExitMonths: number;
  readonly propertyLimits: PropertyLimits;
  /** 低保边缘, 支出型, 单人保 parameters with their sources; without them the check names no such category. */
  readonly householdCategories?: HouseholdCategoryPolicy;
  /** 积分评估, where the region defines one. */
  readonly pointsAssessment?: PointsAssessmentPolicy;
  /** 定期核查 intervals and the re-check deadline, where the region runs periodic reviews. */
  readonly periodicReview?: PeriodicReviewPolicy;
}

export type PolicyProblem = { readonly policyId: string; readonly field: string; readonly rule: string };

/** Checks the rules a policy must satisfy whatever the region decides. */
export function policyProblems(policy: RegionalPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const need = (ok: boolean, field: string, rule: string) => {
    if (!ok) problems.push({ policyId: policy.id, field, rule });
  };
  need(/^\d{4}-\d{2}-\d{2}$/.test(policy.effectiveFrom), 'effectiveFrom', 'must be a date YYYY-MM-DD');
  need(policy.dibaoStandardUrbanFen > 0, 'dibaoStandardUrbanFen', 'must be positive');
  need(policy.dibaoStandardRuralFen > 0, 'dibaoStandardRuralFen', 'must be positive');
  // 特困人员基本生活标准不低于当地低保标准的1.3倍: compare in integers (×10) to stay exact.
  need(
    policy.extremePovertyStandardUrbanFen * 10 >= policy.dibaoStandardUrbanFen * 13,
    'extremePovertyStandardUrbanFen',
    'must be at least 1.3 × the urban dibao standard',
  );
  need(
    policy.extremePovertyStandardRuralFen * 10 >= policy.dibaoStandardRuralFen * 13,
    'extremePovertyStandardRuralFen',
    'must be at least 1.3 × the rural dibao standard',
  );
  need(
    Number.isInteger(policy.employmentCostDeductionBp) && policy.employmentCostDeductionBp >= 0 && policy.employmentCostDeductionBp <= 10_000,
    'employmentCostDeductionBp',
    'must be an integer from 0 to 10000',
  );
  need(policy.minimumMonthlyWageFen > 0, 'minimumMonthlyWageFen', 'must be positive');
  need(Number.isInteger(policy.publicNoticeDays) && policy.publicNoticeDays >= 1, 'publicNoticeDays', 'must be a whole number of days, at least 1');
  need(Number.isInteger(policy.gradualExitMonths) && policy.gradualExitMonths >= 0, 'gradualExitMonths', 'must be a whole number of months');
  const parts = [
    ...(policy.householdCategories ? householdCategoryProblems(policy.householdCategories) : []),
    ...(policy.pointsAssessment ? pointsAssessmentProblems(policy.pointsAssessment) : []),
    ...(policy.periodicReview ? periodicReviewProblems(policy.periodicReview) : []),
  ];
  for (const p of parts) need(false, p.field, p.rule);
  return problems;
}

/**
 * The policy in force for a region on a date: among versions whose region contains the given one
 * and that took effect on or before the date, the most specific region wins, then the latest date.
 */
export function policyInForce(policies: readonly RegionalPolicy[], region: RegionCode, date: string): RegionalPolicy | undefined {
  const day = date.slice(0, 10);
  let best: RegionalPolicy | undefined;
  for (const policy of policies) {
    if (!isWithin(region, policy.region) || policy.effectiveFrom > day) continue;
    if (
      best === undefined ||
      policy.region.length > best.region.length ||
      (policy.region.length === best.region.length && policy.effectiveFrom > best.effectiveFrom)
    ) {
      best = policy;
    }
  }
  return best;
}
