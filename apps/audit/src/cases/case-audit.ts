/**
 * The auditor's questions about one case: its complete history, its state at a moment, its audit
 * file. Each loads the case from the stores, keeps the auditor to their region, and is recorded.
 */
import { NotFoundException } from '@nestjs/common';
import { caseStateAt, type CaseStateAt, type CaseSummary, detectInCase, summariseCase, timelineEntry } from '@sa/domain-audit';
import type { Actor } from '@sa/domain-shared';
import { assertCaseInJurisdiction, type AuditRecorder } from '../audit-log/audit-recorder';
import type { AuditLog } from '../audit-log/audit-log';
import type { CaseHistoryLoader, LoadedCase } from './case-history-loader';
import { sealExport } from './case-export';
import type { CaseExport, CaseHistoryView, CaseIntegrity } from './case-views';

export type Channel = 'api' | 'cli';

export function integrityOf(loaded: LoadedCase): CaseIntegrity {
  const breaks = loaded.streams.flatMap((s) => (s.firstBreak ? [s.firstBreak] : []));
  return { ok: loaded.integrityOk, streams: loaded.streams, breaks };
}

export class CaseAudit {
  constructor(
    private readonly loader: CaseHistoryLoader,
    private readonly recorder: AuditRecorder,
    private readonly log: AuditLog,
    private readonly now: () => Date,
  ) {}

  /** Loads the case for the actor: 404 when no store has it, 403 outside the actor's region. */
  private async load(applicationId: string, actor: Actor): Promise<{ loaded: LoadedCase; summary: CaseSummary }> {
    const loaded = await this.loader.load(applicationId);
    if (loaded.history.events.length === 0) throw new NotFoundException(`no service has recorded case ${applicationId}`);
    const summary = summariseCase(loaded.history);
    assertCaseInJurisdiction(actor, summary.region);
    return { loaded, summary };
  }

  private view(loaded: LoadedCase, summary: CaseSummary): CaseHistoryView {
    return {
      case: summary,
      timeline: loaded.history.events.map(timelineEntry),
      departmentData: loaded.history.departmentData.map(timelineEntry),
      integrity: integrityOf(loaded),
    };
  }

  history(applicationId: string, actor: Actor, channel: Channel): Promise<CaseHistoryView> {
    return this.recorder.run({ actor, channel, query: 'case-history', applicationId }, async () => {
      const { loaded, summary } = await this.load(applicationId, actor);
      const value = this.view(loaded, summary);
      return {
        value,
        ...(summary.region ? { region: summary.region } : {}),
        result: { events: value.timeline.length, departmentFacts: value.departmentData.length, integrityOk: value.integrity.ok },
      };
    });
  }

  stateAt(applicationId: string, asOf: string | undefined, actor: Actor, channel: Channel): Promise<CaseStateAt> {
    const at = asOf ?? this.now().toISOString();
    return this.recorder.run({ actor, channel, query: 'case-state', applicationId, parameters: { asOf: at } }, async () => {
      const { loaded, summary } = await this.load(applicationId, actor);
      const value = caseStateAt(loaded.history, at);
      return { value, ...(summary.region ? { region: summary.region } : {}), result: { status: value.status, eventsFolded: value.eventsFolded } };
    });
  }

  integrity(applicationId: string, actor: Actor, channel: Channel): Promise<CaseIntegrity & { applicationId: string; verifiedAt: string }> {
    return this.recorder.run({ actor, channel, query: 'case-integrity', applicationId }, async () => {
      const { loaded, summary } = await this.load(applicationId, actor);
      const value = { applicationId, verifiedAt: this.now().toISOString(), ...integrityOf(loaded) };
      return {
        value,
        ...(summary.region ? { region: summary.region } : {}),
        result: { ok: value.ok, streams: value.streams.length, breaks: value.breaks.length },
      };
    });
  }

  export(applicationId: string, actor: Actor, channel: Channel): Promise<CaseExport> {
    return this.recorder.run({ actor, channel, query: 'case-export', applicationId }, async () => {
      const { loaded, summary } = await this.load(applicationId, actor);
      const exportedAt = this.now().toISOString();
      const value = sealExport({
        format: 'sa-audit-case-export',
        version: 1,
        exportedAt,
        exportedBy: { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit },
        ...this.view(loaded, summary),
        stateAtExport: caseStateAt(loaded.history, exportedAt),
        findings: detectInCase(loaded.history),
        auditTrail: await this.log.ofCase(applicationId),
      });
      return {
        value,
        ...(summary.region ? { region: summary.region } : {}),
        result: { events: value.timeline.length, integrityOk: value.integrity.ok, digest: value.digest.value },
      };
    });
  }
}
