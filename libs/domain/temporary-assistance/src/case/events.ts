import type { Actor, Fen } from '@sa/domain-shared';
import type { AssistanceCategory, Severity } from '../policy/policy';
import type { Applicant, Circumstance, TemporaryChannel } from './commands';

export interface TemporaryAssistanceApplied {
  readonly type: 'TemporaryAssistanceApplied';
  readonly data: {
    readonly caseId: string;
    readonly category: AssistanceCategory;
    readonly circumstance: Circumstance;
    readonly severity: Severity;
    readonly description: string;
    /** Normalised region code of the place of emergency. */
    readonly emergencyLocation: string;
    /** The township that examines and pays (the emergency location's township). */
    readonly township: string;
    readonly emergencyDate: string;
    readonly applicant: Applicant;
    readonly householdSize: number;
    readonly amountAskedFen: Fen;
    readonly channel: TemporaryChannel;
    readonly leadId?: string;
    readonly charityReferralConsent?: boolean;
    readonly appliedBy: Actor;
    readonly appliedAt: string;
  };
}

export interface UrgentPaymentRecorded {
  readonly type: 'UrgentPaymentRecorded';
  readonly data: {
    readonly caseId: string;
    readonly township: string;
    readonly drawId: string;
    readonly amountFen: Fen;
    readonly paidAt: string;
    readonly paidBy: Actor;
    /** The last working day for documents and the check, and the rule that set it. */
    readonly documentsDueBy: string;
    readonly documentsDueWorkingDays: number;
    readonly policyId: string;
  };
}

export interface DocumentsReceived {
  readonly type: 'DocumentsReceived';
  readonly data: {
    readonly caseId: string;
    readonly documents: readonly string[];
    /** Whether they came after the deadline (a flagged case can still be completed). */
    readonly late: boolean;
    readonly receivedBy: Actor;
    readonly receivedAt: string;
  };
}

export interface DocumentsOverdueFlagged {
  readonly type: 'DocumentsOverdueFlagged';
  readonly data: {
    readonly caseId: string;
    readonly township: string;
    readonly documentsDueBy: string;
    readonly urgentAmountFen: Fen;
    readonly flaggedOn: string;
    readonly flaggedBy: Actor;
    readonly flaggedAt: string;
  };
}

export interface TemporaryCaseConverted {
  readonly type: 'TemporaryCaseConverted';
  readonly data: {
    readonly caseId: string;
    readonly applicationId: string;
    readonly programme: 'dibao' | 'extreme-poverty';
    readonly reason: string;
    readonly convertedBy: Actor;
    readonly convertedAt: string;
  };
}

export type TemporaryCaseEvent = TemporaryAssistanceApplied | UrgentPaymentRecorded | DocumentsReceived | DocumentsOverdueFlagged | TemporaryCaseConverted;
