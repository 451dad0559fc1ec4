/**
 * Events of the Case aggregate: `{ type, data }` with plain JSON data (the shape the platform's
 * command handler stores). They carry what the outbound approval contracts need, so a translator
 * maps each event alone, without reading the rest of the stream.
 */
import type { Actor, Fen, RegionCode, ReviewBasis } from '@sa/domain-shared';
import type {
  BankAccount,
  CaseMember,
  CheckOutcome,
  ConfirmationLevel,
  Consents,
  ObjectionOutcome,
  Programme,
  Reason,
  Recommendation,
  RejectionStage,
  SinglePersonOf,
} from './values';

export interface CaseOpened {
  readonly type: 'CaseOpened';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly members: readonly CaseMember[];
    readonly applicantMemberId: string;
    readonly applicantPhone?: string;
    readonly bankAccount: BankAccount;
    readonly consents: Consents;
    readonly involvesMinor: boolean;
    readonly nearRelative: boolean;
    readonly applicationTakenBy: Actor;
    /** Absent on cases opened before it was kept: their first review is then six-monthly (the safer cadence). */
    readonly reviewBasis?: ReviewBasis;
    readonly check: CheckOutcome;
    readonly openedAt: string;
    /** 单人保: the case covers this one member of a household case alone. */
    readonly singlePersonOf?: SinglePersonOf;
  };
}

/** The application arrived before its economic check: it waits here until the check comes. */
export interface ApplicationReceived {
  readonly type: 'ApplicationReceived';
  readonly data: Omit<CaseOpened['data'], 'check' | 'openedAt'> & { readonly receivedAt: string };
}

/** Before the case is open: the check waits for the application. After: a new check (re-investigation). */
export interface EconomicCheckRecorded {
  readonly type: 'EconomicCheckRecorded';
  readonly data: { readonly applicationId: string; readonly check: CheckOutcome; readonly recordedAt: string };
}

export interface TownshipReviewCompleted {
  readonly type: 'TownshipReviewCompleted';
  readonly data: {
    readonly applicationId: string;
    /** The check the review relied on. */
    readonly checkId: string;
    readonly recommendation: Recommendation;
    readonly reasons: readonly Reason[];
    readonly reviewedBy: Actor;
    readonly reviewedAt: string;
  };
}

export interface CountyHomeVisitRecorded {
  readonly type: 'CountyHomeVisitRecorded';
  readonly data: {
    readonly applicationId: string;
    readonly visitedOn: string;
    readonly findings: string;
    readonly visitedBy: Actor;
    readonly recordedAt: string;
  };
}

export interface PublicNoticePosted {
  readonly type: 'PublicNoticePosted';
  readonly data: {
    readonly applicationId: string;
    /** The household's village or community. */
    readonly region: RegionCode;
    readonly startsOn: string;
    /** Last day of the notice, inclusive. */
    readonly endsOn: string;
    readonly noticeDays: number;
    /** false for minors' cases: noticed without publishing personal details. */
    readonly published: boolean;
    readonly postedBy: Actor;
    readonly postedAt: string;
  };
}

export interface ObjectionLodged {
  readonly type: 'ObjectionLodged';
  readonly data: {
    readonly applicationId: string;
    readonly objectionId: string;
    readonly summary: string;
    readonly lodgedAt: string;
    readonly recordedBy: Actor;
  };
}

export interface ObjectionResolved {
  readonly type: 'ObjectionResolved';
  readonly data: {
    readonly applicationId: string;
    readonly objectionId: string;
    readonly outcome: ObjectionOutcome;
    readonly explanation: string;
    readonly resolvedBy: Actor;
    readonly resolvedAt: string;
  };
}

/**
 * A sustained objection voids the review and the notice: new check, review and notice needed.
 * Public (verification runs the new check), so it carries what the outbound contract needs.
 */
export interface CaseSentBackForReinvestigation {
  readonly type: 'CaseSentBackForReinvestigation';
  readonly data: {
    readonly applicationId: string;
    /** The household's village or community. */
    readonly region: RegionCode;
    readonly objectionId: string;
    /** The ruling on the objection (what its investigation found): why the case is checked again. */
    readonly reason: string;
    /** Who sustained the objection. */
    readonly sentBackBy: Actor;
    readonly sentBackAt: string;
  };
}

export interface CaseApproved {
  readonly type: 'CaseApproved';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly confirmedBy: Actor;
    readonly confirmationLevel: ConfirmationLevel;
    readonly confirmedAt: string;
    /** The month after confirmation, YYYY-MM. */
    readonly benefitStartMonth: string;
    readonly checkId: string;
    readonly policyId: string;
    readonly standardFen: Fen;
    readonly householdSize: number;
    readonly perCapitaMonthlyIncomeFen: Fen;
    readonly countedMonthlyIncomeFen: Fen;
    readonly members: readonly CaseMember[];
    readonly bankAccount: BankAccount;
    readonly stillInHardship: boolean;
    readonly consents: Consents;
    /** 单人保: the one member covered alone, the household case it comes from, and the gap the check computed for them. */
    readonly singlePersonOf?: SinglePersonOf & { readonly monthlyGapFen: Fen };
  };
}

export interface CaseRejected {
  readonly type: 'CaseRejected';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly stage: RejectionStage;
    readonly reasons: readonly Reason[];
    readonly rejectedBy: Actor;
    readonly rejectionLevel: ConfirmationLevel;
    readonly rejectedAt: string;
    /** 不予批准通知书: reasons, date and the right to 行政复议 / 行政诉讼. */
    readonly noticeText: string;
    readonly consents: { readonly charityReferral: boolean };
    readonly contact: {
      readonly applicantResidentId: string;
      readonly applicantName: string;
      readonly phone?: string;
      readonly householdSize: number;
    };
  };
}

/** Declared facts corrected by intake; the parts given replace the old ones. */
export interface ApplicationAmended {
  readonly type: 'ApplicationAmended';
  readonly data: {
    readonly applicationId: string;
    readonly changes: {
      readonly region?: RegionCode;
      readonly members?: readonly CaseMember[];
      readonly applicantMemberId?: string;
      readonly involvesMinor?: boolean;
      readonly bankAccount?: BankAccount;
      readonly consents?: Consents;
      readonly nearRelative?: boolean;
    };
    readonly reason: string;
    readonly amendedBy: Actor;
    readonly amendedAt: string;
  };
}

/** The household withdrew: the case ends without a decision, and nothing more happens on it. */
export interface CaseWithdrawn {
  readonly type: 'CaseWithdrawn';
  readonly data: { readonly applicationId: string; readonly reason: string; readonly withdrawnBy: Actor; readonly withdrawnAt: string };
}

export interface GreenChannelReliefGranted {
  readonly type: 'GreenChannelReliefGranted';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly amountFen: Fen;
    readonly reason: string;
    readonly grantedBy: Actor;
    readonly grantedAt: string;
  };
}

export type CaseEvent =
  | CaseOpened
  | ApplicationReceived
  | EconomicCheckRecorded
  | TownshipReviewCompleted
  | CountyHomeVisitRecorded
  | PublicNoticePosted
  | ObjectionLodged
  | ObjectionResolved
  | CaseSentBackForReinvestigation
  | CaseApproved
  | CaseRejected
  | ApplicationAmended
  | CaseWithdrawn
  | GreenChannelReliefGranted;

export type CaseEventType = CaseEvent['type'];
