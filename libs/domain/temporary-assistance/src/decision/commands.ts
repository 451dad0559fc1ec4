import type { Actor, Fen } from '@sa/domain-shared';
import type { AssistanceCategory, Severity, TemporaryAssistancePolicy } from '../policy/policy';

/** What approval needs to know of a case intake took. */
export interface TemporaryCaseFacts {
  readonly caseId: string;
  readonly category: AssistanceCategory;
  readonly severity: Severity;
  readonly emergencyLocation: string;
  readonly township: string;
  /** Who the yearly cap counts against: the applicant's resident ID, else the case itself. */
  readonly householdKey: string;
  readonly amountAskedFen: Fen;
  /** Consent to a charity referral, and how a charity would reach the person (only with consent). */
  readonly charityReferralConsent?: boolean;
  readonly contact?: { readonly name: string; readonly phone?: string };
  /** Where staged payments go, when the applicant gave an account. */
  readonly payee?: { readonly accountHolder: string; readonly accountNumber: string };
  readonly appliedBy: Actor;
  readonly appliedAt: string;
}

export interface OpenTemporaryDecision {
  readonly type: 'OpenTemporaryDecision';
  readonly facts: TemporaryCaseFacts;
}

export interface RecordUrgentAdvance {
  readonly type: 'RecordUrgentAdvance';
  readonly caseId: string;
  readonly drawId: string;
  readonly amountFen: Fen;
  readonly paidAt: string;
}

/** One stage of "一次审批、分阶段救助": an amount paid on a date. */
export interface PaymentStage {
  readonly dueDate: string;
  readonly amountFen: Fen;
}

/**
 * Approve a total (the urgent advance included) paid in stages, with the reasons. A township
 * decides up to its delegated limit; above it the township's approval becomes its review and the
 * case goes to the county (县、乡"分级审批"), whose approver decides.
 */
export interface ApproveTemporaryAssistance {
  readonly type: 'ApproveTemporaryAssistance';
  readonly caseId: string;
  readonly totalFen: Fen;
  readonly stages: readonly PaymentStage[];
  readonly reasons: string;
  /** The worker's judgement that hardship remains after this assistance (a charity referral may follow, with consent). */
  readonly stillInHardship?: boolean;
  readonly decidedBy: Actor;
  readonly decidedAt: string;
  readonly policy: TemporaryAssistancePolicy;
  /** Temporary assistance already approved for this household this calendar year, apart from this case (from its yearly-cap ledger). */
  readonly householdApprovedThisYearFen: Fen;
}

export interface RejectTemporaryAssistance {
  readonly type: 'RejectTemporaryAssistance';
  readonly caseId: string;
  readonly reasons: string;
  readonly decidedBy: Actor;
  readonly decidedAt: string;
}

export type TemporaryDecisionCommand = OpenTemporaryDecision | RecordUrgentAdvance | ApproveTemporaryAssistance | RejectTemporaryAssistance;
