/** The township reserve fund (乡镇临时救助备用金) as a ledger: allocated, drawn, replenished, never below zero. */
import { accept, addFen, isBlank, isWithin, parseRegionCode, subtractFen, type Actor, type Decider, type Decision, type Role } from '@sa/domain-shared';
import { fmt } from '../decision/approve';
import { problem, rejectWith, type TemporaryAssistanceRejectionCode } from '../rejections';
import { isOneOf, positiveFen, type Check } from '../validation';
import { urgentPaymentMethods, type DrawFromReserveFund, type ReserveFundCommand } from './commands';
import type { ReserveFundEvent } from './events';
import { initialReserveFundState, listHas, type ReserveFundState } from './state';

const maxEntryFen = 100_000_000;

function actorProblem(actor: Actor, township: string, roles: readonly Role[], unitLength: number, field: string): Check {
  if (!roles.includes(actor.role)) return problem('ROLE_NOT_ALLOWED', `must be done by ${roles.join(' or ')}, not ${actor.role}`, `${field}.role`);
  const unit = actor.orgUnit.trim();
  if (unit.length !== unitLength || !isWithin(parseRegionCode(township), unit as never)) {
    return problem(
      'OUTSIDE_JURISDICTION',
      `township ${township}'s fund is kept by its ${unitLength === 9 ? 'township' : 'county'}, not ${unit}`,
      `${field}.orgUnit`,
    );
  }
  return undefined;
}

function entryProblem(state: ReserveFundState, id: string, code: TemporaryAssistanceRejectionCode, amountFen: number): Check {
  if (isBlank(id)) return problem('CASE_ID_REQUIRED', 'An entry needs an id', 'id');
  if (listHas(state.entryIds, id)) return problem(code, `Entry ${id} is already in the fund's ledger`, 'id');
  return positiveFen(amountFen, maxEntryFen) ? undefined : problem('INVALID_AMOUNT', 'amount must be positive, up to 1,000,000.00', 'amountFen');
}

function caseProblem(c: DrawFromReserveFund): Check {
  if (c.caseTownship === undefined) {
    return problem('CASE_NOT_FOUND', `Case ${c.caseId} was not taken by intake (a case taken a moment ago: try again shortly)`, 'caseId');
  }
  return c.caseTownship === c.township
    ? undefined
    : problem('CASE_OF_ANOTHER_TOWNSHIP', `Case ${c.caseId} is examined and paid by township ${c.caseTownship}, where the emergency happened`, 'caseId');
}

function drawProblem(c: DrawFromReserveFund, state: ReserveFundState): Check {
  const found =
    actorProblem(c.drawnBy, c.township, ['township-reviewer', 'payments-officer'], 9, 'drawnBy') ??
    caseProblem(c) ??
    entryProblem(state, c.drawId, 'DRAW_ALREADY_RECORDED', c.amountFen) ??
    (listHas(state.drawnCaseIds, c.caseId)
      ? problem('DRAW_ALREADY_RECORDED', `Case ${c.caseId} already had its urgent payment from this fund`, 'caseId')
      : undefined) ??
    (isOneOf(urgentPaymentMethods, c.method)
      ? undefined
      : problem('INVALID_PAYMENT_METHOD', `method must be one of ${urgentPaymentMethods.join(', ')}`, 'method')) ??
    (isBlank(c.payee?.name) || (c.method === 'transfer' && !/^\d{12,30}$/.test(c.payee.accountNumber ?? ''))
      ? problem('INVALID_PAYEE', 'payee needs a name, and for a transfer an account number of 12 to 30 digits', 'payee')
      : undefined);
  if (found) return found;
  if (c.amountFen > c.urgentAdvanceMaxFen) {
    return problem('URGENT_AMOUNT_ABOVE_POLICY', `an urgent payment is at most ${fmt(c.urgentAdvanceMaxFen)} under ${c.policyId}`, 'amountFen');
  }
  if (c.amountFen > state.balanceFen) {
    return problem(
      'INSUFFICIENT_RESERVE_FUND',
      `township ${c.township}'s reserve fund holds ${fmt(state.balanceFen)}, less than the ${fmt(c.amountFen)} asked; the county must allocate or reimburse first`,
      'amountFen',
    );
  }
  return undefined;
}

function decide(command: ReserveFundCommand, state: ReserveFundState): Decision<ReserveFundEvent> {
  switch (command.type) {
    case 'AllocateReserveFund': {
      const invalid =
        actorProblem(command.allocatedBy, command.township, ['county-approver', 'payments-officer'], 6, 'allocatedBy') ??
        entryProblem(state, command.allocationId, 'ALLOCATION_ALREADY_RECORDED', command.amountFen);
      if (invalid) return rejectWith(invalid);
      const { type: _type, ...data } = command;
      return accept<ReserveFundEvent>({ type: 'ReserveFundAllocated', data: { ...data, balanceAfterFen: addFen(state.balanceFen, command.amountFen) } });
    }
    case 'DrawFromReserveFund': {
      const invalid = drawProblem(command, state);
      if (invalid) return rejectWith(invalid);
      const { type: _type, urgentAdvanceMaxFen: _max, caseTownship: _township, ...data } = command;
      return accept<ReserveFundEvent>({ type: 'ReserveFundDrawn', data: { ...data, balanceAfterFen: subtractFen(state.balanceFen, command.amountFen) } });
    }
    case 'ReplenishReserveFund': {
      const invalid =
        actorProblem(command.replenishedBy, command.township, ['county-approver', 'payments-officer'], 6, 'replenishedBy') ??
        entryProblem(state, command.reimbursementId, 'REIMBURSEMENT_ALREADY_RECORDED', command.amountFen);
      if (invalid) return rejectWith(invalid);
      const { type: _type, ...data } = command;
      return accept<ReserveFundEvent>({ type: 'ReserveFundReplenished', data: { ...data, balanceAfterFen: addFen(state.balanceFen, command.amountFen) } });
    }
  }
}

function evolve(state: ReserveFundState, event: ReserveFundEvent): ReserveFundState {
  const d = event.data;
  const id =
    event.type === 'ReserveFundAllocated' ? event.data.allocationId : event.type === 'ReserveFundDrawn' ? event.data.drawId : event.data.reimbursementId;
  const drawnCaseIds = event.type === 'ReserveFundDrawn' ? { id: event.data.caseId, rest: state.drawnCaseIds } : state.drawnCaseIds;
  return { township: d.township, balanceFen: d.balanceAfterFen, entries: state.entries + 1, entryIds: { id, rest: state.entryIds }, drawnCaseIds };
}

export const reserveFundDecider: Decider<ReserveFundCommand, ReserveFundEvent, ReserveFundState> = {
  initialState: initialReserveFundState,
  decide,
  evolve,
};
