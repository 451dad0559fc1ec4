import type { Actor, Fen } from '@sa/domain-shared';
import type { UrgentPayee, UrgentPaymentMethod } from './commands';

export interface ReserveFundAllocated {
  readonly type: 'ReserveFundAllocated';
  readonly data: {
    readonly township: string;
    readonly allocationId: string;
    readonly amountFen: Fen;
    readonly balanceAfterFen: Fen;
    readonly allocatedBy: Actor;
    readonly allocatedAt: string;
  };
}

export interface ReserveFundDrawn {
  readonly type: 'ReserveFundDrawn';
  readonly data: {
    readonly township: string;
    readonly drawId: string;
    readonly caseId: string;
    readonly amountFen: Fen;
    readonly balanceAfterFen: Fen;
    readonly method: UrgentPaymentMethod;
    readonly payee: UrgentPayee;
    readonly drawnBy: Actor;
    readonly drawnAt: string;
    readonly policyId: string;
  };
}

export interface ReserveFundReplenished {
  readonly type: 'ReserveFundReplenished';
  readonly data: {
    readonly township: string;
    readonly reimbursementId: string;
    readonly amountFen: Fen;
    readonly balanceAfterFen: Fen;
    readonly note: string;
    readonly replenishedBy: Actor;
    readonly replenishedAt: string;
  };
}

export type ReserveFundEvent = ReserveFundAllocated | ReserveFundDrawn | ReserveFundReplenished;
