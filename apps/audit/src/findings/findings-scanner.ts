/**
 * A findings scan over the whole history: every source's log is read once, events are grouped by
 * the case (application), lead and resident they join to, each case's history is assembled and
 * every detector runs — per case, then across cases (the same resident paid twice). Each finding
 * is recorded once (findings-recorder.ts), so scans can be repeated at will. The continuous watch
 * (findings-watch.ts) examines only the cases new events touch.
 *
 * A scan for one jurisdiction still reads and examines every case (a resident paid in this county
 * and in another is a finding of both), but records and reports only the findings that touch the
 * jurisdiction, and counts only its cases and their events: nothing of another county's work shows.
 */
import {
  assembleCaseHistory,
  type CaseHistory,
  detectFindings,
  joinKeysOf,
  leadIdsOf,
  leadKey,
  membersOf,
  record,
  regionOf,
  residentKey,
  type SourcedEvent,
} from '@sa/domain-audit';
import type { Detector } from './audit-system-actor';
import { deterministicUuid } from '@sa/platform';
import { scanStore, sourced, type SourceStores } from '../sources/source-stores';
import type { FindingsRecorder, RecordedFinding } from './findings-recorder';

export { findingIdOf, findingStream, findingStreamPrefix, type RecordedFinding } from './findings-recorder';

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
    private readonly recorder: FindingsRecorder,
    private readonly pageSize: number,
  ) {}

  /** `within` limits the scan to a jurisdiction: whether any of these regions lies in it. */
  async scan(by: Detector, now: Date, within?: (regions: readonly string[]) => boolean): Promise<ScanResult & { histories: CaseHistory[] }> {
    const began = performance.now();
    const scanId = deterministicUuid('audit-scan', now.toISOString(), typeof by === 'string' ? by : by.userId);
    const read = await allCaseHistories(this.sources, this.pageSize);
    const detected = detectFindings(read.histories);
    const histories = within ? read.histories.filter((h) => within(regionsOf(h))) : read.histories;
    const events = within ? histories.reduce((sum, h) => sum + h.events.length, 0) : read.events;
    const detectedAt = now.toISOString();
    const { findings, newFindings } = await this.recorder.recordAll(within ? detected.filter((f) => within(f.regions)) : detected, by, detectedAt, scanId);
    const byKind: Record<string, number> = {};
    for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    const ms = Math.round(performance.now() - began);
    return { scanId, scannedAt: detectedAt, events, cases: histories.length, findings, newFindings, byKind, ms, histories };
  }
}

function regionsOf(history: CaseHistory): string[] {
  const region = regionOf(history.events);
  return region ? [region] : [];
}
