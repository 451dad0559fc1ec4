/**
 * A findings scan over the whole history: every source's log is read once, events are grouped by
 * the case (application), lead and resident they join to, each case's history is assembled and
 * every detector runs — per case, then across cases (the same resident paid twice). Each finding
 * is recorded once, as a FindingRaised event in the audit service's own store (stream
 * finding-<id>, id derived from the finding's key), so scans can be repeated at will.
 */
import {
  assembleCaseHistory,
  type CaseHistory,
  detectFindings,
  type Finding,
  joinKeysOf,
  leadIdsOf,
  leadKey,
  membersOf,
  record,
  residentKey,
  type SourcedEvent,
} from '@sa/domain-audit';
import type { Actor } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { deterministicUuid } from '@sa/platform';
import { scanStore, sourced, type SourceStores } from '../sources/source-stores';

export const findingStream = (findingId: string) => `finding-${findingId}`;
export const findingStreamPrefix = 'finding-';

export interface RecordedFinding extends Finding {
  readonly findingId: string;
  readonly detectedAt: string;
  readonly scanId: string;
}

export interface ScanResult {
  readonly scanId: string;
  readonly scannedAt: string;
  readonly events: number;
  readonly cases: number;
  readonly findings: readonly RecordedFinding[];
  /** Findings recorded for the first time by this scan. */
  readonly newFindings: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly ms: number;
}

export const findingIdOf = (finding: Finding) => deterministicUuid('audit-finding', finding.key);

/** Reads every source once and assembles every case's history (with its leads' and members' events). */
export async function allCaseHistories(sources: SourceStores, pageSize: number): Promise<{ histories: CaseHistory[]; events: number }> {
  const byKey = new Map<string, SourcedEvent[]>();
  let events = 0;
  for (const source of sources.all) {
    events += await scanStore(source.store, pageSize, (page) => {
      for (const event of page) {
        const keys = joinKeysOf(event.data);
        if (keys.length === 0) continue;
        const e = sourced(source.name, event);
        for (const key of keys) {
          const list = byKey.get(key);
          if (list) list.push(e);
          else byKey.set(key, [e]);
        }
      }
    });
  }
  const histories: CaseHistory[] = [];
  for (const [key, own] of byKey) {
    if (!key.startsWith('application:')) continue;
    const applicationId = key.slice('application:'.length);
    const direct = own.filter((e) => record(e.data).applicationId === applicationId);
    const related = [...[...leadIdsOf(direct)].map(leadKey), ...[...membersOf(direct).keys()].map(residentKey)].flatMap((k) => byKey.get(k) ?? []);
    histories.push(assembleCaseHistory(applicationId, [...own, ...related], sources.order));
  }
  return { histories, events };
}

export class FindingsScanner {
  constructor(
    private readonly sources: SourceStores,
    private readonly auditStore: EventStore,
    private readonly pageSize: number,
  ) {}

  async scan(by: Actor, now: Date): Promise<ScanResult> {
    const began = performance.now();
    const scanId = deterministicUuid('audit-scan', now.toISOString(), by.userId);
    const { histories, events } = await allCaseHistories(this.sources, this.pageSize);
    const found = detectFindings(histories);
    const detectedAt = now.toISOString();
    let newFindings = 0;
    const findings: RecordedFinding[] = [];
    for (const finding of found) {
      const findingId = findingIdOf(finding);
      const recorded: RecordedFinding = { ...finding, findingId, detectedAt, scanId };
      if (await this.recordOnce(recorded, by)) newFindings++;
      findings.push(recorded);
    }
    const byKind: Record<string, number> = {};
    for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    return { scanId, scannedAt: detectedAt, events, cases: histories.length, findings, newFindings, byKind, ms: Math.round(performance.now() - began) };
  }

  /** Appends FindingRaised unless this finding was recorded by an earlier scan. */
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
      // Another scan recorded it a moment ago.
      if (error instanceof Error && (error.name === 'WrongExpectedRevisionError' || error.name === 'EventIdConflictError')) return false;
      throw error;
    }
  }
}
