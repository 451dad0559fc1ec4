import type { Channel } from '../application/household';
import type { LeadSource, LeadSubject } from './commands';

export interface Lead {
  readonly leadId: string;
  readonly source: LeadSource;
  readonly region: string;
  readonly subject: LeadSubject;
  readonly raisedAt: string;
}

export type LeadState =
  | { readonly status: 'not-raised' }
  | { readonly status: 'open'; readonly lead: Lead }
  | { readonly status: 'converted'; readonly lead: Lead; readonly applicationId: string }
  | { readonly status: 'dismissed'; readonly lead: Lead; readonly reason: string };

export const initialLeadState: LeadState = { status: 'not-raised' };

const channelBySource: Record<LeadSource, Channel> = {
  'grid-worker': 'village-report',
  'hotline-12345': 'hotline-12345',
  'data-alert': 'data-alert',
};

/** The channel an application converted from this lead records, so statistics show how the case was found. */
export function applicationChannelFor(source: LeadSource): Channel {
  return channelBySource[source];
}
