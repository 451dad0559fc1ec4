/**
 * 家庭经济状况核对: the household's counted income, per-capita income, property test and
 * discrepancies against the standard in force, with the rule trace an auditor recomputes.
 *
 * Money is computed for the household, in integer fen, with no rounding: the income test is
 * counted income < members × standard, and the monthly gap (补差) is members × standard − counted
 * income. Per-capita income (counted ÷ living members, rounded half up to the fen) is a display
 * value only: it is never compared or multiplied back, which paid up to (members − 1) fen off.
 */
import { applyRatio, fen, formatYuan, multiplyFen, subtractFen, type Fen, type RegionalPolicy } from '@sa/domain-shared';
import type { Area, HouseholdSnapshot, Programme } from '../household';
import { factsIn, type FactReference } from '../register/records-on-date';
import type { ResidentRecords } from '../register/resident-records';
import { countedIncomeFen, type RuleTraceEntry } from '../rule-trace';
import { compareWithDepartmentRecords, type ComparisonOptions, type DepartmentComparison, type Discrepancy, type DiscrepancyKind } from './discrepancies';
import { applyIncomeRules, declaredIncomeItems } from './income-rules';
import { householdCategory, singlePersonCoverage, type CategoryFinding, type SinglePersonCoverage } from './household-category';
import { assessPoints, type PointsAssessment } from './points-assessment';
import { rigidExpenditureCandidates, type RigidExpenditureCandidate } from './rigid-candidates';
import { testProperty, type PropertyTestResult } from './property-tests';

export interface HouseholdAssessmentInput {
  readonly programme: Programme;
  readonly area: Area;
  /** The day assessed (YYYY-MM-DD, China time): decides which registrations and benefits are current. */
  readonly assessedOn: string;
  readonly household: HouseholdSnapshot;
  /** Department records of the household's members (other residents' records are ignored). */
  readonly departmentRecords: readonly ResidentRecords[];
  /** The regional policy in force for the household's region on assessedOn. */
  readonly policy: RegionalPolicy;
  readonly options?: ComparisonOptions;
}

export type IneligibilityCode =
  | 'undeclared-vehicle'
  | 'undeclared-property'
  | 'undeclared-business'
  | 'no-living-member'
  | 'property-above-limit'
  | 'income-above-standard'
  | 'work-ability-present'
  | 'obliged-supporter-able';

export interface IneligibilityReason {
  readonly code: IneligibilityCode;
  readonly message: string;
}

export interface HouseholdAssessment {
  readonly programme: Programme;
  readonly area: Area;
  readonly assessedOn: string;
  readonly policyId: string;
  /** The programme's standard per person per month for the area (低保标准 or 特困基本生活标准). */
  readonly standardFen: Fen;
  /** Living members. */
  readonly householdSize: number;
  readonly countedMemberIds: readonly string[];
  readonly countedMonthlyIncomeFen: Fen;
  /** Display value: counted income ÷ members, half up. Never used to compute money. */
  readonly perCapitaMonthlyIncomeFen: Fen;
  readonly perCapitaRounding: 'half-up';
  /** 补差: members × standard − counted income when eligible, otherwise 0 (exact, no rounding). */
  readonly monthlyGapFen: Fen;
  readonly propertyTest: PropertyTestResult;
  readonly discrepancies: readonly Discrepancy[];
  readonly eligible: boolean;
  readonly ineligibilityReasons: readonly IneligibilityReason[];
  /** 分层认定: the household's category and why (absent on assessments recorded before categories). */
  readonly category?: CategoryFinding;
  /** 单人保: members of a marginal household covered as single-person households. */
  readonly singlePersonCoverage?: readonly SinglePersonCoverage[];
  /** 积分评估, where the policy defines one: auxiliary, decides nothing. */
  readonly pointsAssessment?: PointsAssessment;
  /** County bills and illness records an investigator has yet to confirm or reject as rigid expenditure. */
  readonly rigidExpenditureCandidates?: readonly RigidExpenditureCandidate[];
  readonly ruleTrace: readonly RuleTraceEntry[];
  readonly departmentFactsSeen: readonly FactReference[];
}

/** The standard the programme's income test uses. */
export function standardFor(policy: RegionalPolicy, programme: Programme, area: Area): Fen {
  if (programme === 'dibao') return area === 'urban' ? policy.dibaoStandardUrbanFen : policy.dibaoStandardRuralFen;
  return area === 'urban' ? policy.extremePovertyStandardUrbanFen : policy.extremePovertyStandardRuralFen;
}

const concealment: Partial<Record<DiscrepancyKind, { code: IneligibilityCode; message: string }>> = {
  'undeclared-vehicle': { code: 'undeclared-vehicle', message: 'departments register a vehicle the household did not declare (隐瞒车辆)' },
  'undeclared-property': { code: 'undeclared-property', message: 'departments register real property the household did not declare (隐瞒房产)' },
  'undeclared-business': { code: 'undeclared-business', message: 'departments register a business the household did not declare (隐瞒工商登记)' },
};

function concealmentReasons(discrepancies: readonly Discrepancy[]): IneligibilityReason[] {
  const kinds = [...new Set(discrepancies.filter((d) => d.effect === 'disqualifying').map((d) => d.kind))];
  return kinds.flatMap((kind) => {
    const reason = concealment[kind];
    return reason ? [reason] : [];
  });
}

interface Figures {
  readonly size: number;
  readonly counted: Fen;
  readonly perCapita: Fen;
  readonly standard: Fen;
  readonly property: PropertyTestResult;
}

function ineligibilityReasons(input: HouseholdAssessmentInput, comparison: DepartmentComparison, figures: Figures): IneligibilityReason[] {
  const { policy, programme } = input;
  const reasons = concealmentReasons(comparison.discrepancies);
  if (figures.size === 0) return [...reasons, { code: 'no-living-member', message: 'every member is reported deceased' }];
  if (!figures.property.passed) {
    reasons.push({ code: 'property-above-limit', message: figures.property.failures.map((f) => f.detail).join('; ') });
  }
  if (figures.counted >= multiplyFen(figures.standard, figures.size)) {
    const message = `per-capita income ${formatYuan(figures.perCapita)} yuan/month is not below the ${programme} standard ${formatYuan(figures.standard)} yuan/month (policy ${policy.id})`;
    reasons.push({ code: 'income-above-standard', message });
  }
  if (programme === 'extreme-poverty') reasons.push(...extremePovertyReasons(input, comparison));
  return reasons;
}

/** 特困: no work ability and no legally obliged supporter able to support, besides the income test. */
function extremePovertyReasons(input: HouseholdAssessmentInput, comparison: DepartmentComparison): IneligibilityReason[] {
  const deceased = new Set(comparison.deceased.map((d) => d.memberId));
  const able = input.household.members.filter((m) => !deceased.has(m.memberId) && m.workAbility !== 'none');
  const reasons: IneligibilityReason[] = [];
  if (able.length > 0) reasons.push({ code: 'work-ability-present', message: `${able.length} member(s) have work ability (特困人员须无劳动能力)` });
  if (input.household.obligedSupporter === 'able-to-support') {
    reasons.push({ code: 'obliged-supporter-able', message: 'a legally obliged supporter is able to support (有法定赡养、抚养、扶养义务人且具备履行能力)' });
  }
  return reasons;
}

export function assessHouseholdEconomicStatus(input: HouseholdAssessmentInput): HouseholdAssessment {
  const { household, policy, assessedOn } = input;
  const residentIds = new Set<string>(household.members.map((m) => m.residentId));
  const records = input.departmentRecords.filter((r) => residentIds.has(r.residentId));
  const comparison = compareWithDepartmentRecords(household, records, assessedOn, input.options);
  const ruleTrace = applyIncomeRules({
    members: household.members,
    deceased: comparison.deceased,
    items: [...declaredIncomeItems(household), ...comparison.departmentIncomes],
    rigidExpenditures: household.rigidExpenditures,
    supportPaymentWaiver: household.supportPaymentWaiver,
    policy,
    assessedOn,
  });
  const deceased = new Set(comparison.deceased.map((d) => d.memberId));
  const countedMemberIds = household.members.map((m) => m.memberId).filter((id) => !deceased.has(id));
  const size = countedMemberIds.length;
  const counted = countedIncomeFen(ruleTrace);
  const perCapita = size === 0 ? fen(0) : applyRatio(counted, 1, size, 'half-up');
  const standard = standardFor(policy, input.programme, input.area);
  const property = testProperty({
    declared: household.declaredAssets,
    department: comparison.departmentAssets,
    householdSize: size,
    limits: policy.propertyLimits,
    policyId: policy.id,
  });
  const reasons = ineligibilityReasons(input, comparison, { size, counted, perCapita, standard, property });
  const eligible = reasons.length === 0;
  const living = household.members.filter((m) => !deceased.has(m.memberId));
  const category = householdCategory({
    programme: input.programme,
    policy,
    standardFen: standard,
    size,
    countedFen: counted,
    trace: ruleTrace,
    otherTestsPassed: reasons.every((r) => r.code === 'income-above-standard'),
    propertyPassed: property.passed,
    concealment: concealmentReasons(comparison.discrepancies).length > 0,
  });
  const points = assessPoints(policy, living, household.rigidExpenditures, ruleTrace);
  return {
    programme: input.programme,
    area: input.area,
    assessedOn,
    policyId: policy.id,
    standardFen: standard,
    householdSize: size,
    countedMemberIds,
    countedMonthlyIncomeFen: counted,
    perCapitaMonthlyIncomeFen: perCapita,
    perCapitaRounding: 'half-up',
    monthlyGapFen: eligible ? subtractFen(multiplyFen(standard, size), counted) : fen(0),
    propertyTest: property,
    discrepancies: comparison.discrepancies,
    eligible,
    ineligibilityReasons: reasons,
    category,
    singlePersonCoverage: singlePersonCoverage(category, household.members, countedMemberIds, { policy, standardFen: standard, trace: ruleTrace }),
    ...(points ? { pointsAssessment: points } : {}),
    rigidExpenditureCandidates: rigidExpenditureCandidates(household, records, countedMemberIds),
    ruleTrace,
    departmentFactsSeen: records.flatMap(factsIn),
  };
}
