/**
 * Referral events: plain JSON, `{ type, data }` as the platform's event store appends them. Each
 * carries what its integration event needs (ReferralOffered → referral-made, and so on).
 */
import type { Actor } from '@sa/domain-shared';
import type { Assistance, HouseholdContact, ReferralOutcome } from './commands';
import type { Need } from './needs';

export type ReferralBasis = 'case-rejected' | 'approved-still-in-hardship';

export interface ReferralOpened {
  readonly type: 'ReferralOpened';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly basis: ReferralBasis;
    /** Normalised region code of the household. */
    readonly region: string;
    readonly needs: readonly Need[];
    readonly contact: HouseholdContact;
    readonly consentRecordedAt: string;
    readonly openedBy: Actor;
    readonly openedAt: string;
  };
}

/**
 * Why this offer was made: a case worker's offer, the automatic first offer when the referral was
 * opened from a case decision, the automatic move on after a decline or lapse, or a newly
 * registered organisation matching a referral every earlier organisation had left.
 */
export type OfferTrigger = 'case-worker' | 'on-opening' | 'previous-declined' | 'previous-timed-out' | 'organisation-registered';

/**
 * An offer discloses the household's contact to one organisation, so the event records exactly
 * what went to whom (region, needs, contact) — the audit trail of that disclosure.
 */
export interface ReferralOffered {
  readonly type: 'ReferralOffered';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly organisationId: string;
    readonly coveredNeeds: readonly Need[];
    /** 1 for the first organisation asked, 2 for the second, … */
    readonly attempt: number;
    readonly trigger: OfferTrigger;
    readonly region: string;
    readonly needs: readonly Need[];
    readonly contact: HouseholdContact;
    readonly consentRecordedAt: string;
    /** UTC instant after which the offer lapses. */
    readonly deadline: string;
    /** Whose command caused the offer: the case worker, the opener, the declining organisation, the scheduler or the registry (see trigger). */
    readonly offeredBy: Actor;
    readonly offeredAt: string;
  };
}

export interface ReferralAccepted {
  readonly type: 'ReferralAccepted';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly organisationId: string;
    readonly acceptedBy: Actor;
    readonly acceptedAt: string;
  };
}

export interface ReferralDeclined {
  readonly type: 'ReferralDeclined';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly organisationId: string;
    readonly reason: string;
    readonly declinedBy: Actor;
    readonly declinedAt: string;
  };
}

export interface ReferralOfferTimedOut {
  readonly type: 'ReferralOfferTimedOut';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly organisationId: string;
    readonly deadline: string;
    readonly timedOutBy: Actor;
    readonly timedOutAt: string;
  };
}

/** No organisation left to ask; a case worker may offer again when new ones register, or close. */
export interface ReferralExhausted {
  readonly type: 'ReferralExhausted';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly triedOrganisationIds: readonly string[];
    readonly exhaustedAt: string;
  };
}

export interface AssistanceRecorded {
  readonly type: 'AssistanceRecorded';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly organisationId: string;
    readonly assistanceId: string;
    readonly assistance: Assistance;
    readonly providedOn: string;
    readonly recordedBy: Actor;
    readonly recordedAt: string;
  };
}

/** What a referral delivered, for the "百社助千户" style reporting (items, value, service visits). */
export interface AssistanceTotals {
  readonly moneyFen: number;
  readonly goodsValueFen: number;
  readonly goodsRecords: number;
  readonly serviceVisits: number;
}

export interface ReferralClosed {
  readonly type: 'ReferralClosed';
  readonly data: {
    readonly referralId: string;
    readonly applicationId: string;
    readonly outcome: ReferralOutcome;
    readonly summary: string;
    readonly totals: AssistanceTotals;
    readonly closedBy: Actor;
    readonly closedAt: string;
  };
}

export type ReferralEvent =
  ReferralOpened | ReferralOffered | ReferralAccepted | ReferralDeclined | ReferralOfferTimedOut | ReferralExhausted | AssistanceRecorded | ReferralClosed;
