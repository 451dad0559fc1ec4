/**
 * The temporary-assistance (临时救助) part of a region's effective-dated policy. The seeds set the
 * shape, not the numbers: amounts by severity as multiples of the monthly dibao standard, a yearly
 * cap per household, county/township tiered approval (县、乡"分级审批") with small amounts delegated
 * to townships (Changyuan: 小额临时救助审核确认权限下放至乡镇), a township reserve fund paying
 * small amounts first (乡镇临时救助备用金; 小金额先行救助，事后补充说明情况) — each region sets
 * its own figures in config/regional-policies.yaml with their source.
 */
import { basisPoints, type Fen } from '@sa/domain-shared';

/** 急难型: a sudden emergency; 支出型: rigid spending beyond what the household can bear. */
export const assistanceCategories = ['emergency', 'expenditure'] as const;
export type AssistanceCategory = (typeof assistanceCategories)[number];

export const severities = ['ordinary', 'serious', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** Multiples of the monthly dibao standard in basis points (10000 = 1 × the standard). */
export interface AmountRange {
  readonly minBp: number;
  readonly maxBp: number;
}

export interface TemporaryAssistancePolicy {
  /** The regional policy version these figures belong to, recorded on every decision. */
  readonly policyId: string;
  /** The monthly dibao standard the multiples apply to (the urban one: the emergency, not the hukou, decides). */
  readonly dibaoStandardFen: Fen;
  readonly amountRanges: Readonly<Record<AssistanceCategory, Readonly<Record<Severity, AmountRange>>>>;
  /** All temporary assistance to one household in a calendar year, at most this multiple of the standard. */
  readonly yearlyCapBp: number;
  /** Up to this total a township approves (delegated); above it the county. */
  readonly townshipApprovalLimitFen: Fen;
  /** The most a township pays at once from its reserve fund in an urgent case (先行救助). */
  readonly urgentAdvanceMaxFen: Fen;
  /** Working days after an urgent payment within which documents and the check must follow. */
  readonly documentsDueWorkingDays: number;
  /** Public holidays (YYYY-MM-DD) of the State Council's yearly schedule, and weekend days made working days (调休). */
  readonly holidays: readonly string[];
  readonly adjustedWorkingDays: readonly string[];
  /** Where the figures come from (a local measure's name and article). */
  readonly source: string;
}

/**
 * The rounding rule, applied once per bound: a multiple of the standard is rounded half-up to the
 * fen (1.5 × 1,190.00 = 1,785.00; 0.333 × 1,000.05 = 333.02).
 */
export function amountRangeFen(policy: TemporaryAssistancePolicy, category: AssistanceCategory, severity: Severity): { minFen: Fen; maxFen: Fen } {
  const range = policy.amountRanges[category][severity];
  return { minFen: basisPoints(policy.dibaoStandardFen, range.minBp), maxFen: basisPoints(policy.dibaoStandardFen, range.maxBp) };
}

export function yearlyCapFen(policy: TemporaryAssistancePolicy): Fen {
  return basisPoints(policy.dibaoStandardFen, policy.yearlyCapBp);
}

export type PolicyProblem = { readonly field: string; readonly rule: string };

/** Rules any region's figures must keep, checked when the policy file is loaded. */
export function temporaryAssistancePolicyProblems(policy: TemporaryAssistancePolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const need = (ok: boolean, field: string, rule: string) => (ok ? undefined : problems.push({ field, rule }));
  for (const category of assistanceCategories) {
    let previousMax = 0;
    for (const severity of severities) {
      const r = policy.amountRanges[category][severity];
      need(r.minBp > 0 && r.minBp <= r.maxBp, `amountRanges.${category}.${severity}`, 'needs 0 < min ≤ max');
      need(r.maxBp >= previousMax, `amountRanges.${category}.${severity}`, 'a graver severity may not allow less');
      previousMax = r.maxBp;
    }
  }
  need(policy.urgentAdvanceMaxFen > 0, 'urgentAdvanceMax', 'must be positive');
  need(policy.urgentAdvanceMaxFen <= policy.townshipApprovalLimitFen, 'urgentAdvanceMax', 'may not exceed the township approval limit');
  need(Number.isInteger(policy.documentsDueWorkingDays) && policy.documentsDueWorkingDays >= 1, 'documentsDueWorkingDays', 'must be a whole number ≥ 1');
  need(yearlyCapFen(policy) > 0, 'yearlyCapMultiple', 'must be positive');
  return problems;
}
