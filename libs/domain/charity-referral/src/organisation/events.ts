import type { Actor } from '@sa/domain-shared';
import type { Need } from '../referral/needs';

export interface OrganisationRegistered {
  readonly type: 'OrganisationRegistered';
  readonly data: {
    readonly organisationId: string;
    readonly name: string;
    /** Normalised region codes. */
    readonly serviceRegions: readonly string[];
    readonly provides: readonly Need[];
    readonly registeredBy: Actor;
    readonly registeredAt: string;
  };
}

export interface OrganisationDeregistered {
  readonly type: 'OrganisationDeregistered';
  readonly data: { readonly organisationId: string; readonly reason: string; readonly deregisteredBy: Actor; readonly deregisteredAt: string };
}

export type OrganisationEvent = OrganisationRegistered | OrganisationDeregistered;
