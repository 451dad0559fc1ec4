import type { Actor, Fen } from '@sa/domain-shared';
import type { PaymentStage, TemporaryCaseFacts } from './commands';

export interface TemporaryDecisionOpened {
  readonly type: 'TemporaryDecisionOpened';
  readonly data: TemporaryCaseFacts;
}

export interface UrgentAdvanceRecorded {
  readonly type: 'UrgentAdvanceRecorded';
  readonly data: { readonly caseId: string; readonly drawId: string; readonly amountFen: Fen; readonly paidAt: string };
}

/** The rule trace of an approval: what the policy allowed and what was checked, so it can be recomputed. */
export interface ApprovalTrace {
  readonly policyId: string;
  readonly dibaoStandardFen: Fen;
  readonly rangeMinFen: Fen;
  readonly rangeMaxFen: Fen;
  readonly yearlyCapFen: Fen;
  readonly householdApprovedThisYearFen: Fen;
  readonly townshipApprovalLimitFen: Fen;
}

export interface TemporaryCaseReferredToCounty {
  readonly type: 'TemporaryCaseReferredToCounty';
  readonly data: {
    readonly caseId: string;
    readonly recommendedTotalFen: Fen;
    readonly stages: readonly PaymentStage[];
    readonly reasons: string;
    readonly reviewedBy: Actor;
    readonly reviewedAt: string;
    readonly trace: ApprovalTrace;
  };
}

export interface TemporaryAssistanceApproved {
  readonly type: 'TemporaryAssistanceApproved';
  readonly data: {
    readonly caseId: string;
    readonly township: string;
    readonly householdKey: string;
    readonly tier: 'township' | 'county';
    readonly totalFen: Fen;
    /** Already paid from the township's reserve fund (先行救助); the stages pay the rest. */
    readonly urgentAdvanceFen: Fen;
    readonly stages: readonly PaymentStage[];
    readonly payee?: TemporaryCaseFacts['payee'];
    readonly reasons: string;
    /** For a charity referral: the worker's judgement, the person's consent and contact (the contact only with consent). */
    readonly stillInHardship: boolean;
    readonly charityReferralConsent: boolean;
    readonly contact?: TemporaryCaseFacts['contact'];
    readonly decidedBy: Actor;
    readonly decidedAt: string;
    readonly trace: ApprovalTrace;
  };
}

export interface TemporaryAssistanceRejected {
  readonly type: 'TemporaryAssistanceRejected';
  readonly data: {
    readonly caseId: string;
    readonly township: string;
    readonly reasons: string;
    readonly decidedBy: Actor;
    readonly decidedAt: string;
    readonly charityReferralConsent: boolean;
    readonly contact?: TemporaryCaseFacts['contact'];
  };
}

export type TemporaryDecisionEvent =
  TemporaryDecisionOpened | UrgentAdvanceRecorded | TemporaryCaseReferredToCounty | TemporaryAssistanceApproved | TemporaryAssistanceRejected;
