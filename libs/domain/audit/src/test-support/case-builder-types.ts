/** The case builder's people, options and the shapes its steps share (case-builder.ts writes the case). */
import type { Actor } from '@sa/domain-shared';

export const people = {
  intakeWorker: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002001' },
  investigator: { userId: 'li.qiang', role: 'investigator', orgUnit: '331002001' },
  reviewer: { userId: 'zhao.min', role: 'township-reviewer', orgUnit: '331002001' },
  townshipOfficial: { userId: 'zhou.hua', role: 'township-reviewer', orgUnit: '331002001' },
  countyApprover: { userId: 'chen.jie', role: 'county-approver', orgUnit: '331002' },
  paymentsOfficer: { userId: 'sun.li', role: 'payments-officer', orgUnit: '331002' },
  countyDataFeed: { userId: 'county-data-gateway', role: 'county-system', orgUnit: '331002' },
  verificationSystem: { userId: 'verification-service', role: 'county-system', orgUnit: '331002' },
  approvalSystem: { userId: 'approval-service', role: 'county-system', orgUnit: '331002' },
  paymentsSystem: { userId: 'payments-service', role: 'county-system', orgUnit: '331002' },
} as const satisfies Record<string, Actor>;

export type SourceName = 'intake' | 'verification' | 'approval' | 'payments' | 'charity-referral';

/** Where the builder puts each event, as the source's store would record it; returns the event id. */
export interface EventSink {
  add(source: SourceName, stream: string, type: string, data: Record<string, unknown>, actor: Actor, recordedAt: string): string;
}

export interface CaseOptions {
  readonly applicationId?: string;
  readonly region?: string;
  readonly members?: readonly string[];
  readonly nearRelative?: boolean;
  /** Who confirms (default: the county approver). */
  readonly confirmedBy?: Actor;
  readonly confirmationLevel?: 'county' | 'township';
  /** Who reviews (default: the township reviewer). */
  readonly reviewedBy?: Actor;
  /** Confirmation day in China time (default 2025-03-21, two days after the notice ended on 03-19). */
  readonly confirmedOn?: string;
  /** A death report for the applicant on this date (before payroll). */
  readonly applicantDiedOn?: string;
  /** A vehicle registered to a member and recorded before the check, which the check does not list. */
  readonly vehicleIgnoredByCheck?: boolean;
  /** County message ids the check lists as seen, besides the wage record it always saw. */
  readonly alsoSeen?: readonly string[];
  /** Payroll months to pay (default ['2025-04']). */
  readonly payrollMonths?: readonly string[];
}

export interface PlantedCase {
  readonly applicationId: string;
  readonly members: readonly string[];
  /** Event ids by step name. */
  readonly ids: Record<string, string>;
  readonly streams: Record<string, string>;
}

/** What the steps of one case share while it is written. */
export interface CaseInProgress {
  readonly sink: EventSink;
  readonly newId: () => string;
  readonly options: CaseOptions;
  readonly applicationId: string;
  readonly region: string;
  readonly members: readonly string[];
  readonly ids: Record<string, string>;
  readonly streams: Record<string, string>;
  readonly bankAccount: { readonly bankName: string; readonly accountHolder: string; readonly accountNumber: string };
}
