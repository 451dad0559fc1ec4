import type { RegionCode } from '@sa/domain-shared';
import type { HouseholdContact, ReferralOutcome } from './commands';
import type { AssistanceTotals, ReferralOpened } from './events';
import type { Need } from './needs';

export interface Referral {
  readonly referralId: string;
  readonly applicationId: string;
  readonly region: RegionCode;
  readonly needs: readonly Need[];
  readonly contact: HouseholdContact;
  readonly consentRecordedAt: string;
  /** Every organisation offered this referral, in order. */
  readonly triedOrganisationIds: readonly string[];
  readonly assistanceIds: readonly string[];
  readonly totals: AssistanceTotals;
}

export interface OpenOffer {
  readonly organisationId: string;
  readonly deadline: string;
}

export type ReferralState =
  | { readonly status: 'not-opened' }
  | { readonly status: 'awaiting-offer'; readonly referral: Referral }
  | { readonly status: 'offered'; readonly referral: Referral; readonly offer: OpenOffer }
  | { readonly status: 'accepted'; readonly referral: Referral; readonly organisationId: string }
  | { readonly status: 'exhausted'; readonly referral: Referral }
  | { readonly status: 'closed'; readonly referral: Referral; readonly outcome: ReferralOutcome };

export const initialReferralState: ReferralState = { status: 'not-opened' };

export const noAssistance: AssistanceTotals = { moneyFen: 0, goodsValueFen: 0, goodsRecords: 0, serviceVisits: 0 };

/** The referral as it stands right after it was opened: nobody asked yet, nothing given. */
export function openedReferral(data: ReferralOpened['data']): Referral {
  return {
    referralId: data.referralId,
    applicationId: data.applicationId,
    // Normalised when the referral was opened; parsing again would refuse short (city, province) codes.
    region: data.region as RegionCode,
    needs: data.needs,
    contact: data.contact,
    consentRecordedAt: data.consentRecordedAt,
    triedOrganisationIds: [],
    assistanceIds: [],
    totals: noAssistance,
  };
}
