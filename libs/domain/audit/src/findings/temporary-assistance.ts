/**
 * Temporary assistance (临时救助) across cases, per household (the approval's householdKey: the
 * applicant's resident ID):
 * - repeated assistance beyond the yearly cap: a household's approvals in one calendar year (China
 *   time) add up to more than the cap the policy recorded on them (approval enforces the cap on the
 *   household's yearly ledger; this catches what got past it, e.g. approvals in two counties);
 * - amounts split to stay under the township's delegated limit (拆分审批): two or more township-tier
 *   approvals for one household within `splitWindowDays`, each under the limit, together above it.
 * Figures come from each approval's own rule trace, so a finding is recomputable from the events.
 */
import { chinaDate, fen, formatYuan, maskResidentId } from '@sa/domain-shared';
import type { CaseHistory } from '../case-history';
import { integer, record, text } from '../read';
import type { SourcedEvent } from '../sourced-event';
import { evidence, findingKey, type Finding } from './finding';

/** How close together split approvals must be to count as one need (a detection heuristic, not a policy rule). */
export const splitWindowDays = 31;

interface Approval {
  readonly caseId: string;
  readonly householdKey: string;
  readonly region: string;
  readonly day: string;
  readonly tier: string;
  readonly totalFen: number;
  readonly yearlyCapFen: number;
  readonly townshipLimitFen: number;
  readonly event: SourcedEvent;
}

function approvalsOf(history: CaseHistory): Approval[] {
  return history.events.flatMap((event) => {
    if (event.type !== 'TemporaryAssistanceApproved') return [];
    const d = record(event.data);
    const trace = record(d.trace);
    const householdKey = text(d.householdKey);
    const totalFen = integer(d.totalFen);
    const decidedAt = text(d.decidedAt);
    if (!householdKey || totalFen === undefined || !decidedAt) return [];
    return [
      {
        caseId: history.applicationId,
        householdKey,
        region: text(d.township) ?? '',
        day: chinaDate(decidedAt),
        tier: text(d.tier) ?? '',
        totalFen,
        yearlyCapFen: integer(trace.yearlyCapFen) ?? Number.MAX_SAFE_INTEGER,
        townshipLimitFen: integer(trace.townshipApprovalLimitFen) ?? Number.MAX_SAFE_INTEGER,
        event,
      },
    ];
  });
}

const yuan = (amount: number) => formatYuan(fen(amount));
const who = (key: string) => (key.startsWith('case:') ? key : maskResidentId(key));

function finding(
  kind: 'temporary-assistance-beyond-yearly-cap' | 'temporary-assistance-split-under-township-limit',
  group: Approval[],
  summary: string,
  details: Record<string, unknown>,
): Finding {
  const ids = [...new Set(group.map((a) => a.caseId))].sort();
  return {
    key: findingKey(kind, ids, group[0]?.householdKey ?? ''),
    kind,
    severity: 'medium',
    applicationIds: ids,
    regions: [...new Set(group.map((a) => a.region).filter((r) => r !== ''))],
    summary,
    evidence: group.map((a) => evidence(a.event, `${a.tier} approved ${yuan(a.totalFen)} on ${a.day} in case ${a.caseId}`)),
    details: { householdMasked: who(group[0]?.householdKey ?? ''), ...details },
  };
}

function beyondYearlyCap(byHousehold: Map<string, Approval[]>): Finding[] {
  const found: Finding[] = [];
  for (const approvals of byHousehold.values()) {
    const byYear = new Map<string, Approval[]>();
    for (const a of approvals) byYear.set(a.day.slice(0, 4), [...(byYear.get(a.day.slice(0, 4)) ?? []), a]);
    for (const [year, group] of byYear) {
      const total = group.reduce((sum, a) => sum + a.totalFen, 0);
      const cap = Math.min(...group.map((a) => a.yearlyCapFen));
      if (group.length < 2 || total <= cap) continue;
      const summary = `household ${who(group[0]?.householdKey ?? '')} was approved ${yuan(total)} of temporary assistance in ${year} over ${group.length} cases, above the yearly cap of ${yuan(cap)}`;
      found.push(finding('temporary-assistance-beyond-yearly-cap', group, summary, { year, totalFen: total, yearlyCapFen: cap }));
    }
  }
  return found;
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

function splitUnderLimit(byHousehold: Map<string, Approval[]>): Finding[] {
  const found: Finding[] = [];
  for (const approvals of byHousehold.values()) {
    const township = approvals.filter((a) => a.tier === 'township').sort((a, b) => a.day.localeCompare(b.day));
    for (let i = 0; i < township.length; i++) {
      const first = township[i] as Approval;
      const group = township.slice(i).filter((a) => daysBetween(first.day, a.day) <= splitWindowDays);
      const total = group.reduce((sum, a) => sum + a.totalFen, 0);
      if (group.length < 2 || total <= first.townshipLimitFen) continue;
      const summary = `household ${who(first.householdKey)} had ${group.length} township approvals within ${splitWindowDays} days from ${first.day}, each under the township limit of ${yuan(first.townshipLimitFen)}, together ${yuan(total)}`;
      found.push(
        finding('temporary-assistance-split-under-township-limit', group, summary, {
          from: first.day,
          totalFen: total,
          townshipLimitFen: first.townshipLimitFen,
        }),
      );
      break; // one finding per household: the earliest window says it
    }
  }
  return found;
}

/**
 * The keys a temporary case is found by for these detectors: its household, as approval named it.
 * The continuous watch links each examined case under them, so a new approval brings the
 * household's other temporary cases into the same pass (their number is the household's, a handful).
 */
export function temporaryHouseholdKeysOf(history: CaseHistory): string[] {
  return [...new Set(approvalsOf(history).map((a) => `temporary-household:${a.householdKey.toUpperCase()}`))];
}

export function detectTemporaryAssistancePatterns(histories: readonly CaseHistory[]): Finding[] {
  const byHousehold = new Map<string, Approval[]>();
  for (const a of histories.flatMap(approvalsOf)) byHousehold.set(a.householdKey, [...(byHousehold.get(a.householdKey) ?? []), a]);
  return [...beyondYearlyCap(byHousehold), ...splitUnderLimit(byHousehold)];
}
