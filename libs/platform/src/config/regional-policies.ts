/**
 * Loads the effective-dated regional policies (config/regional-policies.yaml) and validates them
 * with the domain's rules; a service refuses to start on a bad policy.
 */
import { readFileSync } from 'node:fs';
import {
  normalisedRegionCode,
  parseRegionCode,
  pointsCriteria,
  policyInForce,
  policyProblems,
  yuanToFen,
  type HouseholdCategoryPolicy,
  type PointsCriterion,
  type RegionalPolicy,
} from '@sa/domain-shared';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodIssues } from '../http/zod-validation';
import { ConfigError } from './config';

const yuan = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, 'must be an amount in yuan as a string, e.g. "1190.00"')
  .transform(yuanToFen);
const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage string such as "30"')
  .transform((p) => Number(yuanToFen(p)));

const source = z.string().trim().min(1, 'must name the document and clause the figure comes from');

/** 低保边缘, 支出型, 单人保: every figure with its source. */
const householdCategories = z.object({
  marginalIncomeMultiplePercent: percent,
  rigidExpenditureMaxMonths: z.number().int().min(1).max(36),
  singlePersonCoverage: z.object({ disabilityGrades: z.array(z.literal([1, 2, 3, 4])).max(4), seriousIllness: z.boolean() }),
  sources: z.object({ marginal: source, rigidExpenditure: source, singlePersonCoverage: source }),
});

const pointsAssessment = z.object({
  items: z.array(z.object({ criterion: z.enum(pointsCriteria as [PointsCriterion, ...PointsCriterion[]]), points: z.number().int().min(1) })).min(1),
  referenceScore: z.number().int().min(1),
  source,
});

/** 定期核查; the working days are counted on the version's temporary-assistance calendar (one State Council schedule). */
const periodicReview = z.object({
  stableIntervalMonths: z.number().int().min(1).max(24),
  variableIntervalMonths: z.number().int().min(1).max(24),
  recheckDueWorkingDays: z.number().int().min(1),
  sources: z.object({ intervals: source, recheckDue: source }),
});
const calendar = z.object({ holidays: z.array(z.iso.date()), adjustedWorkingDays: z.array(z.iso.date()) }).loose();

const PolicyFile = z.object({
  policies: z
    .array(
      z.object({
        id: z.string().min(1),
        region: z
          .string()
          .regex(/^\d{6}(\d{3}){0,2}$/, 'must be a 6, 9 or 12-digit region code')
          .transform(parseRegionCode),
        effectiveFrom: z.iso.date(),
        dibaoStandardUrban: yuan,
        dibaoStandardRural: yuan,
        extremePovertyStandardUrban: yuan,
        extremePovertyStandardRural: yuan,
        employmentCostDeductionPercent: percent,
        minimumMonthlyWage: yuan,
        excludeResidentBasicPension: z.boolean(),
        publicNoticeDays: z.number().int().min(1),
        confirmationDelegatedToTownship: z.boolean(),
        gradualExitMonths: z.number().int().min(0),
        propertyLimits: z.object({
          maxVehicles: z.number().int().min(0),
          maxDwellings: z.number().int().min(0),
          maxFinancialAssetsPerCapita: yuan,
          businessRegistrationDisqualifies: z.boolean(),
        }),
        householdCategories: householdCategories.optional(),
        pointsAssessment: pointsAssessment.optional(),
        periodicReview: periodicReview.optional(),
        temporaryAssistance: calendar.optional(),
      }),
    )
    .min(1, 'must list at least one policy'),
});

export function parseRegionalPolicies(text: string, source = 'policies'): RegionalPolicy[] {
  const parsed = PolicyFile.safeParse(parse(text));
  if (!parsed.success) {
    throw new ConfigError(describeZodIssues(parsed.error.issues).map((p) => `${source}: ${p.field}: ${p.rule}`));
  }
  const policies: RegionalPolicy[] = parsed.data.policies.map((p) => ({
    id: p.id,
    region: p.region,
    effectiveFrom: p.effectiveFrom,
    dibaoStandardUrbanFen: p.dibaoStandardUrban,
    dibaoStandardRuralFen: p.dibaoStandardRural,
    extremePovertyStandardUrbanFen: p.extremePovertyStandardUrban,
    extremePovertyStandardRuralFen: p.extremePovertyStandardRural,
    // "30" percent → 3000 basis points (yuanToFen of "30" is 3000 hundredths).
    employmentCostDeductionBp: p.employmentCostDeductionPercent,
    minimumMonthlyWageFen: p.minimumMonthlyWage,
    excludeResidentBasicPension: p.excludeResidentBasicPension,
    publicNoticeDays: p.publicNoticeDays,
    confirmationDelegatedToTownship: p.confirmationDelegatedToTownship,
    gradualExitMonths: p.gradualExitMonths,
    propertyLimits: {
      maxVehicles: p.propertyLimits.maxVehicles,
      maxDwellings: p.propertyLimits.maxDwellings,
      maxFinancialAssetsPerCapitaFen: p.propertyLimits.maxFinancialAssetsPerCapita,
      businessRegistrationDisqualifies: p.propertyLimits.businessRegistrationDisqualifies,
    },
    ...(p.householdCategories ? { householdCategories: categoriesOf(p.householdCategories) } : {}),
    ...(p.pointsAssessment ? { pointsAssessment: p.pointsAssessment } : {}),
    ...(p.periodicReview
      ? {
          periodicReview: {
            ...p.periodicReview,
            holidays: p.temporaryAssistance?.holidays ?? [],
            adjustedWorkingDays: p.temporaryAssistance?.adjustedWorkingDays ?? [],
          },
        }
      : {}),
  }));
  const problems = policies.flatMap(policyProblems).map((p) => `${source}: policy ${p.policyId}: ${p.field} ${p.rule}`);
  const ids = new Set<string>();
  for (const p of policies) {
    if (ids.has(p.id)) problems.push(`${source}: policy id ${p.id} is used twice`);
    ids.add(p.id);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return policies;
}

// "150" percent → 15000 basis points, as for the employment-cost share.
function categoriesOf(c: z.infer<typeof householdCategories>): HouseholdCategoryPolicy {
  const { marginalIncomeMultiplePercent, ...rest } = c;
  return { ...rest, marginalIncomeMultipleBp: marginalIncomeMultiplePercent };
}

export function loadRegionalPolicies(file: string): RegionalPolicy[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`POLICY_FILE: cannot read ${file} (${(error as Error).message})`]);
  }
  return parseRegionalPolicies(text, file);
}

/** The policies a service calculates with, loaded once from POLICY_FILE at start-up. */
export class RegionalPolicies {
  constructor(readonly all: readonly RegionalPolicy[]) {}

  /**
   * The version in force for a region on a day; an error naming both when there is none. An instant
   * (a Date or an ISO timestamp) counts on its China calendar day (UTC+8, no daylight saving), so
   * 2025-06-30T20:00:00Z is 1 July — the day a standard raised on 1 July already applies.
   */
  inForce(region: string, when: string | Date): RegionalPolicy {
    const date = chinaCalendarDay(when);
    const policy = policyInForce(this.all, normalisedRegionCode(region), date);
    if (!policy) throw new Error(`no regional policy is in force for region ${region} on ${date}; add one to POLICY_FILE`);
    return policy;
  }
}

/** YYYY-MM-DD as given, or the China calendar day of an instant. */
export function chinaCalendarDay(when: string | Date): string {
  if (typeof when === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(when)) return when;
  const instant = typeof when === 'string' ? new Date(when) : when;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`"${String(when)}" is neither a date YYYY-MM-DD nor an instant`);
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
