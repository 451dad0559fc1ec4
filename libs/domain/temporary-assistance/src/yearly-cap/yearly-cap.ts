/**
 * A household's temporary assistance in one calendar year, counted against the policy's yearly cap
 * (年度累计救助上限). The cap is a rule across a household's cases, so one case's decision cannot
 * enforce it alone: approvals of two cases for one household at the same moment each read the
 * other as not yet approved and could both pass. This ledger — one stream per household and year —
 * is the consistency boundary: an approval is counted here first, with the revision it read, so of
 * two concurrent approvals the second is decided again on the first's count and refused when the
 * two together pass the cap.
 *
 * A count belongs to a case: counting the same case again replaces its amount (a retried approval),
 * and the count is released when the case's approval was not recorded after all or the case was
 * rejected. Its length grows with that household's cases in the year (a handful), never the caseload.
 */
import { accept, addFen, formatYuan, subtractFen, type Actor, type Decider, type Decision, type Fen } from '@sa/domain-shared';
import { problem, rejectWith } from '../rejections';

export interface CountApprovalAgainstYearlyCap {
  readonly type: 'CountApprovalAgainstYearlyCap';
  readonly householdKey: string;
  readonly year: string;
  readonly caseId: string;
  readonly amountFen: Fen;
  readonly capFen: Fen;
  readonly policyId: string;
  readonly countedBy: Actor;
  readonly countedAt: string;
}

export interface ReleaseYearlyCapCount {
  readonly type: 'ReleaseYearlyCapCount';
  readonly caseId: string;
  /** Why the count no longer stands: the approval was not recorded, or the case was rejected. */
  readonly reason: 'approval-not-recorded' | 'case-rejected';
  readonly releasedBy: Actor;
  readonly releasedAt: string;
}

export type YearlyCapCommand = CountApprovalAgainstYearlyCap | ReleaseYearlyCapCount;

export type YearlyCapEvent =
  | {
      readonly type: 'TemporaryAssistanceCountedAgainstYearlyCap';
      readonly data: Omit<CountApprovalAgainstYearlyCap, 'type'> & { readonly householdYearTotalFen: Fen };
    }
  | {
      readonly type: 'YearlyCapCountReleased';
      readonly data: Omit<ReleaseYearlyCapCount, 'type'> & { readonly householdKey: string; readonly year: string; readonly amountFen: Fen };
    };

export interface YearlyCapState {
  readonly householdKey?: string;
  readonly year?: string;
  /** The amount counted for each case of the household this year. */
  readonly counted: Readonly<Record<string, Fen>>;
  readonly totalFen: Fen;
}

export const initialYearlyCapState: YearlyCapState = { counted: {}, totalFen: 0 as Fen };

/** What the household had this year apart from this case: what an approval of this case adds to. */
export function countedForOtherCases(state: YearlyCapState, caseId: string): Fen {
  return subtractFen(state.totalFen, state.counted[caseId] ?? (0 as Fen));
}

const yuan = (amount: Fen) => `${formatYuan(amount)} CNY`;

function decide(command: YearlyCapCommand, state: YearlyCapState): Decision<YearlyCapEvent> {
  if (command.type === 'ReleaseYearlyCapCount') {
    const amountFen = state.counted[command.caseId];
    if (amountFen === undefined || state.householdKey === undefined || state.year === undefined) return accept();
    const { type: _type, ...data } = command;
    return accept<YearlyCapEvent>({ type: 'YearlyCapCountReleased', data: { ...data, householdKey: state.householdKey, year: state.year, amountFen } });
  }
  if (state.counted[command.caseId] === command.amountFen) return accept();
  const others = countedForOtherCases(state, command.caseId);
  const total = addFen(others, command.amountFen);
  if (total > command.capFen) {
    return rejectWith(
      problem(
        'YEARLY_CAP_EXCEEDED',
        `the household has had ${yuan(others)} this year; with ${yuan(command.amountFen)} it would pass the yearly cap of ${yuan(command.capFen)}`,
        'totalFen',
      ),
    );
  }
  const { type: _type, ...data } = command;
  return accept<YearlyCapEvent>({ type: 'TemporaryAssistanceCountedAgainstYearlyCap', data: { ...data, householdYearTotalFen: total } });
}

function evolve(state: YearlyCapState, event: YearlyCapEvent): YearlyCapState {
  const { [event.data.caseId]: previous, ...rest } = state.counted;
  const base = { householdKey: event.data.householdKey, year: event.data.year };
  if (event.type === 'YearlyCapCountReleased') return { ...base, counted: rest, totalFen: subtractFen(state.totalFen, previous ?? (0 as Fen)) };
  return { ...base, counted: { ...rest, [event.data.caseId]: event.data.amountFen }, totalFen: event.data.householdYearTotalFen };
}

export const yearlyCapDecider: Decider<YearlyCapCommand, YearlyCapEvent, YearlyCapState> = { initialState: initialYearlyCapState, decide, evolve };
