import type { ApplicationOutcome } from './commands';
import type { ApplicationLocation, Channel, Consents, Household, NearRelativeDeclaration, Programme } from './household';

export interface Application {
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: string;
  readonly applicationLocation: ApplicationLocation;
  readonly channel: Channel;
  readonly household: Household;
  readonly consents: Consents;
  readonly nearRelative: NearRelativeDeclaration;
  /** Once flagged, always flagged: withdrawing a filing later must not hide the relation. */
  readonly flaggedAsNearRelative: boolean;
  readonly leadId?: string;
  readonly submittedAt: string;
  readonly amendments: number;
}

export type ApplicationState =
  | { readonly status: 'not-submitted' }
  | { readonly status: 'submitted'; readonly application: Application }
  | { readonly status: 'withdrawn'; readonly application: Application; readonly reason: string }
  | { readonly status: 'closed'; readonly application: Application; readonly outcome: ApplicationOutcome };

export const initialApplicationState: ApplicationState = { status: 'not-submitted' };
