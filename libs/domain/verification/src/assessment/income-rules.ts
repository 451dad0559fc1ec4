/**
 * 收入核算: the rules that turn a household's income items into counted monthly income, one trace
 * entry per item and per deduction. Order: each member's items as listed, then that member's
 * employment-cost deduction, then rigid expenditures.
 */
import { basisPoints, fen, subtractFen, type Fen, type RegionalPolicy } from '@sa/domain-shared';
import type { HouseholdMember, HouseholdSnapshot, IncomeKind, RigidExpenditure, SupporterStatus, SupportPaymentWaiver } from '../household';
import { countedEntry, countedIncomeFen, excludedEntry, type RuleId, type RuleTraceEntry, type TraceParameters } from '../rule-trace';
import { rigidExpenditureEntries } from './rigid-expenditure';
import type { DeceasedMember, IncomeItem } from './income-items';
import { supporterIncomeItems } from './supporters';

export type { DeceasedMember, IncomeItem } from './income-items';

export interface IncomeRulesInput {
  readonly members: readonly HouseholdMember[];
  readonly deceased: readonly DeceasedMember[];
  readonly items: readonly IncomeItem[];
  readonly rigidExpenditures: readonly RigidExpenditure[];
  readonly supportPaymentWaiver?: SupportPaymentWaiver;
  readonly policy: RegionalPolicy;
  /** YYYY-MM-DD: which rigid expenditures are within their recognised period. */
  readonly assessedOn: string;
}

/** The incomes the household declared, member by member, then the support its obliged supporters pay. */
export function declaredIncomeItems(household: HouseholdSnapshot): IncomeItem[] {
  const declared = household.members.flatMap((member) =>
    member.declaredMonthlyIncomes.map((income) => ({ memberId: member.memberId, origin: 'declared' as const, ...income })),
  );
  return [...declared, ...supporterIncomeItems(household.obligedSupporters ?? [])];
}

const labels: Record<IncomeKind, string> = {
  wage: 'wage',
  business: 'business income',
  farming: 'farming income',
  'property-rental': 'property income',
  'pension-resident-basic': 'resident basic pension',
  'pension-employee': 'employee pension',
  'pension-other': 'other pension',
  'unemployment-benefit': 'unemployment benefit',
  'support-payment': 'support payment',
  'happiness-post-wage': 'happiness-post wage',
  other: 'other income',
};

const countedRules: Record<IncomeKind, RuleId> = {
  wage: 'wage-counted',
  business: 'business-income-counted',
  farming: 'farming-income-counted',
  'property-rental': 'property-income-counted',
  'pension-resident-basic': 'pension-counted',
  'pension-employee': 'pension-counted',
  'pension-other': 'pension-counted',
  'unemployment-benefit': 'unemployment-benefit-counted',
  'support-payment': 'support-payment-counted',
  'happiness-post-wage': 'happiness-post-wage-above-minimum-counted',
  other: 'other-income-counted',
};

const lowIncomeSupporters: readonly SupporterStatus[] = ['extreme-poverty', 'dibao', 'low-income'];

function factsOf(item: IncomeItem, policy: RegionalPolicy, parameters: TraceParameters = {}) {
  const origin = item.origin === 'department' ? ', reported by department, not declared' : '';
  const label = `${labels[item.kind]}${item.source ? ` (${item.source})` : ''}${origin}`;
  return { item: label, memberId: item.memberId, origin: item.origin, policyId: policy.id, parameters: { ...item.parameters, ...parameters } };
}

/** A counted item: its kind's rule, or the undeclared-income rule when only a department reported it. */
function counted(item: IncomeItem, policy: RegionalPolicy, amount: Fen = item.monthlyFen, parameters?: TraceParameters): RuleTraceEntry {
  const rule = item.origin === 'department' ? 'undeclared-income-counted' : countedRules[item.kind];
  return countedEntry(rule, factsOf(item, policy, parameters), amount);
}

/**
 * A filed waiver removes every support line. One on the expenditure-type ground (运民发〔2021〕59号:
 * "因大病、残疾、教育……费用支出较大……的“支出型”贫困家庭……可以不计算赡养费") applies only while the
 * household has a rigid expenditure recognised this month; otherwise it is shown and not applied.
 */
function supportPaymentEntry(item: IncomeItem, input: IncomeRulesInput, rigidRecognised: boolean): RuleTraceEntry {
  const { policy, supportPaymentWaiver: waiver } = input;
  const waiverApplies = waiver && (waiver.ground !== 'expenditure-type-hardship' || rigidRecognised);
  if (waiver && waiverApplies) return excludedEntry('support-payment-waived', factsOf(item, policy, { ...waiver }), item.monthlyFen);
  if (item.supporterStatus && lowIncomeSupporters.includes(item.supporterStatus)) {
    return excludedEntry('support-from-low-income-supporter-excluded', factsOf(item, policy, { supporterStatus: item.supporterStatus }), item.monthlyFen);
  }
  const notApplied: TraceParameters = waiver
    ? { waiverNotApplied: `${waiver.ground} waiver ${waiver.reference}: no rigid expenditure recognised this month` }
    : {};
  return counted(item, policy, item.monthlyFen, { supporterStatus: item.supporterStatus ?? 'not recorded', ...notApplied });
}

function itemEntry(item: IncomeItem, input: IncomeRulesInput, rigidRecognised: boolean): RuleTraceEntry {
  const { policy } = input;
  if (item.kind === 'support-payment') return supportPaymentEntry(item, input, rigidRecognised);
  if (item.kind === 'pension-resident-basic' && policy.excludeResidentBasicPension) {
    return excludedEntry('resident-basic-pension-excluded', factsOf(item, policy, { excludeResidentBasicPension: true }), item.monthlyFen);
  }
  return counted(item, policy);
}

/**
 * A happiness-post wage: the part up to the minimum wage is left out, the rest counted. The
 * minimum wage is a monthly allowance per member, shared by all their happiness-post items.
 */
function happinessPostEntries(item: IncomeItem, allowance: Fen, policy: RegionalPolicy): { entries: RuleTraceEntry[]; allowanceLeft: Fen } {
  const excluded = item.monthlyFen < allowance ? item.monthlyFen : allowance;
  const above = subtractFen(item.monthlyFen, excluded);
  const parameters = { monthlyWageFen: item.monthlyFen, minimumMonthlyWageFen: policy.minimumMonthlyWageFen };
  const entries: RuleTraceEntry[] = [];
  if (excluded > 0 || above === 0) entries.push(excludedEntry('happiness-post-wage-below-minimum-excluded', factsOf(item, policy, parameters), excluded));
  if (above > 0) entries.push(counted(item, policy, above, parameters));
  return { entries, allowanceLeft: subtractFen(allowance, excluded) };
}

/** Wage income a member keeps after the rules: wages (declared or found) and the counted part of happiness-post wages. */
export function countedWageFen(items: readonly IncomeItem[], policy: RegionalPolicy): Fen {
  const sum = (kind: IncomeKind) => items.filter((i) => i.kind === kind).reduce((s, i) => s + i.monthlyFen, 0);
  return fen(sum('wage') + Math.max(0, sum('happiness-post-wage') - policy.minimumMonthlyWageFen));
}

/**
 * 就业成本扣减: a share (30 %) of the URBAN dibao standard for each member with wage income, rounded
 * half up to the fen, and never more than that member's counted wage.
 */
export function employmentCostDeduction(memberId: string, memberWageFen: Fen, policy: RegionalPolicy): RuleTraceEntry | undefined {
  if (memberWageFen <= 0) return undefined;
  const full = basisPoints(policy.dibaoStandardUrbanFen, policy.employmentCostDeductionBp, 'half-up');
  const applied = full < memberWageFen ? full : memberWageFen;
  const parameters = {
    urbanDibaoStandardFen: policy.dibaoStandardUrbanFen,
    employmentCostDeductionBp: policy.employmentCostDeductionBp,
    memberCountedWageFen: memberWageFen,
  };
  return countedEntry(
    'employment-cost-deduction',
    { item: 'employment-cost deduction', memberId, origin: 'policy', policyId: policy.id, parameters },
    fen(-applied),
    fen(-full),
  );
}

function livingMemberEntries(items: readonly IncomeItem[], memberId: string, input: IncomeRulesInput, rigidRecognised: boolean): RuleTraceEntry[] {
  let allowance = input.policy.minimumMonthlyWageFen;
  const entries: RuleTraceEntry[] = [];
  for (const item of items) {
    if (item.kind !== 'happiness-post-wage') {
      entries.push(itemEntry(item, input, rigidRecognised));
      continue;
    }
    const happiness = happinessPostEntries(item, allowance, input.policy);
    entries.push(...happiness.entries);
    allowance = happiness.allowanceLeft;
  }
  const deduction = employmentCostDeduction(memberId, countedWageFen(items, input.policy), input.policy);
  return deduction ? [...entries, deduction] : entries;
}

function deceasedMemberEntries(items: readonly IncomeItem[], death: DeceasedMember, policy: RegionalPolicy): RuleTraceEntry[] {
  const parameters = { dateOfDeath: death.dateOfDeath };
  const member = excludedEntry(
    'deceased-member-excluded',
    { item: 'household member', memberId: death.memberId, origin: 'department', policyId: policy.id, parameters },
    fen(0),
  );
  return [member, ...items.map((item) => excludedEntry('deceased-member-excluded', factsOf(item, policy, parameters), item.monthlyFen))];
}

/**
 * Applies every income rule; the trace is the result (see countedIncomeFen). Rigid expenditures
 * are worked out first (a waiver on the expenditure-type ground needs one recognised) and listed
 * last, deducted from what the other rules counted.
 */
export function applyIncomeRules(input: IncomeRulesInput): RuleTraceEntry[] {
  const probe = rigidExpenditureEntries(input.rigidExpenditures, input, fen(Number.MAX_SAFE_INTEGER));
  const rigidRecognised = probe.some((e) => e.rule === 'rigid-expenditure-deducted');
  const memberEntries = input.members.flatMap((member) => {
    const items = input.items.filter((i) => i.memberId === member.memberId);
    const death = input.deceased.find((d) => d.memberId === member.memberId);
    return death ? deceasedMemberEntries(items, death, input.policy) : livingMemberEntries(items, member.memberId, input, rigidRecognised);
  });
  return [...memberEntries, ...rigidExpenditureEntries(input.rigidExpenditures, input, countedIncomeFen(memberEntries))];
}
