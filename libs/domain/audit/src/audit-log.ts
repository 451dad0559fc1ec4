/**
 * Auditors are audited: every query an auditor makes — which case, what was asked, when, through
 * which channel, and what came back — is itself an event in the audit service's own store. A
 * refused look (outside the auditor's jurisdiction) is recorded too, and so is one that failed.
 */
import { chinaDate, type Actor } from '@sa/domain-shared';

export const auditQueries = {
  'case-history': 'CaseHistoryReplayed',
  'case-export': 'CaseHistoryExported',
  'case-state': 'CaseStateReconstructed',
  'case-integrity': 'CaseIntegrityVerified',
  'all-integrity': 'EventStoresVerified',
  'integrity-run': 'IntegrityRunViewed',
  'integrity-runs': 'IntegrityRunsListed',
  'findings-list': 'FindingsListed',
  'findings-scan': 'FindingsScanned',
  'audit-log': 'AuditLogViewed',
} as const;

export type AuditQuery = keyof typeof auditQueries;
export type AuditQueryEventType = (typeof auditQueries)[AuditQuery];

/** `failed`: the query was asked but could not be answered (a store unreachable, a verification that broke off). */
export type AuditOutcome = 'answered' | 'refused' | 'not-found' | 'failed';

export interface AuditQueryRecord {
  readonly queryId: string;
  readonly query: AuditQuery;
  readonly auditedBy: Actor;
  readonly queriedAt: string;
  readonly channel: 'api' | 'cli';
  readonly outcome: AuditOutcome;
  readonly applicationId?: string;
  /** The case's region, when known: whose jurisdiction the look fell in. */
  readonly region?: string;
  /** What was asked (asOf, filters …). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** What came back, in figures (events shown, breaks found …), never the personal data itself. */
  readonly result: Readonly<Record<string, unknown>>;
}

export interface AuditQueryEvent {
  readonly type: AuditQueryEventType;
  readonly data: AuditQueryRecord;
}

export function auditQueryEvent(record: AuditQueryRecord): AuditQueryEvent {
  return { type: auditQueries[record.query], data: record };
}

export const auditLogStreamPrefix = 'audit-';

/** Looks at a case go to the case's audit stream; looks at everything to one stream per China day. */
export function auditLogStream(record: Pick<AuditQueryRecord, 'applicationId' | 'queriedAt'>): string {
  return record.applicationId ? `${auditLogStreamPrefix}case-${record.applicationId}` : `${auditLogStreamPrefix}queries-${chinaDate(record.queriedAt)}`;
}

export const auditQueryEventTypes: readonly string[] = Object.values(auditQueries);
