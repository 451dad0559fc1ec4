import type { Fen } from '@sa/domain-shared';

/**
 * A township's fund: its balance and the ids already entered (a redelivered or retried entry is
 * recognised, never booked twice). One stream per township: its length grows with that township's
 * entries (dozens to hundreds a year), not with the caseload of the county or city.
 */
export interface ReserveFundState {
  readonly township?: string;
  readonly balanceFen: Fen;
  readonly entryIds: ReadonlySet<string>;
  readonly drawnCaseIds: ReadonlySet<string>;
}

export const initialReserveFundState: ReserveFundState = { balanceFen: 0 as Fen, entryIds: new Set(), drawnCaseIds: new Set() };
