import type { Actor } from '@sa/domain-shared';
import type { Need } from '../referral/needs';

/** Civil affairs (民政) enters a charity or social organisation into the referral registry. */
export interface RegisterOrganisation {
  readonly type: 'RegisterOrganisation';
  /** 统一社会信用代码 or registry id; the organisation's users sign in with it as their user id. */
  readonly organisationId: string;
  readonly name: string;
  /** Regions it works in (region codes of 6, 9 or 12 digits); it serves every region within each. */
  readonly serviceRegions: readonly string[];
  /** The needs it can meet. */
  readonly provides: readonly Need[];
  readonly registeredBy: Actor;
  readonly registeredAt: string;
}

/** Takes an organisation out of matching; referrals it already holds stay with it. */
export interface DeregisterOrganisation {
  readonly type: 'DeregisterOrganisation';
  readonly organisationId: string;
  readonly reason: string;
  readonly deregisteredBy: Actor;
  readonly deregisteredAt: string;
}

export type OrganisationCommand = RegisterOrganisation | DeregisterOrganisation;
