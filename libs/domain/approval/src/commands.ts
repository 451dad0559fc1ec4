/**
 * Commands of the Case aggregate (审核确认). Everything a decision needs comes in on the command:
 * times, dates ("today"), ids and policy values (notice days, delegation), so the decider stays pure.
 */
import type { Actor, Fen, ReviewBasis } from '@sa/domain-shared';
import type { BankAccount, CaseMember, CheckOutcome, Consents, ObjectionOutcome, Programme, Reason, Recommendation, SinglePersonOf } from './values';

/** Opens the case when the economic check completes. */
export interface OpenCase {
  readonly type: 'OpenCase';
  readonly applicationId: string;
  readonly programme: Programme;
  /** The household's village or community (12 digits), where the public notice is posted. */
  readonly region: string;
  readonly members: readonly CaseMember[];
  readonly applicantMemberId: string;
  readonly applicantPhone?: string;
  readonly bankAccount: BankAccount;
  readonly consents: Consents;
  /** Whether the applicant or any member is a minor: the notice is then not published. */
  readonly involvesMinor: boolean;
  /** 近亲属备案: a member is a near relative of village cadres or civil-affairs staff. */
  readonly nearRelative: boolean;
  /** Who took the application (受理); may neither review nor confirm it. */
  readonly applicationTakenBy: Actor;
  /** What sets the periodic-review interval (定期核查): work ability and irregular income, from the application. */
  readonly reviewBasis?: ReviewBasis;
  readonly check: CheckOutcome;
  readonly openedAt: string;
  /** 单人保: this case covers one member of another (household) case alone. */
  readonly singlePersonOf?: SinglePersonOf;
}

/**
 * The application as intake took it (受理), arriving on its own topic. The case opens when both the
 * application and an economic check have arrived, in whichever order (see RecordEconomicCheck).
 */
export interface ReceiveApplication extends Omit<OpenCase, 'type' | 'check' | 'openedAt'> {
  readonly type: 'ReceiveApplication';
  readonly receivedAt: string;
}

/**
 * An economic check's outcome. Before the case is open it waits for the application (or, when the
 * application is already here, opens the case); on an open case it is a new check, e.g. the
 * re-investigation after a sustained objection.
 */
export interface RecordEconomicCheck {
  readonly type: 'RecordEconomicCheck';
  readonly applicationId: string;
  readonly check: CheckOutcome;
  readonly recordedAt: string;
}

/** 乡镇(街道)审核: the township's recommendation after the household visit. */
export interface CompleteTownshipReview {
  readonly type: 'CompleteTownshipReview';
  readonly applicationId: string;
  readonly recommendation: Recommendation;
  /** At least one when recommending rejection; empty means the check's ineligibility reasons. */
  readonly reasons: readonly Reason[];
  readonly reviewedBy: Actor;
  readonly reviewedAt: string;
}

/** 入户核查 by the county: required before a near-relative case is approved. */
export interface RecordCountyHomeVisit {
  readonly type: 'RecordCountyHomeVisit';
  readonly applicationId: string;
  readonly visitedOn: string;
  readonly findings: string;
  readonly visitedBy: Actor;
  readonly recordedAt: string;
}

/** 公示 in the household's village or community. */
export interface PostPublicNotice {
  readonly type: 'PostPublicNotice';
  readonly applicationId: string;
  /** First day of the notice, YYYY-MM-DD. */
  readonly startsOn: string;
  /** policy.publicNoticeDays; 7 when omitted. */
  readonly noticeDays?: number;
  readonly postedBy: Actor;
  readonly postedAt: string;
}

/** 公示异议: recorded by staff; the objector's identity stays out of the event. */
export interface LodgeObjection {
  readonly type: 'LodgeObjection';
  readonly applicationId: string;
  readonly objectionId: string;
  readonly summary: string;
  readonly lodgedAt: string;
  readonly recordedBy: Actor;
}

export interface ResolveObjection {
  readonly type: 'ResolveObjection';
  readonly applicationId: string;
  readonly objectionId: string;
  readonly outcome: ObjectionOutcome;
  readonly explanation: string;
  readonly resolvedBy: Actor;
  readonly resolvedAt: string;
}

/** 确认: the county (or a delegated township) approves. */
export interface ApproveCase {
  readonly type: 'ApproveCase';
  readonly applicationId: string;
  /** The calendar day in China (YYYY-MM-DD) of confirmedAt. */
  readonly today: string;
  readonly confirmedBy: Actor;
  readonly confirmedAt: string;
  /** policy.confirmationDelegatedToTownship (审批权限下放) for the case's region on that day. */
  readonly confirmationDelegatedToTownship: boolean;
  /** Case worker's judgement for charity referral after the benefit. */
  readonly stillInHardship: boolean;
}

/** 不予批准: after a review recommending rejection, or at confirmation; produces the written notice. */
export interface RejectCase {
  readonly type: 'RejectCase';
  readonly applicationId: string;
  /**
   * The grounds stated in the written notice. Omitted or empty: the township's reasons when it
   * recommended rejection, otherwise the economic check's ineligibility reasons.
   */
  readonly reasons?: readonly Reason[];
  /** The calendar day in China (YYYY-MM-DD) of rejectedAt; dates the written notice. */
  readonly today: string;
  readonly rejectedBy: Actor;
  readonly rejectedAt: string;
  readonly confirmationDelegatedToTownship: boolean;
  /** Name printed under the written notice, e.g. "某某县民政局"; a generic name by level when omitted. */
  readonly authorityName?: string;
}

/**
 * Intake corrected declared facts before a decision (the household's members, account, consents,
 * near-relative filing or region). Each part given replaces the old one in full.
 */
export interface AmendApplication {
  readonly type: 'AmendApplication';
  readonly applicationId: string;
  readonly changes: ApplicationChanges;
  readonly reason: string;
  readonly amendedBy: Actor;
  readonly amendedAt: string;
}

export interface ApplicationChanges {
  readonly region?: string;
  /** With members, the applicant among them and whether the notice may be published. */
  readonly household?: { readonly members: readonly CaseMember[]; readonly applicantMemberId: string; readonly involvesMinor: boolean };
  readonly bankAccount?: BankAccount;
  readonly consents?: Consents;
  readonly nearRelative?: boolean;
}

/** The household withdrew its application (撤回申请): the case ends without a decision. */
export interface WithdrawCase {
  readonly type: 'WithdrawCase';
  readonly applicationId: string;
  readonly reason: string;
  readonly withdrawnBy: Actor;
  readonly withdrawnAt: string;
}

/** 先行救助 (green channel): help first, documents later; the full procedure still follows. */
export interface GrantGreenChannelRelief {
  readonly type: 'GrantGreenChannelRelief';
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: string;
  readonly amountFen: Fen;
  readonly reason: string;
  readonly grantedBy: Actor;
  readonly grantedAt: string;
}

export type CaseCommand =
  | OpenCase
  | ReceiveApplication
  | RecordEconomicCheck
  | CompleteTownshipReview
  | RecordCountyHomeVisit
  | PostPublicNotice
  | LodgeObjection
  | ResolveObjection
  | ApproveCase
  | RejectCase
  | AmendApplication
  | WithdrawCase
  | GrantGreenChannelRelief;
