/**
 * 虚报冒领 after a death: benefits stop from the month after the recipient's death (死亡次月停发),
 * so a payment instruction for that month or later pays someone who is dead. The death may be known
 * to payments (DeathReported on the entitlement) or only to the county register (ResidentDeathReported
 * from public security, about the applicant, the account holder or a one-person household): both
 * count, and the finding says whether the death was already on record when the payment was issued.
 */
import { addMonths, maskResidentId } from '@sa/domain-shared';
import type { CaseHistory } from '../case-history';
import { membersOf, regionOf, type MemberFact } from '../case-facts';
import { integer, record, text } from '../read';
import { recordedBy, type SourcedEvent } from '../sourced-event';
import { evidence, findingKey, type Evidence, type Finding } from './finding';

interface Death {
  readonly dateOfDeath: string;
  readonly event: SourcedEvent;
  readonly who: string;
}

/** Is this member the person the benefit is paid to? */
function isRecipient(member: MemberFact, payees: ReadonlySet<string>, householdSize: number): boolean {
  return member.relation === 'applicant' || (member.name !== undefined && payees.has(member.name)) || householdSize === 1;
}

function payeesOf(events: readonly SourcedEvent[]): Set<string> {
  const names = new Set<string>();
  for (const event of events) {
    const d = record(event.data);
    const holder =
      text(record(d.payee).accountHolder) ?? text(record(d.bankAccount).accountHolder) ?? text(record(record(d.household).bankAccount).accountHolder);
    if (holder) names.add(holder);
  }
  return names;
}

export function recipientDeaths(history: CaseHistory): Death[] {
  const deaths: Death[] = [];
  for (const event of history.events) {
    const date = text(record(event.data).dateOfDeath);
    if (event.type === 'DeathReported' && date) deaths.push({ dateOfDeath: date, event, who: 'the recipient (reported to payments)' });
  }
  const members = membersOf(history.events);
  const payees = payeesOf(history.events);
  for (const event of history.departmentData) {
    const d = record(event.data);
    const member = members.get(text(d.residentId)?.toUpperCase() ?? '');
    const date = text(d.dateOfDeath);
    if (event.type === 'ResidentDeathReported' && date && member && isRecipient(member, payees, members.size)) {
      deaths.push({ dateOfDeath: date, event, who: `member ${maskResidentId(member.residentId)} (reported by public security)` });
    }
  }
  return deaths.sort((a, b) => a.dateOfDeath.localeCompare(b.dateOfDeath));
}

function settlementOf(events: readonly SourcedEvent[], instructionId: string): SourcedEvent[] {
  return events.filter(
    (e) =>
      (e.type === 'PaymentSucceeded' || e.type === 'PaymentFailed' || e.type === 'PaymentFlaggedForRecovery') &&
      text(record(e.data).instructionId) === instructionId,
  );
}

export function detectPaymentsAfterDeath(history: CaseHistory): Finding[] {
  const deaths = recipientDeaths(history);
  const first = deaths[0];
  if (!first) return [];
  const firstUnpaidMonth = addMonths(first.dateOfDeath.slice(0, 7), 1);
  const region = regionOf(history.events);
  return history.events.flatMap((payment) => {
    const d = record(payment.data);
    const month = text(d.month);
    const instructionId = text(d.instructionId) ?? payment.eventId;
    if (payment.type !== 'PaymentInstructionIssued' || !month || month < firstUnpaidMonth) return [];
    const follow = settlementOf(history.events, instructionId);
    const known = deaths.some((death) => recordedBy(death.event, payment.recordedAt));
    const proof: Evidence[] = [
      ...deaths.map((death) => evidence(death.event, `${death.who} died on ${death.dateOfDeath}`)),
      evidence(payment, `payment for ${month} issued`),
      ...follow.map((e) =>
        evidence(
          e,
          e.type === 'PaymentFlaggedForRecovery' ? 'flagged for recovery' : e.type === 'PaymentSucceeded' ? 'paid by the bank' : 'failed at the bank',
        ),
      ),
    ];
    return [
      {
        key: findingKey('payment-after-death', [history.applicationId], instructionId),
        kind: 'payment-after-death' as const,
        severity: 'high' as const,
        applicationIds: [history.applicationId],
        regions: region ? [region] : [],
        summary: `payment for ${month} (${integer(d.amountFen) ?? '?'} fen) issued although the recipient died on ${first.dateOfDeath}; nothing is owed from ${firstUnpaidMonth}`,
        evidence: proof,
        details: {
          instructionId,
          month,
          amountFen: integer(d.amountFen) ?? null,
          dateOfDeath: first.dateOfDeath,
          deathOnRecordWhenIssued: known,
          paid: follow.some((e) => e.type === 'PaymentSucceeded'),
          flaggedForRecovery: follow.some((e) => e.type === 'PaymentFlaggedForRecovery'),
        },
      },
    ];
  });
}
