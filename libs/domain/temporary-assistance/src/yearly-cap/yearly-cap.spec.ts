import { fen, given } from '@sa/domain-shared';
import { countyApprover } from '../test-support/fixtures';
import { countedForOtherCases, yearlyCapDecider, type CountApprovalAgainstYearlyCap, type YearlyCapEvent } from './yearly-cap';

// A yearly cap of 14,280.00 (12 × a dibao standard of 1,190.00); the household's first case got 6,000.00.
const count = (caseId: string, amount: number): CountApprovalAgainstYearlyCap => ({
  type: 'CountApprovalAgainstYearlyCap',
  householdKey: '331002199001011234',
  year: '2026',
  caseId,
  amountFen: fen(amount),
  capFen: fen(1_428_000),
  policyId: 'taizhou-2025',
  countedBy: countyApprover,
  countedAt: '2026-05-06T02:00:00Z',
});
const counted = (caseId: string, amount: number, total: number): YearlyCapEvent => {
  const { type: _t, ...data } = count(caseId, amount);
  return { type: 'TemporaryAssistanceCountedAgainstYearlyCap', data: { ...data, householdYearTotalFen: fen(total) } };
};
const releaseData = { caseId: 'ta-1', reason: 'case-rejected' as const, releasedBy: countyApprover, releasedAt: '2026-05-07T02:00:00Z' };
const release = { type: 'ReleaseYearlyCapCount' as const, ...releaseData };
const released: YearlyCapEvent = {
  type: 'YearlyCapCountReleased',
  data: { ...releaseData, householdKey: '331002199001011234', year: '2026', amountFen: fen(600_000) },
};

describe("a household's temporary assistance in a year, against the yearly cap (年度累计救助上限)", () => {
  it('counts an approval and the household total it reaches', () => {
    given(yearlyCapDecider, [])
      .when(count('ta-1', 600_000))
      .then([counted('ta-1', 600_000, 600_000)]);
    given(yearlyCapDecider, [counted('ta-1', 600_000, 600_000)])
      .when(count('ta-2', 828_000))
      .then([counted('ta-2', 828_000, 1_428_000)]);
  });

  it("refuses the approval that would pass the cap, naming what the household had — the second of two concurrent approvals is decided on the first's count", () => {
    const refused = given(yearlyCapDecider, [counted('ta-1', 600_000, 600_000)]).when(count('ta-2', 828_001));
    refused.thenRejects('YEARLY_CAP_EXCEEDED');
    expect(!refused.decision.ok && refused.decision.rejection.message).toBe(
      'the household has had 6000.00 CNY this year; with 8280.01 CNY it would pass the yearly cap of 14280.00 CNY',
    );
  });

  it('counts a case once: the same amount again records nothing, a new amount replaces the old', () => {
    given(yearlyCapDecider, [counted('ta-1', 600_000, 600_000)])
      .when(count('ta-1', 600_000))
      .then([]);
    given(yearlyCapDecider, [counted('ta-1', 600_000, 600_000)])
      .when(count('ta-1', 1_428_000))
      .then([counted('ta-1', 1_428_000, 1_428_000)]);
  });

  it('releases a case’s count when its approval was not recorded or it was rejected, so the cap counts it no more', () => {
    const history = [counted('ta-1', 600_000, 600_000), counted('ta-2', 300_000, 900_000)];
    given(yearlyCapDecider, history).when(release).then([released]);
    const after = given(yearlyCapDecider, [...history, released]);
    after.when(count('ta-3', 1_128_000)).then([counted('ta-3', 1_128_000, 1_428_000)]);
    given(yearlyCapDecider, history)
      .when({ ...release, caseId: 'ta-9' })
      .then([]);
  });

  it("says what the household had apart from a case (the trace's figure for that case's approval)", () => {
    const state = [counted('ta-1', 600_000, 600_000), counted('ta-2', 300_000, 900_000)].reduce(yearlyCapDecider.evolve, yearlyCapDecider.initialState);
    expect(countedForOtherCases(state, 'ta-2')).toBe(600_000);
    expect(countedForOtherCases(state, 'ta-3')).toBe(900_000);
  });
});
