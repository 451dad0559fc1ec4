/**
 * Records each finding once, as a FindingRaised event in the audit service's own store (stream
 * finding-<id>, the id derived from the finding's key): whoever finds it first — an auditor's scan
 * or the continuous watch — records it, and every later detection of the same fact is a no-op. The
 * relay publishes what is recorded, so each finding also reaches Kafka once.
 */
import type { Finding } from '@sa/domain-audit';
import type { Actor } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { deterministicUuid } from '@sa/platform';
import { type Detector, detectorOf } from './audit-system-actor';

export const findingStream = (findingId: string) => `finding-${findingId}`;
export const findingStreamPrefix = 'finding-';
export const findingIdOf = (finding: Finding) => deterministicUuid('audit-finding', finding.key);

export interface RecordedFinding extends Finding {
  readonly findingId: string;
  readonly detectedAt: string;
  readonly scanId: string;
}

export class FindingsRecorder {
  constructor(private readonly auditStore: EventStore) {}

  /**
   * The findings as recorded now, and how many were new. A finding the service cannot attribute to
   * an organisation unit (its cases share no region) is returned but not recorded, with `unattributed`
   * counting them: an auditor's scan records it under the auditor.
   */
  async recordAll(
    found: readonly Finding[],
    by: Detector,
    detectedAt: string,
    scanId: string,
  ): Promise<{ findings: RecordedFinding[]; newFindings: number; unattributed: number }> {
    const findings: RecordedFinding[] = [];
    let newFindings = 0;
    let unattributed = 0;
    for (const finding of found) {
      const recorded: RecordedFinding = { ...finding, findingId: findingIdOf(finding), detectedAt, scanId };
      const actor = detectorOf(by, finding);
      if (!actor) unattributed++;
      else if (await this.recordOnce(recorded, actor)) newFindings++;
      findings.push(recorded);
    }
    return { findings, newFindings, unattributed };
  }

  /** Appends FindingRaised unless this finding was recorded before. */
  private async recordOnce(finding: RecordedFinding, by: Actor): Promise<boolean> {
    const stream = findingStream(finding.findingId);
    if ((await this.auditStore.readStream(stream, { maxCount: 1 })).length > 0) return false;
    try {
      await this.auditStore.appendToStream(
        stream,
        [{ eventId: deterministicUuid('finding-raised', finding.findingId), type: 'FindingRaised', data: finding, actor: by, occurredAt: finding.detectedAt }],
        { expectedRevision: 'no_stream' },
      );
      return true;
    } catch (error) {
      // Recorded by another detection a moment ago.
      if (error instanceof Error && (error.name === 'WrongExpectedRevisionError' || error.name === 'EventIdConflictError')) return false;
      throw error;
    }
  }
}
