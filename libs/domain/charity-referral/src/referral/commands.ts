import type { Actor } from '@sa/domain-shared';
import type { Need, VolunteerServiceKind } from './needs';
import type { CharityOrganisation } from './organisation';

/** Only what an organisation needs to reach the household: the contact person, not the member list. */
export interface HouseholdContact {
  readonly name: string;
  readonly phone?: string;
  readonly address?: string;
}

/** How the government case ended: referral follows a rejection, or an approval that left the household in hardship. */
export type CaseOutcome = { readonly outcome: 'rejected' } | { readonly outcome: 'approved'; readonly stillInHardship: boolean };

export interface ReferralConsent {
  /** The household's charity-referral consent as recorded on its application. */
  readonly charityReferral: boolean;
  readonly recordedAt: string;
}

export interface OpenReferral {
  readonly type: 'OpenReferral';
  readonly referralId: string;
  readonly applicationId: string;
  readonly caseOutcome: CaseOutcome;
  readonly consent: ReferralConsent;
  readonly region: string;
  readonly needs: readonly Need[];
  readonly contact: HouseholdContact;
  readonly openedBy: Actor;
  readonly openedAt: string;
  /**
   * When given, the same decision also offers the referral to the best match (or records that none
   * matches), so a referral opened from a case decision is never left waiting for a second step.
   */
  readonly autoOffer?: OfferTerms;
}

/** What the decider needs to pick the next organisation: the registry and the configured response window. */
export interface OfferTerms {
  readonly organisations: readonly CharityOrganisation[];
  readonly responseWindowHours: number;
}

/** Offer to the best match, or to a chosen organisation that matches. */
export interface OfferReferral extends OfferTerms {
  readonly type: 'OfferReferral';
  readonly referralId: string;
  readonly organisationId?: string;
  /** Who asks: a case worker (the default), or the service when a newly registered organisation matches. */
  readonly trigger?: 'case-worker' | 'organisation-registered';
  readonly offeredBy: Actor;
  readonly offeredAt: string;
}

export interface AcceptReferral {
  readonly type: 'AcceptReferral';
  readonly referralId: string;
  /** The organisation answering, from the caller's token. */
  readonly organisationId: string;
  readonly acceptedBy: Actor;
  readonly acceptedAt: string;
}

/** Declining moves the referral on, so it carries the terms of the next offer. */
export interface DeclineReferral extends OfferTerms {
  readonly type: 'DeclineReferral';
  readonly referralId: string;
  readonly organisationId: string;
  readonly reason: string;
  readonly declinedBy: Actor;
  readonly declinedAt: string;
}

/** Sent by the scheduler; `now` is its clock reading, so the decider has none. */
export interface TimeOutOffer extends OfferTerms {
  readonly type: 'TimeOutOffer';
  readonly referralId: string;
  readonly now: string;
  readonly timedOutBy: Actor;
}

export type Assistance =
  /** 资金: amount in integer fen. */
  | { readonly kind: 'money'; readonly amountFen: number; readonly description: string }
  /** 物资: what was given and its value in integer fen. */
  | { readonly kind: 'goods'; readonly valueFen: number; readonly description: string }
  /** 志愿服务: one visit of one kind. */
  | { readonly kind: 'volunteer-service'; readonly service: VolunteerServiceKind; readonly description: string };

export interface RecordAssistance {
  readonly type: 'RecordAssistance';
  readonly referralId: string;
  readonly organisationId: string;
  readonly assistanceId: string;
  readonly assistance: Assistance;
  /** Day it was provided, YYYY-MM-DD (China time). */
  readonly providedOn: string;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
}

/** Outcome names follow the integration contract; `declined` means every matching organisation declined or let the offer lapse. */
export const referralOutcomes = ['needs-met', 'consent-withdrawn', 'no-longer-needed', 'declined'] as const;
export type ReferralOutcome = (typeof referralOutcomes)[number];

export interface CloseReferral {
  readonly type: 'CloseReferral';
  readonly referralId: string;
  readonly outcome: ReferralOutcome;
  readonly summary: string;
  /** Required when an organisation closes: it must be the one the referral is with. */
  readonly organisationId?: string;
  readonly closedBy: Actor;
  readonly closedAt: string;
}

export type ReferralCommand = OpenReferral | OfferReferral | AcceptReferral | DeclineReferral | TimeOutOffer | RecordAssistance | CloseReferral;
