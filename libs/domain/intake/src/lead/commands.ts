import type { Actor } from '@sa/domain-shared';

/** Who raised the lead: a village grid worker (网格员), the 12345 hotline, or a department data alert (数据预警). */
export const leadSources = ['grid-worker', 'hotline-12345', 'data-alert'] as const;
export type LeadSource = (typeof leadSources)[number];

/** The person or household the lead is about; at least a resident ID or a name is needed to find them. */
export interface LeadSubject {
  readonly residentId?: string;
  readonly name?: string;
  readonly address?: string;
  readonly phone?: string;
}

/** 主动发现: someone may need help but has not applied. */
export interface RaiseLead {
  readonly type: 'RaiseLead';
  readonly leadId: string;
  readonly source: LeadSource;
  readonly region: string;
  readonly subject: LeadSubject;
  /** What was seen or reported, e.g. "new grade-1 disability registration" or a caller's account. */
  readonly concern: string;
  readonly raisedBy: Actor;
  readonly raisedAt: string;
}

/** The household applied (or was helped to apply); the lead now lives on as that application. */
export interface ConvertLeadToApplication {
  readonly type: 'ConvertLeadToApplication';
  readonly leadId: string;
  readonly applicationId: string;
  readonly convertedBy: Actor;
  readonly convertedAt: string;
}

export interface DismissLead {
  readonly type: 'DismissLead';
  readonly leadId: string;
  readonly reason: string;
  readonly dismissedBy: Actor;
  readonly dismissedAt: string;
}

export type LeadCommand = RaiseLead | ConvertLeadToApplication | DismissLead;
