/**
 * What must hold after the faults, judged only from the stores and topics (pure: evidence in,
 * verdicts out). Each verdict names the applications it failed for, so the report is a lead to
 * follow, not just a red light. Resident IDs are masked wherever they are shown.
 */
import { maskResidentId } from '@sa/domain-shared';
import type { RecordedEvent } from '@sa/event-store';
import { mapDomainEvent, type DeadLetterEntry } from '@sa/messaging';
import type { Evidence } from './evidence';
import { publications } from './evidence';

export interface Verdict {
  readonly invariant: string;
  readonly ok: boolean;
  /** One line per offending application, resident, event or message. */
  readonly failures: readonly string[];
  readonly note?: string;
}

export interface RunFacts {
  /** Applications driven to payroll. */
  readonly journey: readonly string[];
  /** Probe applications: each must become exactly one check and one case (no review follows). */
  readonly probes: readonly string[];
  /** The month the run's payrolls were for. */
  readonly payrollMonth: string | undefined;
  /** Services that exited without the harness killing them. */
  readonly selfExits: readonly string[];
}

type Data = { applicationId?: string; month?: string; entitlementId?: string; members?: readonly { residentId: string }[] };

function perApplication(events: readonly RecordedEvent[], type: string, keep: (d: Data) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events.flatMap(perHousehold)) {
    const d = e.data as Data;
    if (e.type === type && d.applicationId && keep(d)) counts.set(d.applicationId, (counts.get(d.applicationId) ?? 0) + 1);
  }
  return counts;
}

/** A payroll batch's instructions (one event) as one PaymentInstructionIssued per household, as runs recorded them before. */
function perHousehold(e: RecordedEvent): RecordedEvent[] {
  if (e.type !== 'PaymentInstructionsIssued') return [e];
  const { payrollId, month, issuedAt, instructions } = e.data as { payrollId: string; month: string; issuedAt: string; instructions: Data[] };
  return instructions.map((i) => ({ ...e, type: 'PaymentInstructionIssued', data: { payrollId, ...i, month, issuedAt } }));
}

function exactlyOne(invariant: string, counts: Map<string, number>, applications: readonly string[]): Verdict {
  const failures = applications.flatMap((id) => {
    const n = counts.get(id) ?? 0;
    return n === 1 ? [] : [`${id}: ${n}`];
  });
  return { invariant, ok: failures.length === 0, failures };
}

function events(evidence: Evidence, service: string): readonly RecordedEvent[] {
  return evidence.services[service]?.events ?? [];
}

/** A resident covered by two entitlements that are both live (granted, not stopped). */
function doubleBenefit(evidence: Evidence): Verdict {
  const payments = events(evidence, 'payments');
  const stopped = new Set(payments.filter((e) => e.type === 'EntitlementStopped').map((e) => (e.data as Data).entitlementId));
  const holders = new Map<string, Set<string>>();
  for (const e of payments) {
    const d = e.data as Data;
    if (e.type !== 'EntitlementGranted' || stopped.has(d.entitlementId)) continue;
    for (const m of d.members ?? []) holders.set(m.residentId, (holders.get(m.residentId) ?? new Set()).add(d.applicationId ?? '?'));
  }
  const failures = [...holders]
    .filter(([, apps]) => apps.size > 1)
    .map(([resident, apps]) => `resident ${maskResidentId(resident)} in ${[...apps].join(', ')}`);
  return { invariant: 'no resident with two live entitlements', ok: failures.length === 0, failures };
}

/** Relay: every domain event the service's mapping makes public has its ce_id on the service's topics. */
function relayComplete(evidence: Evidence): Verdict {
  const failures: string[] = [];
  for (const [service, publication] of Object.entries(publications)) {
    const own = evidence.services[service];
    if (!own) continue;
    const prefixes = publication.streamPrefixes;
    const missing = own.events.filter(
      (e) => !own.published.has(e.eventId) && prefixes.some((p) => e.stream.startsWith(p)) && mapDomainEvent(publication.mapping, e),
    );
    for (const e of missing)
      failures.push(`${service}: ${e.type} ${e.eventId} (stream ${e.stream.replace(/\d{17}[\dX]/g, (r) => maskResidentId(r))}) not on Kafka`);
  }
  return { invariant: 'no event missing between each store and Kafka', ok: failures.length === 0, failures };
}

const transientText =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|timeout|timed out|57P01|57P03|53300|terminating connection|connection (terminated|closed|refused)|not available|NotLeader|LEADER_NOT_AVAILABLE|NETWORK|server selection|ServerSelection|socket/i;

export function isTransient(letter: Pick<DeadLetterEntry, 'reason' | 'error'>): boolean {
  return letter.reason === 'retries-exhausted' || transientText.test(letter.error ?? '');
}

function deadLettersAccounted(evidence: Evidence): Verdict {
  const describe = (l: DeadLetterEntry) =>
    `${l.dlqTopic}@${l.partition}:${l.offset} ${l.type ?? '?'} by ${l.consumer ?? '?'}: ${l.reason ?? '?'} — ${(l.error ?? '').slice(0, 160)}`;
  const transient = evidence.deadLetters.filter(isTransient);
  const poison = evidence.deadLetters.filter((l) => !isTransient(l));
  return {
    invariant: 'every dead letter accounted for (none with a transient cause)',
    ok: transient.length === 0,
    failures: transient.map(describe),
    note: `${evidence.deadLetters.length} dead letter(s); poison, each with its reason: ${poison.length === 0 ? 'none' : poison.map(describe).join(' | ')}`,
  };
}

export function judge(evidence: Evidence, facts: RunFacts): Verdict[] {
  const all = [...facts.journey, ...facts.probes];
  const month = facts.payrollMonth;
  return [
    exactlyOne('exactly one economic check per application', perApplication(events(evidence, 'verification'), 'CheckCompleted'), all),
    exactlyOne('exactly one case per application', perApplication(events(evidence, 'approval'), 'CaseOpened'), all),
    exactlyOne('exactly one entitlement per application', perApplication(events(evidence, 'payments'), 'EntitlementGranted'), facts.journey),
    exactlyOne(
      `exactly one payroll instruction per application${month ? ` (${month})` : ''}`,
      perApplication(events(evidence, 'payments'), 'PaymentInstructionIssued', (d) => d.month === month),
      facts.journey,
    ),
    doubleBenefit(evidence),
    relayComplete(evidence),
    deadLettersAccounted(evidence),
    { invariant: 'no service exited by itself (a dependency going away kills no process)', ok: facts.selfExits.length === 0, failures: facts.selfExits },
  ];
}
