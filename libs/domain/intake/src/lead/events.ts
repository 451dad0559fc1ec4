import type { Actor } from '@sa/domain-shared';
import type { LeadSource, LeadSubject } from './commands';

export interface LeadRaised {
  readonly type: 'LeadRaised';
  readonly data: {
    readonly leadId: string;
    readonly source: LeadSource;
    /** Normalised region code. */
    readonly region: string;
    /** Resident ID upper-case when given. */
    readonly subject: LeadSubject;
    readonly concern: string;
    readonly raisedBy: Actor;
    readonly raisedAt: string;
  };
}

export interface LeadConvertedToApplication {
  readonly type: 'LeadConvertedToApplication';
  readonly data: { readonly leadId: string; readonly applicationId: string; readonly convertedBy: Actor; readonly convertedAt: string };
}

export interface LeadDismissed {
  readonly type: 'LeadDismissed';
  readonly data: { readonly leadId: string; readonly reason: string; readonly dismissedBy: Actor; readonly dismissedAt: string };
}

export type LeadEvent = LeadRaised | LeadConvertedToApplication | LeadDismissed;
