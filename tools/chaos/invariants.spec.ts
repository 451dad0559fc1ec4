/**
 * The judge on hand-made evidence (pure: no servers). The suite itself is the test on the real
 * servers; this proves each invariant can fail and names its offenders.
 */
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@sa/event-store';
import type { DeadLetterEntry } from '@sa/messaging';
import type { Evidence, ServiceEvidence } from './evidence';
import { isTransient, judge, type RunFacts } from './invariants';

const resident = '331002196603011005';

function event(type: string, stream: string, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    stream,
    revision: 0,
    position: 0,
    data,
    occurredAt: '2026-12-04T00:00:00.000Z',
    recordedAt: '2026-12-04T00:00:00.000Z',
    actor: { userId: 'u', role: 'intake-worker', orgUnit: '331002001' },
    correlationId: 'c',
    causationId: null,
    sourceSystem: 'test',
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
}

/** Evidence of a clean run of the given applications: every event stored once and published. */
function cleanRun(apps: readonly string[]): Record<string, RecordedEvent[]> {
  return {
    intake: apps.map((a) => event('ApplicationSubmitted', `application-${a}`, { applicationId: a })),
    verification: apps.map((a) => event('CheckCompleted', `household-check-${a}`, { applicationId: a })),
    approval: apps.map((a) => event('CaseOpened', `case-${a}`, { applicationId: a })),
    payments: apps.flatMap((a, i) => [
      event('EntitlementGranted', `entitlement-${a}`, {
        applicationId: a,
        entitlementId: `e-${a}`,
        members: [{ memberId: 'm', residentId: `${resident}${i}` }],
      }),
      event('PaymentInstructionIssued', `payroll-${a}`, { applicationId: a, entitlementId: `e-${a}`, month: '2027-01' }),
    ]),
  };
}

function evidence(events: Record<string, RecordedEvent[]>, unpublished: readonly string[] = [], deadLetters: DeadLetterEntry[] = []): Evidence {
  const services: Record<string, ServiceEvidence> = {};
  for (const [service, list] of Object.entries(events)) {
    services[service] = { events: list, published: new Set(list.map((e) => e.eventId).filter((id) => !unpublished.includes(id))) };
  }
  return { services, deadLetters };
}

const facts = (journey: string[], extra: Partial<RunFacts> = {}): RunFacts => ({ journey, probes: [], payrollMonth: '2027-01', selfExits: [], ...extra });
const failed = (verdicts: ReturnType<typeof judge>) => verdicts.filter((v) => !v.ok).map((v) => ({ invariant: v.invariant, failures: v.failures }));

function letter(reason: string, error: string): DeadLetterEntry {
  return {
    dlqTopic: 'run.sa.approval.cases.v1.dlq',
    partition: 0,
    offset: 3n,
    reason,
    error,
    type: 'sa.case-approved.v1',
    consumer: 'payments-approvals',
    record: { headers: new Map() },
  };
}

describe('chaos invariants', () => {
  it('holds for a clean run', () => {
    // Given two applications, each checked, opened, granted and paid once, everything published
    const apps = [randomUUID(), randomUUID()];
    // When judged
    const verdicts = judge(evidence(cleanRun(apps)), facts(apps));
    // Then every invariant holds
    expect(failed(verdicts)).toEqual([]);
  });

  it('names the application with a second check and the one with no entitlement', () => {
    // Given one application checked twice and another never granted
    const [twice, never] = [randomUUID(), randomUUID()];
    const events = cleanRun([twice, never as string]);
    events.verification?.push(event('CheckCompleted', `household-check-${twice}-2`, { applicationId: twice }));
    events.payments = events.payments?.filter((e) => (e.data as { applicationId: string }).applicationId !== never) ?? [];
    // When judged
    const verdicts = failed(judge(evidence(events), facts([twice as string, never as string])));
    // Then both are named with their counts
    expect(verdicts).toEqual(
      expect.arrayContaining([
        { invariant: 'exactly one economic check per application', failures: [`${twice}: 2`] },
        { invariant: 'exactly one entitlement per application', failures: [`${never}: 0`] },
        { invariant: 'exactly one payroll instruction per application (2027-01)', failures: [`${never}: 0`] },
      ]),
    );
  });

  it('counts the instructions of a payroll batch event per household, beside instructions recorded one by one', () => {
    // Given two applications paid in one batch event, and the first paid again by an old-style instruction
    const [first, second] = [randomUUID(), randomUUID()];
    const events = cleanRun([first, second]);
    const batch = event('PaymentInstructionsIssued', 'payroll-run', {
      payrollId: 'run',
      month: '2027-01',
      issuedAt: '2027-01-08T09:00:00+08:00',
      instructions: [first, second].map((a) => ({ applicationId: a, entitlementId: `e-${a}`, instructionId: `i-${a}` })),
    });
    const once = { ...events, payments: [...(events.payments ?? []).filter((e) => e.type !== 'PaymentInstructionIssued'), batch] };
    // When judged, then each is paid exactly once
    expect(failed(judge(evidence(once), facts([first, second])))).toEqual([]);
    // And with the old-style instruction of the first beside the batch, the first is named with its two
    const twice = { ...once, payments: [...once.payments, event('PaymentInstructionIssued', 'payroll-old', { applicationId: first, month: '2027-01' })] };
    expect(failed(judge(evidence(twice), facts([first, second])))).toEqual([
      { invariant: 'exactly one payroll instruction per application (2027-01)', failures: [`${first}: 2`] },
    ]);
  });

  it('finds a resident in two live entitlements, masked, and forgives one that was stopped', () => {
    // Given a resident granted in two applications
    const [first, second] = [randomUUID(), randomUUID()];
    const events = cleanRun([first, second]);
    const granted = (app: string) =>
      event('EntitlementGranted', `entitlement-${app}-x`, { applicationId: app, entitlementId: `x-${app}`, members: [{ residentId: resident }] });
    const both = { ...events, payments: [...(events.payments ?? []), granted(first), granted(second)] };
    // When judged, then the resident is named masked, with both applications
    const double = judge(evidence(both), facts([])).find((v) => v.invariant === 'no resident with two live entitlements');
    expect(double?.ok).toBe(false);
    expect(double?.failures).toEqual([expect.stringMatching(new RegExp(`in ${first}, ${second}$`))]);
    expect(double?.failures[0]).not.toContain(resident);
    // And when the first of them was stopped, no double benefit is left
    const stopped = {
      ...both,
      payments: [...both.payments, event('EntitlementStopped', `entitlement-${first}-x`, { applicationId: first, entitlementId: `x-${first}` })],
    };
    expect(judge(evidence(stopped), facts([])).find((v) => v.invariant === 'no resident with two live entitlements')?.ok).toBe(true);
  });

  it('names a domain event that never reached Kafka', () => {
    // Given an application whose ApplicationSubmitted was stored but not published
    const app = randomUUID();
    const events = cleanRun([app]);
    const lost = events.intake?.[0] as RecordedEvent;
    // When judged
    const relay = judge(evidence(events, [lost.eventId]), facts([app])).find((v) => v.invariant.startsWith('no event missing'));
    // Then the event is named with its service
    expect(relay).toMatchObject({ ok: false, failures: [expect.stringContaining(`intake: ApplicationSubmitted ${lost.eventId}`)] });
  });

  it('fails on a dead letter with a transient cause and accounts for a poison one', () => {
    // Given one message dead-lettered after PostgreSQL went away and one that broke its contract
    const letters = [letter('retries-exhausted', 'connect ECONNREFUSED 127.0.0.1:56632'), letter('schema-violation', 'householdSize: must be at least 1')];
    // When judged
    const verdict = judge(evidence(cleanRun([]), [], letters), facts([])).find((v) => v.invariant.startsWith('every dead letter'));
    // Then only the transient one fails, and the poison one is listed with its reason
    expect(verdict?.ok).toBe(false);
    expect(verdict?.failures).toEqual([expect.stringContaining('retries-exhausted')]);
    expect(verdict?.note).toContain('schema-violation');
    expect(isTransient({ reason: 'handler-rejected', error: 'terminating connection due to administrator command (57P01)' })).toBe(true);
  });

  it('fails when a service exited by itself', () => {
    const verdicts = failed(judge(evidence(cleanRun([])), facts([], { selfExits: ['intake (exit code 1)'] })));
    expect(verdicts).toEqual([{ invariant: 'no service exited by itself (a dependency going away kills no process)', failures: ['intake (exit code 1)'] }]);
  });
});
