/**
 * The arithmetic of a review, pure: when a cycle falls due, the re-check deadline in working days,
 * and what the re-checked household is owed. The dibao gap is computed for the household, as the
 * entitlement is (payments' entitlement-amount.ts): members × standard − counted income, integer
 * fen, no rounding; extreme-poverty support is the standard × persons.
 */
import { addMonths, chinaMonth, fen, multiplyFen, reviewInterval, subtractFen, type Fen, type ReviewBasis } from '@sa/domain-shared';
import { addWorkingDays } from '@sa/domain-temporary-assistance';
import type { Programme } from '../values';
import type { RecheckFindings, ReviewProposal, ReviewTerms, ReviewTraceStep } from './values';

export function intervalOf(terms: ReviewTerms, programme: Programme, basis: ReviewBasis) {
  return reviewInterval(
    {
      stableIntervalMonths: terms.stableIntervalMonths,
      variableIntervalMonths: terms.variableIntervalMonths,
      recheckDueWorkingDays: terms.recheckDueWorkingDays,
      holidays: terms.holidays,
      adjustedWorkingDays: terms.adjustedWorkingDays,
      sources: { intervals: terms.intervalsSource, recheckDue: terms.recheckDueSource },
    },
    programme,
    basis,
  );
}

/** Due on the first day of the month `months` after `fromMonth` (YYYY-MM). */
export function dueOnAfter(fromMonth: string, months: number): string {
  return `${addMonths(fromMonth, months)}-01`;
}

export function recheckDueBy(openedOn: string, terms: ReviewTerms): string {
  return addWorkingDays(openedOn, terms.recheckDueWorkingDays, terms);
}

/** The month after an instant's China month: a decision takes effect from the next month, as a grant does. */
export function nextMonthAfter(instant: string): string {
  return addMonths(chinaMonth(instant), 1);
}

/** Per capita for display, half up; never multiplied back. */
function perCapita(counted: Fen, size: number): Fen {
  return fen(Math.floor((counted * 2 + size) / (size * 2)));
}

export function amountOwed(programme: Programme, recheck: Pick<RecheckFindings, 'householdSize' | 'countedMonthlyIncomeFen' | 'standardFen'>): Fen {
  const line = multiplyFen(recheck.standardFen, recheck.householdSize);
  if (programme === 'extreme-poverty') return line;
  return recheck.countedMonthlyIncomeFen >= line ? fen(0) : subtractFen(line, recheck.countedMonthlyIncomeFen);
}

/**
 * What the re-check proposes (seed 001: "复核期内……经济状况没有明显变化的，不再调整救助水平，不再符合条件的
 * 按程序退出"; "对家庭人均收入超过当地低保标准的，给予六个月的渐退期"): the same amount → continue; another
 * amount → change it; a dibao household at or above the standard → gradual exit when the rise came
 * from work, otherwise termination.
 */
export function proposalOf(
  programme: Programme,
  currentAmountFen: Fen,
  recheck: RecheckFindings,
  terms: ReviewTerms,
): { proposal: ReviewProposal; trace: ReviewTraceStep[] } {
  const owed = amountOwed(programme, recheck);
  const perCapitaFen = perCapita(recheck.countedMonthlyIncomeFen, recheck.householdSize);
  const line = multiplyFen(recheck.standardFen, recheck.householdSize);
  const trace: ReviewTraceStep[] = [
    { rule: 'household-line', detail: `${recheck.householdSize} × ${recheck.standardFen} = ${line} fen (policy ${terms.policyId})` },
    {
      rule: 'counted-income',
      detail: `counted ${recheck.countedMonthlyIncomeFen} fen, per capita ${perCapitaFen} fen${recheck.checkId ? `, check ${recheck.checkId}` : ', household facts recorded at the re-check'}`,
    },
  ];
  const propose = (outcome: ReviewProposal['outcome'], detail: string) => {
    trace.push({ rule: `proposal-${outcome}`, detail });
    return { proposal: { outcome, perCapitaMonthlyIncomeFen: perCapitaFen, monthlyAmountFen: owed }, trace };
  };
  if (programme === 'dibao' && owed === 0) {
    return recheck.incomeFromEmployment
      ? propose('start-gradual-exit', `income at or above the standard through work: ${terms.gradualExitMonths} months of gradual exit (渐退期), then exit`)
      : propose('terminate', 'income at or above the standard: no longer entitled (按程序退出)');
  }
  if (owed === currentAmountFen) return propose('continue', `owed ${owed} fen, as paid now: no change (不再调整救助水平)`);
  return propose('change-amount', `owed ${owed} fen instead of ${currentAmountFen} fen`);
}
