import { reviewInterval, type PeriodicReviewPolicy } from './periodic-review';

const policy: PeriodicReviewPolicy = {
  stableIntervalMonths: 12,
  variableIntervalMonths: 6,
  recheckDueWorkingDays: 15,
  holidays: [],
  adjustedWorkingDays: [],
  sources: { intervals: 'seed 001', recheckDue: 'illustrative' },
};

describe('the review interval (定期核查, seed 001)', () => {
  it('is yearly for extreme poverty whatever the household', () => {
    // Given an extreme-poverty case; When its interval is asked; Then yearly
    expect(reviewInterval(policy, 'extreme-poverty', { membersAbleToWork: true, irregularIncome: true })).toMatchObject({ cadence: 'yearly', months: 12 });
  });

  it('is yearly for a stable dibao household and six-monthly when a member can work or income varies', () => {
    expect(reviewInterval(policy, 'dibao', { membersAbleToWork: false, irregularIncome: false })).toMatchObject({ cadence: 'yearly', months: 12 });
    expect(reviewInterval(policy, 'dibao', { membersAbleToWork: true, irregularIncome: false })).toMatchObject({ cadence: 'six-monthly', months: 6 });
    const varying = reviewInterval(policy, 'dibao', { membersAbleToWork: false, irregularIncome: true });
    expect(varying).toMatchObject({ cadence: 'six-monthly', months: 6 });
    expect(varying.rule).toMatch(/收入来源不固定/);
  });
});
