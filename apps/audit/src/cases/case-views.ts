/** What the auditor gets back about one case: its history view, the integrity of its streams, its sealed audit file. */
import type { CaseStateAt, CaseSummary, Finding, TimelineEntry } from '@sa/domain-audit';
import type { Actor } from '@sa/domain-shared';
import type { AuditLogEntry } from '../audit-log/audit-log';
import type { StreamCheck } from './case-history-loader';

export interface CaseIntegrity {
  readonly ok: boolean;
  readonly streams: readonly StreamCheck[];
  /** The first broken link of each broken stream, with source, stream and revision. */
  readonly breaks: readonly NonNullable<StreamCheck['firstBreak']>[];
}

export interface CaseHistoryView {
  readonly case: CaseSummary;
  readonly timeline: readonly TimelineEntry[];
  /** County facts about the members (resident register), apart from the case's own events. */
  readonly departmentData: readonly TimelineEntry[];
  readonly integrity: CaseIntegrity;
}

export interface CaseExport extends CaseHistoryView {
  readonly format: 'sa-audit-case-export';
  readonly version: 1;
  readonly exportedAt: string;
  readonly exportedBy: Actor;
  readonly stateAtExport: CaseStateAt;
  /** What the per-case detectors find in this history now (cross-case duplicates need a scan). */
  readonly findings: readonly Finding[];
  /** Earlier audit queries about this case. */
  readonly auditTrail: readonly AuditLogEntry[];
  readonly digest: { readonly algorithm: 'sha256'; readonly over: 'canonical JSON of every other member'; readonly value: string };
}
