/** Events of the Entitlement aggregate: `{ type, data }` with plain JSON data; money in integer fen. */
import type { Actor, Fen, RegionCode } from '@sa/domain-shared';
import type { BankAccount, CoveredMember, Programme, SinglePersonOf, StopReason, SuspensionReason } from '../values';

export interface EntitlementGranted {
  readonly type: 'EntitlementGranted';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly householdSize: number;
    readonly members: readonly CoveredMember[];
    readonly standardFen: Fen;
    readonly perCapitaCountedIncomeFen: Fen;
    /** The household's counted income the amount was computed from (absent on grants recorded before it was kept). */
    readonly countedHouseholdIncomeFen?: Fen;
    /** 补差 for dibao, the support standard × persons for extreme poverty. */
    readonly monthlyAmountFen: Fen;
    readonly startMonth: string;
    readonly policyId: string;
    readonly payee: BankAccount;
    readonly grantedBy: Actor;
    readonly grantedAt: string;
    /** 单人保: one member of the household case named, covered alone. */
    readonly singlePersonOf?: SinglePersonOf;
  };
}

export interface DeathReported {
  readonly type: 'DeathReported';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly memberId?: string;
    readonly dateOfDeath: string;
    readonly reportedBy: Actor;
    readonly reportedAt: string;
  };
}

/** The entitlement is not paid for effectiveMonth or any later month. */
export interface EntitlementStopped {
  readonly type: 'EntitlementStopped';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly reason: StopReason;
    readonly detail?: string;
    readonly effectiveMonth: string;
    readonly stoppedBy: Actor;
    readonly stoppedAt: string;
  };
}

export interface EntitlementSuspended {
  readonly type: 'EntitlementSuspended';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly fromMonth: string;
    readonly reason: SuspensionReason;
    readonly detail: string;
    readonly suspendedBy: Actor;
    readonly suspendedAt: string;
  };
}

export interface EntitlementResumed {
  readonly type: 'EntitlementResumed';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly fromMonth: string;
    readonly resumedBy: Actor;
    readonly resumedAt: string;
  };
}

export interface GradualExitStarted {
  readonly type: 'GradualExitStarted';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly fromMonth: string;
    readonly months: number;
    /** Last month still paid; null when the policy grants no gradual-exit months. */
    readonly lastPaidMonth: string | null;
    /** The figures compared (absent from events recorded before the comparison was exact). */
    readonly countedHouseholdIncomeFen?: Fen;
    readonly householdSize?: number;
    /** Display only. */
    readonly perCapitaCountedIncomeFen: Fen;
    readonly standardFen: Fen;
    readonly policyId: string;
    readonly decidedBy: Actor;
    readonly decidedAt: string;
  };
}

export interface EntitlementPaymentRecorded {
  readonly type: 'EntitlementPaymentRecorded';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly payrollId: string;
    readonly instructionId: string;
    readonly month: string;
    readonly amountFen: Fen;
    readonly recordedAt: string;
  };
}

/** 追回: a payment issued for a month after the recipient's death (虚报冒领 control). */
export interface PaymentFlaggedForRecovery {
  readonly type: 'PaymentFlaggedForRecovery';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly instructionId: string;
    readonly month: string;
    readonly amountFen: Fen;
    readonly reason: 'paid-after-death';
    readonly flaggedAt: string;
  };
}

/**
 * An approved case was not made an entitlement because a member already has a live one (一人一保):
 * recorded on the case's entitlement stream so the refusal is visible, published and auditable.
 */
export interface EntitlementRefused {
  readonly type: 'EntitlementRefused';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly reason: 'resident-already-on-benefit';
    /** The member already covered (by member id; the resident ID stays in the case). */
    readonly memberId: string;
    /** The case whose entitlement covers that member. */
    readonly heldByApplicationId: string;
    readonly detail: string;
    readonly refusedBy: Actor;
    readonly refusedAt: string;
  };
}

/** The amount paid from fromMonth on, recomputed from a review's figures (调整救助金额). */
export interface EntitlementAmountChanged {
  readonly type: 'EntitlementAmountChanged';
  readonly data: {
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly fromMonth: string;
    readonly monthlyAmountFen: Fen;
    readonly previousAmountFen: Fen;
    readonly householdSize: number;
    readonly standardFen: Fen;
    readonly countedHouseholdIncomeFen: Fen;
    readonly policyId: string;
    readonly detail: string;
    readonly changedBy: Actor;
    readonly changedAt: string;
  };
}

export type EntitlementEvent =
  | EntitlementGranted
  | EntitlementAmountChanged
  | EntitlementRefused
  | DeathReported
  | EntitlementStopped
  | EntitlementSuspended
  | EntitlementResumed
  | GradualExitStarted
  | EntitlementPaymentRecorded
  | PaymentFlaggedForRecovery;
