import type { Fen } from '@sa/domain-shared';

/**
 * The ids already in the ledger, newest first, as a persistent list: recording one is O(1) without
 * copying (a Set copied per event made the fold quadratic: 10,000 entries took 12 s), and the one
 * look-up a command needs walks it once, so a command costs time linear in the township's entries.
 */
export type IdList = { readonly id: string; readonly rest: IdList } | null;

export function listHas(list: IdList, id: string): boolean {
  for (let node = list; node !== null; node = node.rest) if (node.id === id) return true;
  return false;
}

/**
 * A township's fund: its balance and the ids already entered (a redelivered or retried entry is
 * recognised, never booked twice). One stream per township: its length grows with that township's
 * entries (dozens to hundreds a year), not with the caseload of the county or city.
 */
export interface ReserveFundState {
  readonly township?: string;
  readonly balanceFen: Fen;
  readonly entries: number;
  readonly entryIds: IdList;
  readonly drawnCaseIds: IdList;
}

export const initialReserveFundState: ReserveFundState = { balanceFen: 0 as Fen, entries: 0, entryIds: null, drawnCaseIds: null };
