/** The Entitlement aggregate's state, folded from its events. */
import type { Fen, RegionCode } from '@sa/domain-shared';
import type { BankAccount, CoveredMember, Programme, StopReason, Suspension } from '../values';
import type { EntitlementEvent, EntitlementGranted } from './events';

/** From fromMonth on the entitlement pays monthlyAmountFen (until a later change). */
export interface AmountChange {
  readonly fromMonth: string;
  readonly monthlyAmountFen: Fen;
}

export interface IssuedPayment {
  readonly payrollId: string;
  readonly month: string;
  readonly amountFen: Fen;
}

export interface GrantedEntitlement {
  readonly status: 'granted';
  readonly entitlementId: string;
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: RegionCode;
  readonly members: readonly CoveredMember[];
  /** The amount granted; a review may change it from a month on (amountChanges). */
  readonly monthlyAmountFen: Fen;
  readonly amountChanges?: readonly AmountChange[];
  readonly startMonth: string;
  readonly payee: BankAccount;
  /** The earliest month no longer paid, whatever stopped it; a later stop never extends payment. */
  readonly stop?: { readonly effectiveMonth: string; readonly reason: StopReason };
  readonly suspensions: readonly Suspension[];
  readonly gradualExit?: { readonly fromMonth: string; readonly months: number };
  readonly dateOfDeath?: string;
  readonly payments: Readonly<Record<string, IssuedPayment>>;
  readonly flaggedForRecovery: readonly string[];
}

/** Not granted; when a case was refused as an entitlement (一人一保), why. */
export interface UngrantedEntitlement {
  readonly status: 'not-granted';
  readonly refusal?: { readonly region: RegionCode; readonly memberId: string; readonly heldByApplicationId: string };
}

export type EntitlementState = UngrantedEntitlement | GrantedEntitlement;

export const initialEntitlementState: EntitlementState = { status: 'not-granted' };

export function evolveEntitlement(state: EntitlementState, event: EntitlementEvent): EntitlementState {
  if (event.type === 'EntitlementGranted') return granted(event);
  if (event.type === 'EntitlementRefused') {
    const { region, memberId, heldByApplicationId } = event.data;
    return state.status === 'not-granted' ? { status: 'not-granted', refusal: { region, memberId, heldByApplicationId } } : state;
  }
  if (state.status === 'not-granted') return state;
  switch (event.type) {
    case 'DeathReported':
      return { ...state, dateOfDeath: event.data.dateOfDeath };
    case 'EntitlementStopped': {
      const { effectiveMonth, reason } = event.data;
      return state.stop && state.stop.effectiveMonth <= effectiveMonth ? state : { ...state, stop: { effectiveMonth, reason } };
    }
    case 'EntitlementSuspended':
      return { ...state, suspensions: [...state.suspensions, { fromMonth: event.data.fromMonth }] };
    case 'EntitlementResumed':
      return { ...state, suspensions: state.suspensions.map((s) => (s.untilMonth === undefined ? { ...s, untilMonth: event.data.fromMonth } : s)) };
    case 'EntitlementAmountChanged': {
      const { fromMonth, monthlyAmountFen } = event.data;
      const kept = (state.amountChanges ?? []).filter((c) => c.fromMonth !== fromMonth);
      return { ...state, amountChanges: [...kept, { fromMonth, monthlyAmountFen }].sort((a, b) => a.fromMonth.localeCompare(b.fromMonth)) };
    }
    case 'GradualExitStarted':
      return { ...state, gradualExit: { fromMonth: event.data.fromMonth, months: event.data.months } };
    case 'EntitlementPaymentRecorded': {
      const { instructionId, payrollId, month, amountFen } = event.data;
      return { ...state, payments: { ...state.payments, [instructionId]: { payrollId, month, amountFen } } };
    }
    case 'PaymentFlaggedForRecovery':
      return { ...state, flaggedForRecovery: [...state.flaggedForRecovery, event.data.instructionId] };
  }
}

function granted(event: EntitlementGranted): GrantedEntitlement {
  const { entitlementId, applicationId, programme, region, members, monthlyAmountFen, startMonth, payee } = event.data;
  return {
    status: 'granted',
    entitlementId,
    applicationId,
    programme,
    region,
    members,
    monthlyAmountFen,
    startMonth,
    payee,
    suspensions: [],
    payments: {},
    flaggedForRecovery: [],
  };
}

/** The amount paid for a month: the latest change in force by then, else the amount granted. */
export function monthlyAmountIn(state: Pick<GrantedEntitlement, 'monthlyAmountFen' | 'amountChanges'>, month: string): Fen {
  let amount = state.monthlyAmountFen;
  for (const change of state.amountChanges ?? []) if (change.fromMonth <= month) amount = change.monthlyAmountFen;
  return amount;
}

export function openSuspension(state: GrantedEntitlement): Suspension | undefined {
  return state.suspensions.find((s) => s.untilMonth === undefined);
}

/** Stopped for a month when a stop takes effect in or before it. */
export function isStoppedIn(state: GrantedEntitlement, month: string): boolean {
  return state.stop !== undefined && state.stop.effectiveMonth <= month;
}
