import type { Actor, Fen } from '@sa/domain-shared';
import type { AssistanceCategory, Severity, TemporaryAssistancePolicy } from '../policy/policy';

/** What happened: 急难型 accident, fire, disaster, sudden serious illness, unable to return home; 支出型 medical, education, other rigid spending. */
export const circumstancesByCategory = {
  emergency: ['accident', 'fire', 'natural-disaster', 'sudden-serious-illness', 'stranded'],
  expenditure: ['medical', 'education', 'other-rigid-expenditure'],
} as const satisfies Record<AssistanceCategory, readonly string[]>;
export type Circumstance = (typeof circumstancesByCategory)[AssistanceCategory][number];

/** By the person, by a worker on their behalf, or raised from an active-discovery lead (主动发现, 12345). */
export const temporaryChannels = ['in-person', 'worker', 'lead'] as const;
export type TemporaryChannel = (typeof temporaryChannels)[number];

/** Whoever needs help; a resident ID when they have one with them (a stranded person may not). No hukou condition. */
export interface Applicant {
  readonly name: string;
  readonly residentId?: string;
  /** Where their hukou is, when known; recorded, never a condition (取消户籍地、居住地申请限制). */
  readonly hukouRegion?: string;
  readonly phone?: string;
  /** Where staged payments go (a bank transfer); may be given later in a real office, required here before stages are approved. */
  readonly bankAccount?: BankAccount;
}

export interface BankAccount {
  readonly accountHolder: string;
  readonly accountNumber: string;
}

/** 在急难发生地申请临时救助: taken where the emergency happened, whoever the person is. */
export interface ApplyForTemporaryAssistance {
  readonly type: 'ApplyForTemporaryAssistance';
  readonly caseId: string;
  readonly category: AssistanceCategory;
  readonly circumstance: Circumstance;
  readonly severity: Severity;
  readonly description: string;
  /** The township or village where the emergency happened: it decides jurisdiction (急难发生地审核并发放). */
  readonly emergencyLocation: string;
  readonly emergencyDate: string;
  readonly applicant: Applicant;
  readonly householdSize: number;
  readonly amountAskedFen: Fen;
  readonly channel: TemporaryChannel;
  readonly leadId?: string;
  /** Whether the person consents to a charity referral (慈善转介) should hardship remain after the assistance. */
  readonly charityReferralConsent?: boolean;
  readonly appliedBy: Actor;
  readonly appliedAt: string;
}

/** The township's reserve fund paid a small amount at once (先行救助); documents and the check must follow. */
export interface RecordUrgentPayment {
  readonly type: 'RecordUrgentPayment';
  readonly caseId: string;
  readonly drawId: string;
  readonly amountFen: Fen;
  readonly paidAt: string;
  readonly paidBy: Actor;
  /** The policy in force on the day paid: its working-day deadline applies. */
  readonly policy: TemporaryAssistancePolicy;
}

/** 事后补充说明情况: the supporting documents (and the check where the policy wants one) arrived. */
export interface RecordDocumentsReceived {
  readonly type: 'RecordDocumentsReceived';
  readonly caseId: string;
  readonly documents: readonly string[];
  readonly receivedBy: Actor;
  readonly receivedAt: string;
}

/** Run by the deadline job: an urgent payment whose documents are past due is flagged for follow-up. */
export interface FlagDocumentsOverdue {
  readonly type: 'FlagDocumentsOverdue';
  readonly caseId: string;
  /** The China calendar day the job runs for. */
  readonly today: string;
  readonly flaggedBy: Actor;
  readonly flaggedAt: string;
}

/** 符合条件的纳入低保、特困: the check shows a lasting need; a dibao / 特困 application continues the case. */
export interface RecordConversion {
  readonly type: 'RecordConversion';
  readonly caseId: string;
  readonly applicationId: string;
  readonly programme: 'dibao' | 'extreme-poverty';
  readonly reason: string;
  readonly convertedBy: Actor;
  readonly convertedAt: string;
}

export type TemporaryCaseCommand = ApplyForTemporaryAssistance | RecordUrgentPayment | RecordDocumentsReceived | FlagDocumentsOverdue | RecordConversion;
