/** Commands of the Entitlement aggregate: one stream per entitlement (who is owed what, from when). */
import type { Actor, Fen } from '@sa/domain-shared';
import type { BankAccount, CoveredMember, Programme, SinglePersonOf, SuspensionReason, TerminationReason } from '../values';

/** Grants the entitlement when a case is approved (审批通过后纳入保障). */
export interface GrantEntitlement {
  readonly type: 'GrantEntitlement';
  readonly entitlementId: string;
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: string;
  readonly householdSize: number;
  /** The persons covered, as the approved case lists them. */
  readonly members: readonly CoveredMember[];
  /** Dibao standard, or the extreme-poverty support standard, per person per month (policy value). */
  readonly standardFen: Fen;
  /** Household monthly counted income from the economic check: the dibao gap is members × standard − this. */
  readonly countedHouseholdIncomeFen: Fen;
  /** Per-capita monthly counted income (display only, never multiplied back; 0 for extreme-poverty support). */
  readonly perCapitaCountedIncomeFen: Fen;
  /** benefitStartMonth of the approval: the month after confirmation. */
  readonly startMonth: string;
  readonly policyId: string;
  readonly payee: BankAccount;
  readonly grantedBy: Actor;
  readonly grantedAt: string;
  /** 单人保: one member of the household case named, covered alone. */
  readonly singlePersonOf?: SinglePersonOf;
}

/** Records that an approved case cannot become an entitlement: a member already has a live one (一人一保). */
export interface RefuseEntitlement {
  readonly type: 'RefuseEntitlement';
  readonly entitlementId: string;
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: string;
  readonly memberId: string;
  readonly heldByApplicationId: string;
  readonly detail: string;
  readonly refusedBy: Actor;
  readonly refusedAt: string;
}

/** Death of the recipient, e.g. reported by public security: payments stop, overpayments are recovered. */
export interface ReportDeath {
  readonly type: 'ReportDeath';
  readonly entitlementId: string;
  /** The covered member who died, when known (a county death message names a resident, not an entitlement). */
  readonly memberId?: string;
  readonly dateOfDeath: string;
  readonly reportedBy: Actor;
  readonly reportedAt: string;
}

/** 暂停发放 from a month until resumed. */
export interface SuspendEntitlement {
  readonly type: 'SuspendEntitlement';
  readonly entitlementId: string;
  readonly fromMonth: string;
  readonly reason: SuspensionReason;
  readonly detail: string;
  readonly suspendedBy: Actor;
  readonly suspendedAt: string;
}

export interface ResumeEntitlement {
  readonly type: 'ResumeEntitlement';
  readonly entitlementId: string;
  /** First month paid again. */
  readonly fromMonth: string;
  readonly resumedBy: Actor;
  readonly resumedAt: string;
}

/** 停发/退出 for a reason other than death or gradual exit. */
export interface TerminateEntitlement {
  readonly type: 'TerminateEntitlement';
  readonly entitlementId: string;
  readonly reason: TerminationReason;
  readonly detail: string;
  /** First month no longer paid. */
  readonly effectiveMonth: string;
  readonly stoppedBy: Actor;
  readonly stoppedAt: string;
}

/** 渐退期: income has reached the standard; payments continue for policy.gradualExitMonths, then end. */
export interface StartGradualExit {
  readonly type: 'StartGradualExit';
  readonly entitlementId: string;
  /** The new check's counted household income: compared, exactly, with householdSize × standardFen. */
  readonly countedHouseholdIncomeFen: Fen;
  readonly householdSize: number;
  /** Per-capita counted income of the new check: recorded for display only, never compared (it is rounded). */
  readonly perCapitaCountedIncomeFen: Fen;
  readonly standardFen: Fen;
  /** policy.gradualExitMonths (e.g. 6). */
  readonly gradualExitMonths: number;
  /** First month of the gradual-exit period. */
  readonly fromMonth: string;
  readonly policyId: string;
  readonly decidedBy: Actor;
  readonly decidedAt: string;
}

/** A payroll issued a payment against this entitlement (fed back from PaymentInstructionIssued). */
export interface RecordPaymentIssued {
  readonly type: 'RecordPaymentIssued';
  readonly entitlementId: string;
  readonly payrollId: string;
  readonly instructionId: string;
  readonly month: string;
  readonly amountFen: Fen;
  readonly recordedAt: string;
}

/** 调整救助金额 after a review: the amount recomputed from the household's figures, from a month on. */
export interface ChangeEntitlementAmount {
  readonly type: 'ChangeEntitlementAmount';
  readonly entitlementId: string;
  /** First month paid at the new amount. */
  readonly fromMonth: string;
  readonly householdSize: number;
  /** Standard per person per month the review used (policy value). */
  readonly standardFen: Fen;
  readonly countedHouseholdIncomeFen: Fen;
  readonly policyId: string;
  readonly detail: string;
  readonly changedBy: Actor;
  readonly changedAt: string;
}

export type EntitlementCommand =
  | GrantEntitlement
  | RefuseEntitlement
  | ReportDeath
  | SuspendEntitlement
  | ResumeEntitlement
  | TerminateEntitlement
  | StartGradualExit
  | ChangeEntitlementAmount
  | RecordPaymentIssued;
