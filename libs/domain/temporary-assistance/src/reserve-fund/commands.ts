import type { Actor, Fen } from '@sa/domain-shared';

/** Cash over the counter or a transfer to the person's account. */
export const urgentPaymentMethods = ['cash', 'transfer'] as const;
export type UrgentPaymentMethod = (typeof urgentPaymentMethods)[number];

export interface UrgentPayee {
  readonly name: string;
  readonly accountNumber?: string;
}

/** The county allocates money to a township's reserve fund (备用金). */
export interface AllocateReserveFund {
  readonly type: 'AllocateReserveFund';
  readonly township: string;
  readonly allocationId: string;
  readonly amountFen: Fen;
  readonly allocatedBy: Actor;
  readonly allocatedAt: string;
}

/** 小金额先行救助: the township pays an urgent case at once from its fund. */
export interface DrawFromReserveFund {
  readonly type: 'DrawFromReserveFund';
  readonly township: string;
  readonly drawId: string;
  readonly caseId: string;
  readonly amountFen: Fen;
  readonly method: UrgentPaymentMethod;
  readonly payee: UrgentPayee;
  readonly drawnBy: Actor;
  readonly drawnAt: string;
  /** The policy's ceiling on an urgent payment, and its version. */
  readonly urgentAdvanceMaxFen: Fen;
  readonly policyId: string;
  /** The township of the case as intake took it; undefined when intake never took such a case. */
  readonly caseTownship: string | undefined;
}

/** The county reimburses what the township advanced (after the documents and the approval). */
export interface ReplenishReserveFund {
  readonly type: 'ReplenishReserveFund';
  readonly township: string;
  readonly reimbursementId: string;
  readonly amountFen: Fen;
  readonly note: string;
  readonly replenishedBy: Actor;
  readonly replenishedAt: string;
}

export type ReserveFundCommand = AllocateReserveFund | DrawFromReserveFund | ReplenishReserveFund;
