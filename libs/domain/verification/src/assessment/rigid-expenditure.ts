/**
 * 刚性支出测算: medical, disability and education spending deducted from household income
 * (长民函〔2022〕76号 二(二): "建立了刚性支出测算体系，明确因残、因病、因学刚性支出"). Each spending is
 * spread over its months (half up to the fen, once per item), recognised from its first month for
 * at most the policy's months (householdCategories.rigidExpenditureMaxMonths; seeds: up to 12),
 * and never deducted below zero household income: the trace shows what was due and what was deducted.
 */
import { addMonths, applyRatio, fen, type Fen, type RegionalPolicy } from '@sa/domain-shared';
import type { RigidExpenditure } from '../household';
import { countedEntry, excludedEntry, type RuleTraceEntry, type TraceParameters } from '../rule-trace';
import type { DeceasedMember } from './income-items';

export interface RigidExpenditureInput {
  readonly policy: RegionalPolicy;
  readonly deceased: readonly DeceasedMember[];
  /** YYYY-MM-DD: its month must be within the recognised period. */
  readonly assessedOn: string;
}

/** The months a spending is recognised for: [fromMonth, untilMonth), or undefined when it has no first month. */
export function recognisedPeriod(spending: RigidExpenditure, policy: RegionalPolicy): { fromMonth: string; untilMonth: string; months: number } | undefined {
  if (!spending.fromMonth) return undefined;
  const max = policy.householdCategories?.rigidExpenditureMaxMonths ?? spending.periodMonths;
  const months = Math.min(spending.periodMonths, max);
  return { fromMonth: spending.fromMonth, untilMonth: addMonths(spending.fromMonth, months), months };
}

function parametersOf(spending: RigidExpenditure, policy: RegionalPolicy): TraceParameters {
  const period = recognisedPeriod(spending, policy);
  return {
    kind: spending.kind,
    amountFen: spending.amountFen,
    periodMonths: spending.periodMonths,
    recordedBy: spending.recordedBy ?? 'declared',
    ...(spending.evidenceReference ? { evidenceReference: spending.evidenceReference } : {}),
    ...(period ? { recognisedFromMonth: period.fromMonth, recognisedUntilMonth: period.untilMonth, recognisedMonths: period.months } : {}),
    ...(policy.householdCategories
      ? { rigidExpenditureMaxMonths: policy.householdCategories.rigidExpenditureMaxMonths, source: policy.householdCategories.sources.rigidExpenditure }
      : {}),
  };
}

/**
 * One entry per spending, in order. `incomeBeforeFen` is the household income the other rules
 * counted; the deductions together never take it below zero.
 */
export function rigidExpenditureEntries(spendings: readonly RigidExpenditure[], input: RigidExpenditureInput, incomeBeforeFen: Fen): RuleTraceEntry[] {
  let remaining = Math.max(0, incomeBeforeFen);
  const month = input.assessedOn.slice(0, 7);
  return spendings.map((spending) => {
    const monthly = applyRatio(spending.amountFen, 1, spending.periodMonths, 'half-up');
    const parameters = parametersOf(spending, input.policy);
    const description = spending.description ? ` (${spending.description})` : '';
    const origin = spending.recordedBy === 'county-data-confirmed' ? ('department' as const) : ('declared' as const);
    const facts = { item: `${spending.kind} expenditure${description}`, memberId: spending.memberId, origin, policyId: input.policy.id, parameters };
    const death = input.deceased.find((d) => d.memberId === spending.memberId);
    if (death) return excludedEntry('deceased-member-excluded', { ...facts, parameters: { ...parameters, dateOfDeath: death.dateOfDeath } }, fen(-monthly));
    const period = recognisedPeriod(spending, input.policy);
    if (period && (month < period.fromMonth || month >= period.untilMonth)) {
      return excludedEntry('rigid-expenditure-outside-recognised-period', { ...facts, parameters: { ...parameters, assessedMonth: month } }, fen(-monthly));
    }
    const applied = Math.min(monthly, remaining);
    remaining -= applied;
    const capped: TraceParameters = applied < monthly ? { cappedAtRemainingIncomeFen: applied } : {};
    return countedEntry('rigid-expenditure-deducted', { ...facts, parameters: { ...parameters, ...capped } }, fen(-applied), fen(-monthly));
  });
}
