/**
 * 定期核查: how often a live case is re-checked, and how long a township has to record the re-check
 * once a review opens. Seed 001 (运民发〔2021〕59号): "健全社会救助对象定期核查机制，对特困人员、
 * 短期内经济状况变化不大的低保家庭，每年核查一次；对收入来源不固定、家庭成员有劳动能力的低保家庭，
 * 每半年核查一次。复核期内救助对象家庭经济状况没有明显变化的，不再调整救助水平，不再符合条件的按程序退出。"
 * Seed 004 (长垣): "对正在享受的社会救助对象进行动态管理……每半年或一年入户走访一次".
 */

export interface PeriodicReviewPolicy {
  /** 特困人员、短期内经济状况变化不大的低保家庭 (elderly, severely disabled, no work ability): 每年核查一次. */
  readonly stableIntervalMonths: number;
  /** 收入来源不固定、家庭成员有劳动能力的低保家庭: 每半年核查一次. */
  readonly variableIntervalMonths: number;
  /** Working days after a review opens within which the township records the re-check; then payment is suspended. */
  readonly recheckDueWorkingDays: number;
  /** The State Council's holiday schedule the working days are counted on (the same as temporary assistance's). */
  readonly holidays: readonly string[];
  readonly adjustedWorkingDays: readonly string[];
  /** Where each figure comes from (document and clause), recorded in the rule trace. */
  readonly sources: { readonly intervals: string; readonly recheckDue: string };
}

/** What decides the cadence: seed 001 names work ability and whether income is fixed. */
export interface ReviewBasis {
  /** A member is able to work (有劳动能力), fully or partly. */
  readonly membersAbleToWork: boolean;
  /** Income comes from work whose amount varies (收入来源不固定): wages, business, farming. */
  readonly irregularIncome: boolean;
}

export type ReviewCadence = 'yearly' | 'six-monthly';

export interface ReviewInterval {
  readonly cadence: ReviewCadence;
  readonly months: number;
  /** Why, as the rule trace says it. */
  readonly rule: string;
}

/** Extreme-poverty cases and stable dibao households yearly; the others at the variable interval. */
export function reviewInterval(policy: PeriodicReviewPolicy, programme: 'dibao' | 'extreme-poverty', basis: ReviewBasis): ReviewInterval {
  if (programme === 'extreme-poverty') {
    return {
      cadence: 'yearly',
      months: policy.stableIntervalMonths,
      rule: `特困人员每${policy.stableIntervalMonths}个月核查一次 (${policy.sources.intervals})`,
    };
  }
  if (basis.membersAbleToWork || basis.irregularIncome) {
    const why = [basis.membersAbleToWork ? '家庭成员有劳动能力' : '', basis.irregularIncome ? '收入来源不固定' : ''].filter(Boolean).join('、');
    return {
      cadence: 'six-monthly',
      months: policy.variableIntervalMonths,
      rule: `${why}的低保家庭每${policy.variableIntervalMonths}个月核查一次 (${policy.sources.intervals})`,
    };
  }
  return {
    cadence: 'yearly',
    months: policy.stableIntervalMonths,
    rule: `经济状况稳定的低保家庭每${policy.stableIntervalMonths}个月核查一次 (${policy.sources.intervals})`,
  };
}

export function periodicReviewProblems(policy: PeriodicReviewPolicy): { field: string; rule: string }[] {
  const problems: { field: string; rule: string }[] = [];
  const need = (ok: boolean, field: string, rule: string) => (ok ? undefined : problems.push({ field, rule }));
  const months = (n: number) => Number.isInteger(n) && n >= 1 && n <= 24;
  need(months(policy.stableIntervalMonths), 'periodicReview.stableIntervalMonths', 'must be a whole number of months from 1 to 24');
  need(months(policy.variableIntervalMonths), 'periodicReview.variableIntervalMonths', 'must be a whole number of months from 1 to 24');
  need(policy.variableIntervalMonths <= policy.stableIntervalMonths, 'periodicReview.variableIntervalMonths', 'may not be longer than the stable interval');
  need(
    Number.isInteger(policy.recheckDueWorkingDays) && policy.recheckDueWorkingDays >= 1,
    'periodicReview.recheckDueWorkingDays',
    'must be a whole number of working days, at least 1',
  );
  return problems;
}
