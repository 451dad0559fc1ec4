import { fen, given, type Actor } from '@sa/domain-shared';
import { countyApprover, townshipReviewer } from '../test-support/fixtures';
import type { AllocateReserveFund, DrawFromReserveFund, ReplenishReserveFund } from './commands';
import { reserveFundDecider } from './decider';
import type { ReserveFundEvent } from './events';

const countyOfficer: Actor = { userId: 'u-pay', role: 'payments-officer', orgUnit: '331002' };
const allocate: AllocateReserveFund = {
  type: 'AllocateReserveFund',
  township: '331002001',
  allocationId: 'alloc-2026',
  amountFen: fen(1_000_000),
  allocatedBy: countyOfficer,
  allocatedAt: '2026-01-05T02:00:00Z',
};
const { type: _a, ...allocData } = allocate;
const allocated: ReserveFundEvent = { type: 'ReserveFundAllocated', data: { ...allocData, balanceAfterFen: fen(1_000_000) } };
const draw: DrawFromReserveFund = {
  type: 'DrawFromReserveFund',
  township: '331002001',
  drawId: 'urgent-ta-1',
  caseId: 'ta-1',
  amountFen: fen(80_000),
  method: 'cash',
  payee: { name: '李明' },
  drawnBy: townshipReviewer,
  drawnAt: '2026-03-02T07:00:00Z',
  urgentAdvanceMaxFen: fen(100_000),
  policyId: 'taizhou-2025',
  caseTownship: '331002001',
};
const { type: _d, urgentAdvanceMaxFen: _m, caseTownship: _t, ...drawData } = draw;
const drawn: ReserveFundEvent = { type: 'ReserveFundDrawn', data: { ...drawData, balanceAfterFen: fen(920_000) } };

describe('township reserve fund (乡镇临时救助备用金)', () => {
  it('is allocated by the county and drawn by the township for an urgent payment', () => {
    given(reserveFundDecider, []).when(allocate).then([allocated]);
    given(reserveFundDecider, [allocated]).when(draw).then([drawn]);
  });

  it('never goes below zero: a draw beyond the balance is refused with the balance', () => {
    const outcome = given(reserveFundDecider, [allocated]).when({ ...draw, amountFen: fen(100_000), urgentAdvanceMaxFen: fen(2_000_000) });
    expect(outcome.decision.ok).toBe(true);
    const low: ReserveFundEvent = { ...allocated, data: { ...allocated.data, amountFen: fen(50_000), balanceAfterFen: fen(50_000) } };
    const refused = given(reserveFundDecider, [low]).when(draw);
    refused.thenRejects('INSUFFICIENT_RESERVE_FUND');
    expect(!refused.decision.ok && refused.decision.rejection.message).toContain('holds 500.00 CNY');
  });

  it('pays only a case intake took, in the township where the emergency happened', () => {
    given(reserveFundDecider, [allocated])
      .when({ ...draw, caseTownship: undefined })
      .thenRejects('CASE_NOT_FOUND');
    const elsewhere = given(reserveFundDecider, [allocated]).when({ ...draw, caseTownship: '331002004' });
    elsewhere.thenRejects('CASE_OF_ANOTHER_TOWNSHIP');
    expect(!elsewhere.decision.ok && elsewhere.decision.rejection.message).toBe(
      'Case ta-1 is examined and paid by township 331002004, where the emergency happened',
    );
  });

  it('keeps the urgent payment within the policy ceiling, one per case, each entry once', () => {
    given(reserveFundDecider, [allocated])
      .when({ ...draw, amountFen: fen(100_001) })
      .thenRejects('URGENT_AMOUNT_ABOVE_POLICY');
    given(reserveFundDecider, [allocated, drawn]).when(draw).thenRejects('DRAW_ALREADY_RECORDED');
    given(reserveFundDecider, [allocated, drawn])
      .when({ ...draw, drawId: 'other' })
      .thenRejects('DRAW_ALREADY_RECORDED');
    given(reserveFundDecider, [allocated]).when(allocate).thenRejects('ALLOCATION_ALREADY_RECORDED');
  });

  it('is replenished by the county’s reimbursement', () => {
    const replenish: ReplenishReserveFund = {
      type: 'ReplenishReserveFund',
      township: '331002001',
      reimbursementId: 'reimb-1',
      amountFen: fen(80_000),
      note: 'case ta-1 approved',
      replenishedBy: countyApprover,
      replenishedAt: '2026-03-12T02:00:00Z',
    };
    const { type: _r, ...data } = replenish;
    given(reserveFundDecider, [allocated, drawn])
      .when(replenish)
      .then([{ type: 'ReserveFundReplenished', data: { ...data, balanceAfterFen: fen(1_000_000) } }]);
  });

  it('is kept by its own township and county only', () => {
    given(reserveFundDecider, [])
      .when({ ...allocate, allocatedBy: townshipReviewer })
      .thenRejects('ROLE_NOT_ALLOWED');
    given(reserveFundDecider, [])
      .when({ ...allocate, allocatedBy: { ...countyOfficer, orgUnit: '331003' } })
      .thenRejects('OUTSIDE_JURISDICTION');
    given(reserveFundDecider, [allocated])
      .when({ ...draw, drawnBy: { ...townshipReviewer, orgUnit: '331002002' } })
      .thenRejects('OUTSIDE_JURISDICTION');
    given(reserveFundDecider, [allocated])
      .when({ ...draw, method: 'transfer' })
      .thenRejects('INVALID_PAYEE');
  });
});
