/** What an auditor sees of a case at a moment: its status, check, decision, entitlement and payments (folded in case-state.ts). */
import type { EnvelopeActor } from './sourced-event';

export type CaseStatus =
  | 'unknown'
  | 'lead'
  | 'submitted'
  | 'economic-check-in-progress'
  | 'economic-check-completed'
  | 'awaiting-economic-check'
  | 'under-review'
  | 'reviewed'
  | 'in-public-notice'
  | 'reinvestigation'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'receiving-benefit'
  | 'benefit-suspended'
  | 'benefit-stopped';

export interface EconomicCheckState {
  readonly checkId?: string;
  readonly outcome?: string;
  readonly policyId?: string;
  readonly standardFen?: number;
  readonly householdSize?: number;
  readonly countedMonthlyIncomeFen?: number;
  readonly perCapitaMonthlyIncomeFen?: number;
  readonly assessedAt?: string;
}

export interface DecisionState {
  readonly outcome: 'approved' | 'rejected';
  readonly at?: string;
  readonly by?: EnvelopeActor;
  readonly level?: string;
  readonly benefitStartMonth?: string;
}

export interface EntitlementState {
  readonly entitlementId?: string;
  readonly status: 'active' | 'suspended' | 'stopped';
  readonly monthlyAmountFen?: number;
  readonly startMonth?: string;
  readonly stopMonth?: string;
  readonly stopReason?: string;
  readonly policyId?: string;
  readonly standardFen?: number;
}

export interface PaymentState {
  readonly instructionId: string;
  readonly month?: string;
  readonly amountFen: number;
  readonly status: 'issued' | 'paid' | 'failed';
  readonly issuedAt: string;
  readonly settledAt?: string;
  readonly flaggedForRecovery: boolean;
}

export interface CaseStateAt {
  readonly applicationId: string;
  readonly asOf: string;
  readonly exists: boolean;
  readonly status: CaseStatus;
  readonly programme?: string;
  readonly region?: string;
  readonly householdSize?: number;
  readonly countedMonthlyIncomeFen?: number;
  readonly perCapitaMonthlyIncomeFen?: number;
  readonly economicCheck?: EconomicCheckState;
  readonly nearRelative: boolean;
  readonly decision?: DecisionState;
  readonly entitlement?: EntitlementState;
  readonly payments: readonly PaymentState[];
  readonly issuedTotalFen: number;
  readonly paidTotalFen: number;
  readonly referral?: { readonly referralId?: string; readonly status: string };
  readonly eventsFolded: number;
  readonly lastEvent?: { readonly type: string; readonly recordedAt: string; readonly source: string };
}
